using System.Text;
using Microsoft.Playwright;
using Observatory.Testing;

namespace Observatory.Browser.Tests;

/// <summary>
/// The results of a self-assessment, which only answering the questions reaches (the crawl reads the questions, not
/// the results): on each scale, in real Chromium with axe-core, with JavaScript on and off; and the downloaded report,
/// opened from the file as a board member would.
/// </summary>
[Collection(nameof(BrowserCollection))]
public sealed class AssessmentResultsAccessibilityTests(BrowserFixture fixture)
{
    private static async Task CheckAsync(IPage page, string what, bool javaScript, StringBuilder failures)
    {
        if (await page.Locator("main h1").CountAsync() != 1)
        {
            failures.AppendLine($"{what}: no single main heading");
        }
        if (await Reflow.ProblemAsync(page, what) is { } reflow)
        {
            failures.AppendLine(reflow);
        }
        if (javaScript)
        {
            foreach (var violation in await Axe.ViolationsAsync(page, what))
            {
                failures.AppendLine(violation);
            }
        }
    }

    /// <summary>Answers the first choice of every other question, so the results have strengths, gaps and unanswered questions.</summary>
    private static async Task AnswerAsync(IPage page)
    {
        var names = await page.Locator("main form input[type=radio]").EvaluateAllAsync<string[]>("els => [...new Set(els.map(e => e.name))]");
        for (var i = 0; i < names.Length; i += 2)
        {
            await page.Locator($"input[type=radio][name='{names[i]}']").Nth(i % 3 == 0 ? 0 : 1).CheckAsync();
        }
        await page.GetByRole(AriaRole.Button, new() { Name = "See my scores" }).ClickAsync();
    }

    [ChromiumTheory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Results_on_every_scale_pass_axe_fit_320_px_and_work_without_javascript(bool javaScript)
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
        var failures = new StringBuilder();
        foreach (var template in new[] { "digital-maturity", "planting-the-flag", "covid-impact-survey", "levelling-up-tests", "cyber-unlucky-seven", "reimagining-work", "digital-identity-principles" })
        {
            await page.GotoAsync($"{fixture.BaseUrl}/assessments/{template}");
            await AnswerAsync(page);
            (await page.Locator("#results").CountAsync()).ShouldBe(1, template);
            (await page.Locator("[data-results=overview]").CountAsync()).ShouldBe(1, template);
            await CheckAsync(page, $"/assessments/{template} results", javaScript, failures);
        }
        errors.ShouldBeEmpty();
        failures.ToString().ShouldBeEmpty();
    }

    [ChromiumFact]
    public async Task The_downloaded_report_opens_from_the_file_passes_axe_and_fits_320_px()
    {
        await using var context = await fixture.NewContextAsync();
        await Axe.AddToAsync(context);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{fixture.BaseUrl}/assessments/digital-maturity");
        await AnswerAsync(page);

        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Button, new() { Name = "Download these results to print" }).ClickAsync());
        download.SuggestedFilename.ShouldBe("digital-maturity-results.html");
        var file = Path.Combine(Path.GetTempPath(), $"observatory-report-{Guid.NewGuid():N}.html");
        await download.SaveAsAsync(file);
        try
        {
            var report = await context.NewPageAsync();
            await report.GotoAsync(new Uri(file).AbsoluteUri);
            (await report.Locator("h1").TextContentAsync()).ShouldBe("Digital maturity against the 12 local government digitalisation outcomes");
            (await report.Locator("[data-results=overview]").CountAsync()).ShouldBe(1);
            var failures = new StringBuilder();
            await CheckAsync(report, "the downloaded report", true, failures);
            failures.ToString().ShouldBeEmpty();
            // Printed, it is A4 and more than one page: a page per part.
            var pdf = await report.PdfAsync(new PagePdfOptions { PreferCSSPageSize = true });
            Encoding.ASCII.GetString(pdf).Split("/Type /Page").Length.ShouldBeGreaterThan(3);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
