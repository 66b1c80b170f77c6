using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Observatory.Accounts;
using Observatory.Testing;

namespace Observatory.Browser.Tests;

/// <summary>
/// The account pages only a signed-in person or an invitee reaches (the crawl is signed out): confirming the password
/// before a change, with and without an error, and accepting an invitation to an existing account — in real Chromium
/// with axe-core, with JavaScript on and off.
/// </summary>
[Collection(nameof(BrowserCollection))]
public sealed class AccountAccessibilityTests(BrowserFixture fixture)
{
    [ChromiumTheory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Confirming_the_password_and_accepting_an_invitation_pass_axe_and_work_without_javascript(bool javaScript)
    {
        var email = $"browser-invitee-{(javaScript ? "js" : "nojs")}@example.gov.uk";
        var organisation = await TestAccounts.OrganisationAsync(fixture.App.Services, $"Browser Council {(javaScript ? "A" : "B")}");
        var home = await TestAccounts.OrganisationAsync(fixture.App.Services, $"Browser Home {(javaScript ? "A" : "B")}");
        await TestAccounts.MemberAsync(fixture.App.Services, email, home, Role.Viewer);
        string secret;
        await using (var scope = fixture.App.Services.CreateAsyncScope())
        {
            (_, secret) = await scope.ServiceProvider.GetRequiredService<AccountService>().InviteAsync(Actor.System("tests"), organisation.Id, email, Role.Contributor, "").ShouldSucceed();
        }
        await using var context = await fixture.NewContextAsync(javaScript);
        if (javaScript)
        {
            await Axe.AddToAsync(context);
        }
        var page = await context.NewPageAsync();
        var failures = new StringBuilder();

        await page.GotoAsync($"{fixture.BaseUrl}/invitations/{secret}");
        await PageChecks.CheckAsync(page, "invitation to an existing account", failures);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in to accept" }).ClickAsync();
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync(TestAccounts.Password);
        await page.Locator("main form button[type=submit]").ClickAsync();
        (await page.Locator("main h1").TextContentAsync())!.ShouldBe($"Join {organisation.Name}");
        await PageChecks.CheckAsync(page, "accepting while signed in", failures);

        await page.GotoAsync($"{fixture.BaseUrl}/sign-in/confirm?returnUrl=%2Faccount");
        await PageChecks.CheckAsync(page, "/sign-in/confirm", failures);
        await page.Locator("#password").FillAsync("not the password at all");
        await page.Locator("main form button[type=submit]").ClickAsync();
        (await page.Locator(".govuk-error-summary").CountAsync()).ShouldBe(1);
        await PageChecks.CheckAsync(page, "/sign-in/confirm with an error", failures);
        await page.Locator("#password").FillAsync(TestAccounts.Password);
        await page.Locator("main form button[type=submit]").ClickAsync();
        (await page.Locator("main h1").TextContentAsync())!.ShouldBe("Your account");

        await page.GotoAsync($"{fixture.BaseUrl}/account/invitations/{secret}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Accept invitation" }).ClickAsync();
        (await page.Locator("main h1").TextContentAsync())!.ShouldBe(organisation.Name);

        failures.ToString().ShouldBeEmpty();
    }
}
