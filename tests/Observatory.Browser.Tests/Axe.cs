using System.Text.Json;
using Microsoft.Playwright;
using Observatory.Testing;

namespace Observatory.Browser.Tests;

/// <summary>
/// axe-core (the version package.json pins) run in a page against the WCAG 2.2 A and AA rules and axe's best
/// practices (landmarks, headings, unique region names…).
/// </summary>
public static class Axe
{
    public static readonly string[] Tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];

    private static readonly Lazy<string> Source = new(() =>
        File.ReadAllText(Path.Combine(TestEnvironment.RepositoryRoot, "node_modules", "axe-core", "axe.min.js")));

    /// <summary>
    /// Injects axe into every page of <paramref name="context"/>. An init script runs outside the page's
    /// Content-Security-Policy, so axe can be injected without weakening it.
    /// </summary>
    public static Task AddToAsync(IBrowserContext context) => context.AddInitScriptAsync(Source.Value);

    /// <summary>
    /// Each violation on the page as "where: rule – help at selectors". Only violations are described
    /// (resultTypes): describing every passing node of a page with a map and a table of 361 councils took axe a
    /// minute, and no test reads them; every rule still runs on every node.
    /// </summary>
    public static async Task<IReadOnlyList<string>> ViolationsAsync(IPage page, string where)
    {
        var violations = await page.EvaluateAsync<JsonElement>(
            """
            async tags => (await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }))
                .violations.map(v => ({ id: v.id, help: v.help, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5) }))
            """,
            Tags);
        return [.. violations.EnumerateArray().Select(v =>
            $"{where}: {v.GetProperty("id").GetString()} – {v.GetProperty("help").GetString()} at {string.Join(", ", v.GetProperty("nodes").EnumerateArray().Select(n => n.GetString()))}")];
    }
}
