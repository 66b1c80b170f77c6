using System.Text;
using Microsoft.Playwright;

namespace Observatory.Browser.Tests;

/// <summary>The checks every page a browser test opens by hand must pass: one main heading, reflow at 320 px, and axe.</summary>
public static class PageChecks
{
    /// <summary>Adds each problem of the page to <paramref name="failures"/>; axe runs only where it was injected (JavaScript on).</summary>
    public static async Task CheckAsync(IPage page, string what, StringBuilder failures)
    {
        if (await page.Locator("main h1").CountAsync() != 1)
        {
            failures.AppendLine($"{what}: no single main heading");
        }
        if (await Reflow.ProblemAsync(page, what) is { } reflow)
        {
            failures.AppendLine(reflow);
        }
        if (!await page.EvaluateAsync<bool>("typeof axe !== 'undefined'"))
        {
            return;
        }
        foreach (var violation in await Axe.ViolationsAsync(page, what))
        {
            failures.AppendLine(violation);
        }
    }
}
