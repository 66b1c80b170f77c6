using Observatory.Content;
using Observatory.Frameworks;

namespace Observatory.Core.Tests.Content;

public sealed class ContentTests
{
    [Fact]
    public void Highlighting_encodes_the_text_and_marks_each_word_once()
    {
        Highlighter.Highlight("Food & <water> for all", "food water")
            .ShouldBe("<mark>Food</mark> &amp; &lt;<mark>water</mark>&gt; for all");
    }

    [Fact]
    public void Highlighting_never_matches_inside_entities_or_marks()
    {
        Highlighter.Highlight("A & B", "amp mark").ShouldBe("A &amp; B");
    }

    [Fact]
    public void Highlighting_marks_the_longest_word_where_two_start_together_whatever_their_case()
    {
        Highlighter.Highlight("Communities and the COMMUNITY hall", "community communities")
            .ShouldBe("<mark>Communities</mark> and the <mark>COMMUNITY</mark> hall");
    }

    // Every search page highlights twenty snippets. RegexOptions.NonBacktracking builds its automaton afresh for
    // each new Regex (220–740 KB and about a millisecond a snippet), which made evidence search two to three times
    // slower; the backtracking engine needs under 12 KB. Bytes allocated, unlike time, do not depend on the machine's load.
    [Fact]
    public void Highlighting_a_snippet_allocates_kilobytes_not_an_automaton()
    {
        const string Snippet = "… community energy project in the borough brought together residents, councillors and local businesses to plan "
            + "the retrofit of homes and public buildings, reducing energy bills and carbon emissions while creating local jobs for the community …";
        Highlighter.Highlight(Snippet, "energy community");

        var before = GC.GetAllocatedBytesForCurrentThread();
        var html = Highlighter.Highlight(Snippet, "energy community");
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        html.ShouldContain("<mark>community</mark> <mark>energy</mark>");
        allocated.ShouldBeLessThan(64 * 1024);
    }

    [Fact]
    public void Markdown_drops_raw_html_and_unsafe_links()
    {
        var html = MarkdownRenderer.ToGovUkHtml("# Title\n\n<script>alert(1)</script>\n\n[bad](javascript:alert(1)) [good](https://www.ons.gov.uk)");

        html.ShouldContain("<h1 class=\"govuk-heading-xl\">Title</h1>");
        html.ShouldNotContain("<script>");
        html.ShouldNotContain("javascript:");
        html.ShouldContain("<a class=\"govuk-link\" href=\"https://www.ons.gov.uk\">good</a>");
    }

    [Fact]
    public void A_markdown_table_scrolls_in_a_region_named_by_its_heading()
    {
        var html = MarkdownRenderer.ToGovUkHtml("## The `id` field\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n| c |\n|---|\n| 3 |\n\n## Other\n\n| d |\n|---|\n| 4 |\n");
        var regions = html.ParseRegions();

        regions.ShouldBe(["Table: The id field", "Table: The id field (2)", "Table: Other"]);
        html.ShouldContain("<div class=\"app-table-region\" role=\"region\" aria-label=\"Table: The id field\" tabindex=\"0\"><table class=\"govuk-table\">");
        html.Split("</table></div>").Length.ShouldBe(4);
    }

    [Theory]
    [InlineData(1, "period", null, "1 period")]
    [InlineData(2, "period", null, "2 periods")]
    [InlineData(0, "council", null, "0 councils")]
    [InlineData(1204, "council", null, "1,204 councils")]
    [InlineData(3, "library", "libraries", "3 libraries")]
    public void A_count_agrees_with_its_noun(long count, string singular, string? plural, string expected) =>
        Numbers.Count(count, singular, plural).ShouldBe(expected);

    [Theory]
    [InlineData("area-of-focus", 16, "16 areas of focus")]
    [InlineData("area-of-focus", 1, "1 area of focus")]
    [InlineData("impact-area", 9, "9 impact areas")]
    [InlineData("priority", 3, "3 priorities")]
    [InlineData("lens", 4, "4 lenses")]
    [InlineData("pillar", 4, "4 pillars")]
    [InlineData("award-criterion", 15, "15 award criteria")]
    [InlineData("policy-outcome", 8, "8 policy outcomes")]
    public void Element_kinds_read_as_words(string kind, int count, string expected) =>
        ElementKinds.Count(kind, count).ShouldBe(expected);

    [Fact]
    public void A_broken_shipped_file_stops_the_load_naming_its_file_and_line()
    {
        var folder = Path.Combine(Path.GetTempPath(), "observatory-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(folder, "frameworks"));
        File.WriteAllText(Path.Combine(folder, "frameworks", "broken.yaml"), "id: broken\nname: Broken\nversion: '1'\npublisher: Us\ngroup: Ethics\nsummary: x\nsource:\n  file: socitm-connects-strategy-2022-25.txt\n  section: s\nelements:\n  - id: a\n    name: A\n    kind: k\n    descripton: typo\n");

        var error = Should.Throw<ContentValidationException>(() => FrameworkCatalogue.LoadShipped(new DataFolder(folder)));

        error.Problems.ShouldContain(p => p.File == "data/frameworks/broken.yaml" && p.Line == 14 && p.Message.Contains("unknown key 'descripton'"));
        error.Problems.ShouldContain(p => p.File == "data/frameworks/broken.yaml" && p.Line == 11 && p.Field == "elements[0].description");
        error.Message.ShouldContain("data/frameworks/broken.yaml:14");
    }
}

internal static partial class RegionNames
{
    /// <summary>The names of the scrolling regions in some HTML, in order.</summary>
    public static IReadOnlyList<string> ParseRegions(this string html) =>
        [.. Label().Matches(html).Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value))];

    [System.Text.RegularExpressions.GeneratedRegex("role=\"region\" aria-label=\"([^\"]*)\"")]
    private static partial System.Text.RegularExpressions.Regex Label();
}
