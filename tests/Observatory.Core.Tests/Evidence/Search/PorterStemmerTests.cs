using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Observatory.Content;
using Observatory.Evidence;
using Observatory.Evidence.Search.Index;
using Observatory.Frameworks;
using Observatory.Places;
using Shouldly;
using Xunit;

namespace Observatory.Core.Tests.Evidence.Search;

/// <summary>The index's words must be FTS5's words, or the two searches would find different items.</summary>
public sealed class PorterStemmerTests
{
    // Porter's own examples (1980, and the rule tables of his published implementation), whole-algorithm results.
    [Theory]
    [InlineData("caresses", "caress")]
    [InlineData("ponies", "poni")]
    [InlineData("ties", "ti")]
    [InlineData("caress", "caress")]
    [InlineData("cats", "cat")]
    [InlineData("feed", "feed")]
    [InlineData("agreed", "agre")]
    [InlineData("plastered", "plaster")]
    [InlineData("bled", "bled")]
    [InlineData("motoring", "motor")]
    [InlineData("sing", "sing")]
    [InlineData("conflated", "conflat")]
    [InlineData("troubled", "troubl")]
    [InlineData("sized", "size")]
    [InlineData("hopping", "hop")]
    [InlineData("tanned", "tan")]
    [InlineData("falling", "fall")]
    [InlineData("hissing", "hiss")]
    [InlineData("fizzed", "fizz")]
    [InlineData("failing", "fail")]
    [InlineData("filing", "file")]
    [InlineData("happy", "happi")]
    [InlineData("sky", "sky")]
    [InlineData("relational", "relat")]
    [InlineData("conditional", "condit")]
    [InlineData("rational", "ration")]
    [InlineData("digitizer", "digit")]
    [InlineData("operator", "oper")]
    [InlineData("feudalism", "feudal")]
    [InlineData("decisiveness", "decis")]
    [InlineData("hopefulness", "hope")]
    [InlineData("callousness", "callous")]
    [InlineData("formative", "form")]
    [InlineData("formalize", "formal")]
    [InlineData("electrical", "electr")]
    [InlineData("goodness", "good")]
    [InlineData("revival", "reviv")]
    [InlineData("allowance", "allow")]
    [InlineData("inference", "infer")]
    [InlineData("airliner", "airlin")]
    [InlineData("adjustable", "adjust")]
    [InlineData("defensible", "defens")]
    [InlineData("irritant", "irrit")]
    [InlineData("replacement", "replac")]
    [InlineData("adjustment", "adjust")]
    [InlineData("dependent", "depend")]
    [InlineData("adoption", "adopt")]
    [InlineData("communism", "commun")]
    [InlineData("activate", "activ")]
    [InlineData("effective", "effect")]
    [InlineData("bowdlerize", "bowdler")]
    [InlineData("probate", "probat")]
    [InlineData("rate", "rate")]
    [InlineData("cease", "ceas")]
    [InlineData("controll", "control")]
    [InlineData("roll", "roll")]
    [InlineData("generalization", "gener")]
    [InlineData("generalizations", "gener")]
    [InlineData("oscillators", "oscil")]
    [InlineData("councils", "council")]
    [InlineData("is", "is")]
    public void Stems_as_porter_published(string word, string stem) => PorterStemmer.Stem(word).ShouldBe(stem);

    [Fact]
    public void Tokens_are_folded_split_and_stemmed()
    {
        SearchTokeniser.Terms("Ynys Môn's COUNCILS—digital_inclusion; café 2024 食物").ShouldBe(["yny", "mon", "s", "council", "digit", "inclus", "cafe", "2024", "食物"]);
    }

    /// <summary>
    /// Every word of the shipped evidence, the published examples and some awkward ones, stemmed here and by
    /// SQLite's own FTS5 tokeniser (read back through fts5vocab): the two must agree on each.
    /// </summary>
    [Fact]
    public void Every_word_of_the_shipped_evidence_has_the_same_terms_as_fts5_gives_it()
    {
        var data = DataFolder.Locate();
        var frameworks = FrameworkCatalogue.LoadShipped(data);
        var shipped = ShippedEvidence.LoadShipped(data, frameworks, PlaceRegistry.LoadShipped(data));
        var texts = shipped.Items.SelectMany(i => new[] { i.Title, i.Summary, i.Body ?? "", string.Join(' ', i.Organisations) })
            .Concat(frameworks.Frameworks.SelectMany(f => f.AllElements()).Select(e => e.Name))
            .Concat(["Môn Ynys Bro Gŵyr Ceredigion naïve façade Zürich œuvre ÆTHER straße İstanbul", "sses ies aed bbed yyed eeds a1b2 x y", "ǅemal ŉ ﬁne"])
            .ToList();
        var words = texts.SelectMany(t => t.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).Distinct(StringComparer.Ordinal).ToList();
        words.Count.ShouldBeGreaterThan(1_000);

        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using (var create = connection.CreateCommand())
        {
            create.CommandText = "CREATE VIRTUAL TABLE t USING fts5(x, tokenize = 'porter unicode61 remove_diacritics 2'); CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance');";
            create.ExecuteNonQuery();
        }
        using (var transaction = connection.BeginTransaction())
        {
            using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO t (rowid, x) VALUES ($id, $x)";
            var id = insert.Parameters.Add("$id", SqliteType.Integer);
            var x = insert.Parameters.Add("$x", SqliteType.Text);
            for (var i = 0; i < words.Count; i++)
            {
                id.Value = i + 1;
                x.Value = words[i];
                insert.ExecuteNonQuery();
            }
            transaction.Commit();
        }
        var fts5 = new Dictionary<int, SortedList<int, string>>();
        using (var read = connection.CreateCommand())
        {
            read.CommandText = "SELECT doc, offset, term FROM v";
            using var reader = read.ExecuteReader();
            while (reader.Read())
            {
                var doc = reader.GetInt32(0);
                if (!fts5.TryGetValue(doc, out var terms))
                {
                    fts5[doc] = terms = [];
                }
                terms[reader.GetInt32(1)] = reader.GetString(2);
            }
        }
        var different = new List<string>();
        for (var i = 0; i < words.Count; i++)
        {
            var theirs = fts5.TryGetValue(i + 1, out var terms) ? string.Join(' ', terms.Values) : "";
            var ours = string.Join(' ', SearchTokeniser.Terms(words[i]));
            if (theirs != ours)
            {
                different.Add($"{words[i]}: FTS5 '{theirs}', index '{ours}'");
            }
        }
        different.ShouldBeEmpty();
    }
}
