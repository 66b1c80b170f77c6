using System.Text;
using Microsoft.Playwright;
using Observatory.Accounts;
using Observatory.Testing;

namespace Observatory.Browser.Tests;

/// <summary>
/// An organisation's own decision wheel, as a signed-in contributor: the list with the form to copy a wheel, the copied
/// wheel with the form to add a segment, a segment's page with and without errors, and an earlier version — in real
/// Chromium with axe-core, with JavaScript on and off.
/// </summary>
[Collection(nameof(BrowserCollection))]
public sealed class OwnWheelAccessibilityTests(BrowserFixture fixture)
{
    [ChromiumTheory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_own_wheel_pages_pass_axe_fit_a_phone_and_work_without_javascript(bool javaScript)
    {
        var suffix = javaScript ? "a" : "b";
        var email = $"browser-wheelwright-{suffix}@example.gov.uk";
        var organisation = await TestAccounts.OrganisationAsync(fixture.App.Services, $"Wheelwright Council {suffix.ToUpperInvariant()}", "E06000052");
        await TestAccounts.MemberAsync(fixture.App.Services, email, organisation, Role.Contributor);
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
        await page.GetByRole(AriaRole.Link, new() { Name = "Your decision wheels" }).ClickAsync();
        await PageChecks.CheckAsync(page, "the organisation's wheels", failures);
        await page.Locator("#title").FillAsync("Our wheel");
        await page.GetByRole(AriaRole.Button, new() { Name = "Copy the wheel" }).ClickAsync();
        (await page.Locator("main h1").TextContentAsync())!.ShouldBe("Our wheel");
        await PageChecks.CheckAsync(page, "the organisation's own wheel", failures);
        var wheel = new Uri(page.Url).AbsolutePath;

        await page.GetByRole(AriaRole.Button, new() { Name = "Add the segment" }).ClickAsync();
        (await page.Locator(".govuk-error-summary").CountAsync()).ShouldBe(1);
        await PageChecks.CheckAsync(page, "adding a segment with errors", failures);

        await page.Locator($"a[href='{wheel}/segments/climate-change']").ClickAsync();
        (await page.Locator("main h1").TextContentAsync())!.ShouldBe("Change Climate change");
        await PageChecks.CheckAsync(page, "a segment's page", failures);
        await page.Locator("#questions").FillAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the segment" }).ClickAsync();
        (await page.Locator(".govuk-error-summary").CountAsync()).ShouldBe(1);
        await PageChecks.CheckAsync(page, "a segment's page with an error", failures);
        await page.Locator("#questions").FillAsync("Will it raise or lower emissions in the county?");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the segment" }).ClickAsync();
        new Uri(page.Url).AbsolutePath.ShouldBe(wheel);
        (await page.Locator("#segment-climate-change").TextContentAsync())!.ShouldContain("in the county");

        await page.GotoAsync($"{fixture.BaseUrl}{wheel}?version=1");
        (await page.Locator(".govuk-inset-text").TextContentAsync())!.ShouldContain("latest version (2)");
        await PageChecks.CheckAsync(page, "an earlier version of the wheel", failures);
        failures.ToString().ShouldBeEmpty();
    }
}
