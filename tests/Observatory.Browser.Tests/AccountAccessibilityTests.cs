using System.Text;
using System.Text.Json;
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
    private static readonly string[] WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

    private static readonly Lazy<string> AxeSource = new(() =>
        File.ReadAllText(Path.Combine(TestEnvironment.RepositoryRoot, "node_modules", "axe-core", "axe.min.js")));

    private static async Task CheckAsync(IPage page, string what, StringBuilder failures)
    {
        if (await page.Locator("main h1").CountAsync() != 1)
        {
            failures.AppendLine($"{what}: no single main heading");
        }
        if (!await page.EvaluateAsync<bool>("typeof axe !== 'undefined'"))
        {
            return;
        }
        var violations = await page.EvaluateAsync<JsonElement>(
            "async tags => (await axe.run(document, { runOnly: { type: 'tag', values: tags } })).violations.map(v => ({ id: v.id, help: v.help, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5) }))",
            WcagTags);
        foreach (var v in violations.EnumerateArray())
        {
            failures.AppendLine($"{what}: {v.GetProperty("id").GetString()} – {v.GetProperty("help").GetString()} at {string.Join(", ", v.GetProperty("nodes").EnumerateArray().Select(n => n.GetString()))}");
        }
    }

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
            await context.AddInitScriptAsync(AxeSource.Value);
        }
        var page = await context.NewPageAsync();
        var failures = new StringBuilder();

        await page.GotoAsync($"{fixture.BaseUrl}/invitations/{secret}");
        await CheckAsync(page, "invitation to an existing account", failures);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in to accept" }).ClickAsync();
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync(TestAccounts.Password);
        await page.Locator("main form button[type=submit]").ClickAsync();
        (await page.Locator("main h1").TextContentAsync())!.ShouldBe($"Join {organisation.Name}");
        await CheckAsync(page, "accepting while signed in", failures);

        await page.GotoAsync($"{fixture.BaseUrl}/sign-in/confirm?returnUrl=%2Faccount");
        await CheckAsync(page, "/sign-in/confirm", failures);
        await page.Locator("#password").FillAsync("not the password at all");
        await page.Locator("main form button[type=submit]").ClickAsync();
        (await page.Locator(".govuk-error-summary").CountAsync()).ShouldBe(1);
        await CheckAsync(page, "/sign-in/confirm with an error", failures);
        await page.Locator("#password").FillAsync(TestAccounts.Password);
        await page.Locator("main form button[type=submit]").ClickAsync();
        (await page.Locator("main h1").TextContentAsync())!.ShouldBe("Your account");

        await page.GotoAsync($"{fixture.BaseUrl}/account/invitations/{secret}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Accept invitation" }).ClickAsync();
        (await page.Locator("main h1").TextContentAsync())!.ShouldBe(organisation.Name);

        failures.ToString().ShouldBeEmpty();
    }
}
