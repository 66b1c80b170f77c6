using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Observatory.Assessments;
using Observatory.Frameworks;
using Observatory.Testing;

namespace Observatory.Web.Tests.Frameworks;

/// <summary>
/// Every page that shows framework elements names their frameworks in words: the catalogue's shorthand ("LDC",
/// "4Rs") never appears as a bracketed label, in a list of frameworks, a heading or a choice. The pages are found
/// by following links from the evidence map, the gap map, the framework pages and the assessments, as a reader
/// would, so a page added there later is checked too.
/// </summary>
public sealed class PlainFrameworkNamesTests(WebAppFixture fixture) : IClassFixture<WebAppFixture>
{
    /// <summary>Where the crawl goes: the pages whose words are the catalogue's element and framework names.</summary>
    private static readonly string[] Prefixes = ["/frameworks", "/evidence/map", "/evidence/gaps", "/assessments"];

    [Fact]
    public async Task No_page_that_shows_framework_elements_uses_the_catalogues_shorthand()
    {
        var catalogue = fixture.App.Services.GetRequiredService<FrameworkCatalogue>();
        var shorthand = catalogue.Frameworks.Select(f => f.ShortName).OfType<string>().Where(FrameworkLabels.IsShorthand).ToList();
        shorthand.ShouldContain("LDC");
        var alternatives = string.Join('|', shorthand.Select(Regex.Escape));
        // A framework named as a label: "(LDC)", "All of LDC", "components of LDC", "Checklist: LDC", "… – LDC".
        var label = new Regex($@"(?:\(|\bof |– |: )(?:{alternatives})(?=\)|\s|$|[.,;])");
        var starts = new[]
        {
            "/frameworks", "/frameworks/local-digital-capital", "/frameworks/local-digital-capital/digital-skills", "/frameworks/four-rs",
            "/frameworks/four-rs/reset", "/evidence/map", "/evidence/map?element=local-digital-capital",
            "/evidence/map?element=local-digital-capital/digital-skills", "/evidence/gaps",
            "/evidence/gaps?rows=local-digital-capital&rowKind=component&columns=four-rs&columnKind=pillar",
            "/assessments", "/assessments/" + FrameworkChecklist.TemplateId("local-digital-capital"),
            "/assessments/" + FrameworkChecklist.TemplateId("four-rs"),
        };

        var problems = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var shapes = new Dictionary<string, int>(StringComparer.Ordinal);
        var queue = new Queue<string>(starts);
        while (queue.Count > 0)
        {
            var path = queue.Dequeue();
            if (!seen.Add(path) || !Prefixes.Any(p => path.StartsWith(p, StringComparison.Ordinal)) || !Sampled(path, shapes, starts))
            {
                continue;
            }
            using var response = await fixture.Client.GetAsync(path);
            if (response.StatusCode == HttpStatusCode.Found)
            {
                // A page behind sign-in (importing a framework): its words are the form's, not the catalogue's.
                continue;
            }
            response.StatusCode.ShouldBe(HttpStatusCode.OK, path);
            var page = (await response.Content.ReadAsStringAsync()).ParseHtml();
            var texts = new[] { page.Title ?? "" }
                .Concat(page.QuerySelectorAll("main h1, main h2, main h3, main caption, main th, main legend, main label, main option, main .govuk-hint, main .govuk-summary-list__value, main a")
                    .Select(e => e.TextContent.Normalised()))
                .Append(page.Body!.TextContent.Normalised());
            foreach (var text in texts)
            {
                if (label.Match(text) is { Success: true } m)
                {
                    var at = Math.Max(0, m.Index - 40);
                    problems.Add($"{path}: “…{text.Substring(at, Math.Min(100, text.Length - at))}…”");
                }
            }
            foreach (var href in page.QuerySelectorAll("main a[href]").Select(a => a.GetAttribute("href")!.Split('#')[0]))
            {
                if (href.StartsWith('/') && !href.StartsWith("//", StringComparison.Ordinal))
                {
                    queue.Enqueue(href);
                }
            }
        }

        seen.ShouldContain("/frameworks/local-digital-capital/digital-skills");
        problems.Distinct().ToList().ShouldBeEmpty($"read {seen.Count} addresses");
    }

    /// <summary>
    /// Every page of the frameworks with shorthand names, and three of each other framework's element pages, of
    /// each evidence map filter and of each gap-map axis, so the test reads a few hundred pages rather than every element.
    /// </summary>
    private static bool Sampled(string path, Dictionary<string, int> shapes, string[] starts)
    {
        if (starts.Contains(path) || path.StartsWith("/frameworks/local-digital-capital", StringComparison.Ordinal) || path.StartsWith("/frameworks/four-rs", StringComparison.Ordinal))
        {
            return true;
        }
        var bare = path.Split('?')[0];
        var segments = bare.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var shape = string.Join('/', segments.Take(2)) + (segments.Length > 2 ? "/*" : "") + (path.Contains('?', StringComparison.Ordinal) ? "?" : "");
        return (shapes[shape] = shapes.GetValueOrDefault(shape) + 1) <= 3;
    }
}
