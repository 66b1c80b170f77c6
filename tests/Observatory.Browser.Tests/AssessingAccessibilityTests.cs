using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Observatory.Accounts;
using Observatory.Assessments;
using Observatory.Testing;

namespace Observatory.Browser.Tests;

/// <summary>
/// Assessing as an organisation, which only a signed-in member reaches (the crawl is signed out): the list and start
/// form, a section's question page with and without errors, check your answers, and results with the change since
/// last year — in real Chromium with axe-core, with JavaScript on and off.
/// </summary>
[Collection(nameof(BrowserCollection))]
public sealed class AssessingAccessibilityTests(BrowserFixture fixture)
{
    [ChromiumTheory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_assessment_pages_pass_axe_fit_a_phone_and_work_without_javascript(bool javaScript)
    {
        var suffix = javaScript ? "a" : "b";
        var email = $"browser-assessor-{suffix}@example.gov.uk";
        var organisation = await TestAccounts.OrganisationAsync(fixture.App.Services, $"Assessing Council {suffix.ToUpperInvariant()}");
        var person = await TestAccounts.MemberAsync(fixture.App.Services, email, organisation, Role.Contributor);
        // Last year's round, submitted, so the results page shows the change.
        await using (var scope = fixture.App.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentActor>().Actor = await scope.ServiceProvider.GetRequiredService<AccountService>().ActorForAsync(person, TokenScopes.Read | TokenScopes.Write);
            var service = scope.ServiceProvider.GetRequiredService<OrganisationAssessments>();
            var template = fixture.App.Services.GetRequiredService<AssessmentCatalogue>().Find("digital-maturity")!;
            var last = (await service.StartAsync(organisation.Slug, template.Id, "2025/26")).ShouldSucceed().Assessment.Id;
            await service.SaveAnswersAsync(last, [.. template.Questions.Select(q => new AnswerInput(q.Id, "2"))]).ShouldSucceed();
            await service.SubmitAsync(last).ShouldSucceed();
        }
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

        await page.GotoAsync($"{fixture.BaseUrl}/organisations/{organisation.Slug}/assessments");
        await PageChecks.CheckAsync(page, "the organisation's assessments", failures);
        await page.Locator("#templateId").SelectOptionAsync("digital-maturity");
        await page.Locator("#period").FillAsync("2026/27");
        await page.Locator("#copyForward").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Start assessment" }).ClickAsync();
        (await page.Locator("main h1").TextContentAsync())!.ShouldBe("Connectivity");
        await PageChecks.CheckAsync(page, "a section's question page", failures);

        // A link that is not a web address: the error summary, and the folded fields shown open with the error.
        var evidence = page.Locator("textarea[name='answers.connectivity-coverage.evidence']");
        if (!await evidence.IsVisibleAsync())
        {
            await page.Locator("details", new() { Has = evidence }).Locator("summary").ClickAsync();
        }
        await evidence.FillAsync("our intranet");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save and continue" }).ClickAsync();
        (await page.Locator(".govuk-error-summary").CountAsync()).ShouldBe(1);
        await PageChecks.CheckAsync(page, "a section's question page with an error", failures);
        await evidence.FillAsync("https://www.example.gov.uk/digital-strategy");
        await page.Locator("input[name='answers.connectivity-coverage'][value='3']").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save and continue" }).ClickAsync();
        (await page.Locator("main h1").TextContentAsync())!.ShouldBe("Data");

        var id = page.Url.Split("/assessments/")[1].Split('/')[0];
        await page.GotoAsync($"{fixture.BaseUrl}/assessments/{id}/check");
        await PageChecks.CheckAsync(page, "check your answers", failures);
        await page.GotoAsync($"{fixture.BaseUrl}/assessments/{id}/results");
        (await page.Locator("main h2", new() { HasText = "Change since 2025/26" }).CountAsync()).ShouldBe(1);
        await PageChecks.CheckAsync(page, "results with the change since last year", failures);

        failures.ToString().ShouldBeEmpty();
    }
}
