using System.Text.RegularExpressions;
using Observatory.Testing;

namespace Observatory.Web.Tests.Shell;

/// <summary>
/// Pages cite only what a reader can open: published papers, datasets and the Observatory's own pages, never the
/// notes the Observatory was built from ("shared reference DOUGHNUT.md, section 2.1", "INDICATORS.md §7") or any
/// other Markdown file of its source code.
/// </summary>
public sealed partial class CitationTests(WebAppFixture fixture) : IClassFixture<WebAppFixture>
{
    /// <summary>Pages no link reaches whose text comes from the shipped data.</summary>
    private static readonly string[] Starts =
    [
        "/", "/about", "/about/data-formats", "/about/evidence", "/portraits", "/portraits/uk-council", "/portraits/oneill-2018",
        "/portraits/fanning-2022", "/portraits/fanning-raworth-2025", "/areas/E08000010/portrait", "/indicators", "/indices", "/frameworks",
    ];

    [Fact]
    public async Task No_page_names_a_document_a_reader_cannot_open()
    {
        var problems = new List<string>();
        var visited = await CrawlAsync(async (path, html) =>
        {
            var page = html.ParseHtml();
            var text = page.Body!.TextContent.Normalised();
            var hrefs = page.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!).ToList();
            foreach (var m in Leak().Matches(text).Concat(hrefs.SelectMany(h => Leak().Matches(h))))
            {
                var at = Math.Max(0, text.IndexOf(m.Value, StringComparison.Ordinal) - 60);
                problems.Add($"{path}: \"{m.Value}\" in “…{(text.IndexOf(m.Value, StringComparison.Ordinal) >= 0 ? text.Substring(at, Math.Min(160, text.Length - at)) : m.Value)}…”");
            }
        });

        // The crawl reaches the pages whose words come from the shipped catalogue, portraits and frameworks.
        visited.ShouldContain("/portraits/uk-council");
        visited.ShouldContain("/indicators/greenhouse-gas-emissions");
        visited.ShouldContain("/frameworks/doughnut/food");
        visited.Count.ShouldBeGreaterThan(150);
        problems.ShouldBeEmpty($"{problems.Count} citations of documents no reader can open, in {visited.Count} pages");
    }

    [Fact]
    public void No_shipped_data_file_names_the_notes_the_Observatory_was_built_from()
    {
        var data = Path.Combine(TestEnvironment.RepositoryRoot, "data");
        var problems = Directory.EnumerateFiles(data, "*", SearchOption.AllDirectories)
            .Where(f => Path.GetExtension(f) is ".yaml" or ".yml" or ".json" or ".csv" or ".md")
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetRelativePath(data, f), Line: i + 1, Text: line)))
            .Where(l => Notes().IsMatch(l.Text))
            .Select(l => $"data/{l.File} line {l.Line}: {l.Text.Trim()}")
            .ToList();

        problems.ShouldBeEmpty();
    }

    /// <summary>The crawl itself: breadth first from <see cref="Starts"/>, every page once, a few of each area, import or query.</summary>
    private async Task<IReadOnlyList<string>> CrawlAsync(Func<string, string, Task> check)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var read = new List<string>();
        var shapes = new Dictionary<string, int>(StringComparer.Ordinal);
        var queue = new Queue<string>(Starts);
        while (queue.Count > 0 && read.Count < 1500)
        {
            var path = queue.Dequeue();
            if (!seen.Add(path))
            {
                continue;
            }
            // Areas, imports and queries are hundreds of pages built alike: three of each are read.
            var shape = Generated().Replace(path.Split('?')[0], "*") + (path.Contains('?', StringComparison.Ordinal) ? "?" : "");
            var count = shapes[shape] = shapes.GetValueOrDefault(shape) + 1;
            if (count > 3 && (shape.Contains('*', StringComparison.Ordinal) || shape.EndsWith('?')))
            {
                continue;
            }
            read.Add(path);
            using var response = await fixture.Client.GetAsync(path);
            if (response.Content.Headers.ContentType?.MediaType != "text/html")
            {
                continue;
            }
            var html = await response.Content.ReadAsStringAsync();
            await check(path, html);
            foreach (var href in html.ParseHtml().QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!))
            {
                if (href.StartsWith('/') && !href.StartsWith("//", StringComparison.Ordinal) && !href.StartsWith("/api/", StringComparison.Ordinal)
                    && !href.StartsWith("/openapi", StringComparison.Ordinal))
                {
                    queue.Enqueue(href.Split('#')[0]);
                }
            }
        }
        return read;
    }

    /// <summary>"shared reference", a section sign, or a Markdown file named as a document (DOUGHNUT.md, docs/x.md).</summary>
    [GeneratedRegex(@"shared reference|shared/reference|§|\b[\w./-]+\.md\b", RegexOptions.IgnoreCase)]
    private static partial Regex Leak();

    /// <summary>In the data files, where file paths are normal: the notes by name, not the repository's own docs.</summary>
    [GeneratedRegex(@"shared reference|shared/|§|\b(?!PROVENANCE\.md|README\.md|LICENSE\.md)[A-Z]{3,}\.md\b")]
    private static partial Regex Notes();

    [GeneratedRegex(@"(?<=/)([A-Z]\d{8}|TL[A-Z0-9]{1,3}|[A-Z]{3}|\d+)(?=/|$)")]
    private static partial Regex Generated();
}
