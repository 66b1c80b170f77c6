using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Observatory.Accounts;
using Observatory.Registers;
using Observatory.Testing;

namespace Observatory.Browser.Tests;

/// <summary>
/// The applications register's pages, which the crawl of the seeded Observatory cannot reach (it has no entry): one
/// published entry with every group filled and one private, made here; the sector view and the published entry
/// signed out, and the pages an officer lists, adds, imports and edits entries on, with JavaScript on and off, each
/// checked for one main heading, reflow at 320 px and (with JavaScript) axe-core.
/// </summary>
[Collection(nameof(BrowserCollection))]
public sealed class ApplicationsRegisterAccessibilityTests(BrowserFixture fixture)
{
    private static readonly SemaphoreSlim Making = new(1, 1);
    private static (long Published, long Private)? _entries;

    private const string Officer = "officer@applications-council.gov.uk";

    private async Task<(long Published, long Private)> EntriesAsync()
    {
        await Making.WaitAsync();
        try
        {
            if (_entries is { } made)
            {
                return made;
            }
            var services = fixture.App.Services;
            var organisation = await TestAccounts.OrganisationAsync(services, "Applications Council", "E08000010");
            var officer = await TestAccounts.MemberAsync(services, Officer, organisation, Role.Contributor);
            await using var scope = services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<CurrentActor>().Actor =
                await scope.ServiceProvider.GetRequiredService<AccountService>().ActorForAsync(officer, TokenScopes.Read | TokenScopes.Write);
            var register = scope.ServiceProvider.GetRequiredService<ApplicationsRegister>();
            var contractEnd = DateTime.UtcNow.AddYears(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            var published = (await register.CreateAsync(organisation.Slug,
            [
                new("name", "Council tax and benefits"), new("product", "Revenues Online"), new("supplier", "Example Software Ltd"),
                new("service_areas", "revenues-and-benefits;customer-services"), new("status", "live"), new("contract_end", contractEnd),
                new("annual_cost", "182500"), new("hosting", "saas"), new("special_category_data", "yes"), new("dpia_url", "https://applications-council.gov.uk/dpia/12"),
                new("business_criticality", "critical"), new("interfaces", "Finance system"), new("has_algorithm", "no"), new("sharing", "published"),
            ])).ShouldSucceed().Entry.Id;
            var hidden = (await register.CreateAsync(organisation.Slug, [new("name", "Staff rota planner")])).ShouldSucceed().Entry.Id;
            _entries = (published, hidden);
            return _entries.Value;
        }
        finally
        {
            Making.Release();
        }
    }

    private async Task CheckAsync(Microsoft.Playwright.IPage page, string path, StringBuilder failures)
    {
        var response = await page.GotoAsync(fixture.BaseUrl + path);
        if (response!.Status != 200)
        {
            failures.AppendLine($"{path}: status {response.Status}");
            return;
        }
        await PageChecks.CheckAsync(page, path, failures);
    }

    [ChromiumTheory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_sector_view_and_a_published_entry_pass_axe_reflow_and_work_without_javascript(bool javaScript)
    {
        var (published, _) = await EntriesAsync();
        await using var context = await fixture.NewContextAsync(javaScript);
        if (javaScript)
        {
            await Axe.AddToAsync(context);
        }
        var page = await context.NewPageAsync();
        var failures = new StringBuilder();
        foreach (var path in new[] { "/registers/applications", "/registers/applications?service=revenues-and-benefits", $"/applications/{published}" })
        {
            await CheckAsync(page, path, failures);
        }
        // Choosing a service area is a plain GET form: it works without JavaScript.
        await page.GotoAsync(fixture.BaseUrl + "/registers/applications");
        await page.Locator("#service").SelectOptionAsync("revenues-and-benefits");
        await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        page.Url.ShouldContain("service=revenues-and-benefits");
        (await page.Locator("#products tbody th").AllInnerTextsAsync()).ShouldContain("Revenues Online");
        (await page.Locator("#contracts").InnerTextAsync()).ShouldContain("Council tax and benefits");
        failures.ToString().ShouldBeEmpty();
    }

    [ChromiumTheory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_pages_an_officer_keeps_entries_on_pass_axe_and_reflow(bool javaScript)
    {
        var (published, hidden) = await EntriesAsync();
        await using var context = await fixture.NewContextAsync(javaScript);
        if (javaScript)
        {
            await Axe.AddToAsync(context);
        }
        var page = await context.NewPageAsync();
        await page.GotoAsync(fixture.BaseUrl + "/sign-in");
        await page.Locator("#email").FillAsync(Officer);
        await page.Locator("#password").FillAsync(TestAccounts.Password);
        await page.Locator("main form button[type=submit]").ClickAsync();
        (await page.Locator("main h1").TextContentAsync())!.ShouldNotBe("Sign in");
        var failures = new StringBuilder();
        foreach (var path in new[] { "/organisations/applications-council/applications", $"/applications/{hidden}", $"/applications/{published}/edit", $"/applications/{hidden}/edit" })
        {
            await CheckAsync(page, path, failures);
        }
        // A wrong value, shown in the error summary and beside its field; nothing saved.
        await page.GotoAsync(fixture.BaseUrl + $"/applications/{hidden}/edit");
        await page.Locator("#contract_end").FillAsync("next spring");
        await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        (await page.Locator(".govuk-error-summary").InnerTextAsync()).ShouldContain("Contract end date must be a date");
        await PageChecks.CheckAsync(page, "application form with an error", failures);
        // Adding one by name leads to its form.
        await page.GotoAsync(fixture.BaseUrl + "/organisations/applications-council/applications");
        await page.Locator("#name").FillAsync($"Library system {javaScript}");
        await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Add application" }).ClickAsync();
        page.Url.ShouldEndWith("/edit");
        failures.ToString().ShouldBeEmpty();
    }
}
