using System.Text;
using Microsoft.Playwright;
using Observatory.Accounts;
using Observatory.Testing;

namespace Observatory.Browser.Tests;

/// <summary>
/// Scoring a decision on the wheel, as a signed-in member: the organisation's decisions and the form to record one, the
/// draft's page with its wheels, a segment's scoring page with and without errors, then submitting and publishing; and
/// the published page read signed out — in real Chromium with axe-core, with JavaScript on and off.
/// </summary>
[Collection(nameof(BrowserCollection))]
public sealed class DecisionAccessibilityTests(BrowserFixture fixture)
{
    [ChromiumTheory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_decision_pages_pass_axe_fit_a_phone_and_work_without_javascript(bool javaScript)
    {
        var suffix = javaScript ? "a" : "b";
        var email = $"browser-decider-{suffix}@example.gov.uk";
        var organisation = await TestAccounts.OrganisationAsync(fixture.App.Services, $"Deciding Council {suffix.ToUpperInvariant()}", "E06000052");
        await TestAccounts.MemberAsync(fixture.App.Services, email, organisation, Role.Approver);
        await TestAccounts.MemberAsync(fixture.App.Services, $"browser-ecologist-{suffix}@example.gov.uk", organisation, Role.Viewer);
        await using var context = await fixture.NewContextAsync(javaScript);
        if (javaScript)
        {
            await Axe.AddToAsync(context);
        }
        var page = await context.NewPageAsync();
        await page.GotoAsync(fixture.BaseUrl + "/sign-in");
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync(TestAccounts.Password);
        await page.Locator("main form button[type=submit]").ClickAsync();
        var failures = new StringBuilder();

        await page.GotoAsync($"{fixture.BaseUrl}/organisations/{organisation.Slug}/decisions");
        await PageChecks.CheckAsync(page, "the organisation's decisions", failures);
        await page.GetByRole(AriaRole.Button, new() { Name = "Record the decision" }).ClickAsync();
        (await page.Locator(".govuk-error-summary").CountAsync()).ShouldBe(1);
        await PageChecks.CheckAsync(page, "the decision form with errors", failures);

        await page.Locator("#title").FillAsync("New library and archive");
        await page.Locator("#kind").CheckAsync();
        await page.Locator("#options").FillAsync("Build the new library");
        await page.Locator("#options-1").FillAsync("Refurbish the old one");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record the decision" }).ClickAsync();
        (await page.Locator("main h1").TextContentAsync())!.ShouldBe("New library and archive");
        (await page.Locator("svg.app-decision-wheel").CountAsync()).ShouldBe(2);
        await PageChecks.CheckAsync(page, "a draft decision with its wheels", failures);
        var decision = new Uri(page.Url).AbsolutePath;

        await page.Locator($"a[href='{decision}/delegation']").ClickAsync();
        (await page.Locator("main h1").TextContentAsync())!.ShouldBe("Delegate segments");
        await PageChecks.CheckAsync(page, "the page delegating segments", failures);
        await page.GetByRole(AriaRole.Button, new() { Name = "Delegate the segments" }).ClickAsync();
        (await page.Locator(".govuk-error-summary").CountAsync()).ShouldBe(1);
        await PageChecks.CheckAsync(page, "the page delegating segments with errors", failures);
        await page.Locator("#delegate").CheckAsync();
        await page.Locator("#segments").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Delegate the segments" }).ClickAsync();
        (await page.Locator("#delegations .govuk-summary-list__row").CountAsync()).ShouldBe(1);
        await PageChecks.CheckAsync(page, "the page delegating segments with one delegated", failures);
        await page.GotoAsync(fixture.BaseUrl + decision);
        await page.Locator($"a[href='{decision}/options/A/segments/climate-change']").ClickAsync();
        (await page.Locator("main h1").TextContentAsync())!.ShouldBe("Climate change");
        await PageChecks.CheckAsync(page, "a segment's scoring page", failures);
        await page.Locator("#evidence").FillAsync("not a link");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the scores" }).ClickAsync();
        (await page.Locator(".govuk-error-summary").CountAsync()).ShouldBe(1);
        await PageChecks.CheckAsync(page, "a segment's scoring page with an error", failures);
        await page.Locator("#evidence").FillAsync("https://www.cornwall.gov.uk/climate");
        await page.Locator("#shortTerm").CheckAsync();
        await page.Locator("#longTerm-2").CheckAsync();
        await page.Locator("#rationale").FillAsync("Construction emissions, then a low-energy building");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the scores" }).ClickAsync();
        new Uri(page.Url).AbsolutePath.ShouldBe(decision);
        (await page.Locator("svg.app-decision-wheel g[data-segment=climate-change] path[data-term=short]").First.GetAttributeAsync("data-score")).ShouldBe("1");

        await page.GetByRole(AriaRole.Button, new() { Name = "Submit for approval" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish the decision" }).ClickAsync();
        await PageChecks.CheckAsync(page, "a published decision, signed in", failures);

        await using var visitor = await fixture.NewContextAsync(javaScript);
        if (javaScript)
        {
            await Axe.AddToAsync(visitor);
        }
        var reader = await visitor.NewPageAsync();
        await reader.GotoAsync(fixture.BaseUrl + decision);
        (await reader.Locator("main h1").TextContentAsync())!.ShouldBe("New library and archive");
        await PageChecks.CheckAsync(reader, "a published decision, signed out", failures);
        failures.ToString().ShouldBeEmpty();
    }
}
