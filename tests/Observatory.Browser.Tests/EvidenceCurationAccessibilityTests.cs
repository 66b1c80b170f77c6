using System.Text;
using Microsoft.Playwright;
using Observatory.Testing;

namespace Observatory.Browser.Tests;

/// <summary>
/// The evidence pages only a signed-in person reaches (the crawl is signed out): the submission form with and
/// without errors, the curators' desk and a review, in real Chromium with axe-core, with JavaScript on and off.
/// </summary>
[Collection(nameof(BrowserCollection))]
public sealed class EvidenceCurationAccessibilityTests(BrowserFixture fixture)
{
    private const string Email = "browser-curator@socitm.net";

    private async Task<IPage> SignedInAsync(IBrowserContext context)
    {
        await TestAccounts.SiteAdministratorAsync(fixture.App.Services, Email);
        var page = await context.NewPageAsync();
        await page.GotoAsync(fixture.BaseUrl + "/sign-in");
        await page.Locator("#email").FillAsync(Email);
        await page.Locator("#password").FillAsync(TestAccounts.Password);
        await page.Locator("main form button[type=submit]").ClickAsync();
        return page;
    }

    [ChromiumTheory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_submission_form_and_the_curators_pages_pass_axe_and_work_without_javascript(bool javaScript)
    {
        await using var context = await fixture.NewContextAsync(javaScript);
        if (javaScript)
        {
            await Axe.AddToAsync(context);
        }
        var page = await SignedInAsync(context);
        var failures = new StringBuilder();

        await page.GotoAsync(fixture.BaseUrl + "/evidence/submit");
        await PageChecks.CheckAsync(page, "/evidence/submit", failures);

        // Sent empty: the error summary and the messages beside each field.
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit for review" }).ClickAsync();
        (await page.Locator(".govuk-error-summary").CountAsync()).ShouldBe(1);
        await PageChecks.CheckAsync(page, "/evidence/submit with errors", failures);

        var title = $"Browser test item {(javaScript ? "with" : "without")} JavaScript";
        await page.Locator("#title").FillAsync(title);
        await page.Locator("#kind").CheckAsync();
        await page.Locator("#summary").FillAsync("Tried in a real browser.");
        await page.Locator("#places").FillAsync("Wigan");
        // Elements are chosen from boxes, one framework per details section: open the place-making one (native
        // details, so this works without JavaScript too) and tick "food".
        var food = page.Locator("input[name=elements][value='place-making/food']");
        var framework = page.Locator("details", new() { Has = food });
        if (await framework.GetAttributeAsync("open") is null)
        {
            await framework.Locator("summary").ClickAsync();
        }
        await food.CheckAsync();
        await page.Locator("#strength").CheckAsync();
        await page.Locator("#status").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit for review" }).ClickAsync();
        (await page.Locator(".govuk-panel__title").TextContentAsync())!.ShouldContain("Evidence submitted");
        await PageChecks.CheckAsync(page, "submission confirmation", failures);

        await page.GotoAsync(fixture.BaseUrl + "/evidence/curation");
        await PageChecks.CheckAsync(page, "/evidence/curation", failures);
        await page.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await PageChecks.CheckAsync(page, "review", failures);
        await page.GotoAsync($"{fixture.BaseUrl}/evidence/{page.Url.Split('/')[^1]}/edit");
        await PageChecks.CheckAsync(page, "edit", failures);

        await page.GotoAsync(fixture.BaseUrl + "/admin");
        await PageChecks.CheckAsync(page, "/admin", failures);

        failures.ToString().ShouldBeEmpty();
    }
}
