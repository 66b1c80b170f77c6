using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Observatory.Accounts;
using Observatory.Registers;
using Observatory.Testing;

namespace Observatory.Browser.Tests;

/// <summary>
/// The algorithm register's pages, which the crawl of the seeded Observatory cannot reach (it has no record): one
/// record published twice and one draft, made here; the finder, the record and its report form with JavaScript on
/// and off, and the pages an officer edits them on, each checked for one main heading, reflow at 320 px and (with
/// JavaScript) axe-core.
/// </summary>
[Collection(nameof(BrowserCollection))]
public sealed class AlgorithmRegisterAccessibilityTests(BrowserFixture fixture)
{
    private static readonly SemaphoreSlim Making = new(1, 1);
    private static (long Published, long Draft)? _records;

    private const string Officer = "officer@register-council.gov.uk";

    private async Task<(long Published, long Draft)> RecordsAsync()
    {
        await Making.WaitAsync();
        try
        {
            if (_records is { } made)
            {
                return made;
            }
            var services = fixture.App.Services;
            var organisation = await TestAccounts.OrganisationAsync(services, "Register Council", "E08000010");
            var officer = await TestAccounts.MemberAsync(services, Officer, organisation, Role.Approver);
            await using var scope = services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<CurrentActor>().Actor =
                await scope.ServiceProvider.GetRequiredService<AccountService>().ActorForAsync(officer, TokenScopes.Read | TokenScopes.Write);
            var register = scope.ServiceProvider.GetRequiredService<AlgorithmRegister>();
            var content = new RecordContent();
            foreach (var (field, value) in new[]
            {
                ("title", "Housing repairs triage"), ("name", "Housing repairs triage"), ("phase", "production"), ("region", "north-west"),
                ("organisation_type", "local-authority"), ("function", "housing-and-community-amenities"), ("capability", "analysis"),
                ("one_sentence_description", "Ranks repair requests by urgency for an officer to check."),
                ("description", "Each request is scored for urgency.\nAn officer checks every score before a repair is booked."),
                ("website_url", "https://register-council.gov.uk/repairs"), ("contact_email", "algorithms@register-council.gov.uk"),
                ("themes", "housing,organisation-and-operations"), ("publication_category", "impactful-algorithm"),
            })
            {
                content.Set(field, value);
            }
            content.AddEntry("model_specifications", [new("model_name", "Urgency model"), new("model_version", "1.2")]);
            var published = (await register.CreateAsync(organisation.Slug, content)).ShouldSucceed().Record.Id;
            await register.SubmitAsync(published).ShouldSucceed();
            await register.PublishAsync(published, "First publication.").ShouldSucceed();
            content.Set("description", "Each request is scored for urgency by a model retrained every quarter.");
            await register.SaveAsync(published, content).ShouldSucceed();
            await register.SubmitAsync(published).ShouldSucceed();
            await register.PublishAsync(published, "Says how often the model is retrained.").ShouldSucceed();
            await register.ReportProblemAsync(published, "The contact address bounces.", null).ShouldSucceed();
            var draft = new RecordContent();
            draft.Set("title", "Missed bin prediction");
            var draftId = (await register.CreateAsync(organisation.Slug, draft)).ShouldSucceed().Record.Id;
            _records = (published, draftId);
            return _records.Value;
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
    public async Task The_public_register_pages_pass_axe_reflow_and_work_without_javascript(bool javaScript)
    {
        var (published, _) = await RecordsAsync();
        await using var context = await fixture.NewContextAsync(javaScript);
        if (javaScript)
        {
            await Axe.AddToAsync(context);
        }
        var page = await context.NewPageAsync();
        var failures = new StringBuilder();
        foreach (var path in new[] { "/registers/algorithms", "/registers/algorithms?phase=production&q=repairs", $"/registers/algorithms/{published}", $"/registers/algorithms/{published}?version=1", $"/registers/algorithms/{published}/report" })
        {
            await CheckAsync(page, path, failures);
        }
        // Filtering is a plain GET form: it works without JavaScript.
        await page.GotoAsync(fixture.BaseUrl + "/registers/algorithms");
        await page.Locator("input[name='capability'][value='analysis']").CheckAsync();
        await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();
        page.Url.ShouldContain("capability=analysis");
        (await page.Locator("#results h3").AllInnerTextsAsync()).ShouldContain("Housing repairs triage");
        // The report form shows its error, then takes the report.
        await page.GotoAsync(fixture.BaseUrl + $"/registers/algorithms/{published}/report");
        await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Send the report" }).ClickAsync();
        (await page.Locator(".govuk-error-summary").InnerTextAsync()).ShouldContain("Describe the problem");
        await PageChecks.CheckAsync(page, "report form with an error", failures);
        failures.ToString().ShouldBeEmpty();
    }

    [ChromiumTheory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_pages_an_officer_edits_records_on_pass_axe_and_reflow(bool javaScript)
    {
        var (published, draft) = await RecordsAsync();
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
        foreach (var path in new[] { "/organisations/register-council/algorithms", $"/registers/algorithms/{published}/edit", $"/registers/algorithms/{draft}/edit" })
        {
            await CheckAsync(page, path, failures);
        }
        // A wrong value, shown in the error summary and beside its field.
        await page.GotoAsync(fixture.BaseUrl + $"/registers/algorithms/{draft}/edit");
        await page.Locator("#contact_email").FillAsync("not an address");
        await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        (await page.Locator(".govuk-error-summary").InnerTextAsync()).ShouldContain("Contact email must be an email address");
        await PageChecks.CheckAsync(page, "record form with an error", failures);
        failures.ToString().ShouldBeEmpty();
    }
}
