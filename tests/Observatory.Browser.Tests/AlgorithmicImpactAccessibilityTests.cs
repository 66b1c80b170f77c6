using System.Text;
using Microsoft.Playwright;
using Observatory.Testing;

namespace Observatory.Browser.Tests;

/// <summary>
/// "Assess an algorithm's impact" answered in real Chromium, with JavaScript on (and axe-core) and off: the results,
/// which only answering reaches, have one main heading, fit 320 px and pass axe. The crawl checks the questions.
/// </summary>
[Collection(nameof(BrowserCollection))]
public sealed class AlgorithmicImpactAccessibilityTests(BrowserFixture fixture)
{
    [ChromiumTheory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_results_pass_axe_fit_320_px_and_work_without_javascript(bool javaScript)
    {
        await using var context = await fixture.NewContextAsync(javaScript);
        if (javaScript)
        {
            await Axe.AddToAsync(context);
        }
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        await page.GotoAsync($"{fixture.BaseUrl}/assessments/algorithmic-impact");
        // The last choice of every other question, and one box of each group of boxes: a level above I.
        var radios = await page.Locator("main form input[type=radio]").EvaluateAllAsync<string[]>("els => [...new Set(els.map(e => e.name))]");
        for (var i = 0; i < radios.Length; i += 2)
        {
            await page.Locator($"input[type=radio][name='{radios[i]}']").Last.CheckAsync();
        }
        var boxes = await page.Locator("main form input[type=checkbox]").EvaluateAllAsync<string[]>("els => [...new Set(els.map(e => e.name))]");
        foreach (var name in boxes)
        {
            await page.Locator($"input[type=checkbox][name='{name}']").First.CheckAsync();
        }
        await page.GetByRole(AriaRole.Button, new() { Name = "See the impact level" }).ClickAsync();

        (await page.Locator("#results h2").First.TextContentAsync()).ShouldNotBeNull().ShouldStartWith("Impact level");
        (await page.Locator("[data-results=obligations] tbody tr").CountAsync()).ShouldBe(7);
        var failures = new StringBuilder();
        await PageChecks.CheckAsync(page, "/assessments/algorithmic-impact results", failures);
        failures.ToString().ShouldBeEmpty();
        errors.ShouldBeEmpty();
    }
}
