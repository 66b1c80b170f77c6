using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Observatory.Accounts;
using Observatory.Assessments.AlgorithmicImpact;
using Observatory.Testing;

namespace Observatory.Browser.Tests;

/// <summary>
/// An organisation's algorithmic impact assessments, which the crawls cannot reach (the seeded Observatory has none):
/// a draft and a completed one made here, and the list, each checked signed in, with JavaScript on and off, for one
/// main heading, reflow at 320 px and (with JavaScript) axe-core; and a draft saved with the page's own form.
/// </summary>
[Collection(nameof(BrowserCollection))]
public sealed class ImpactAssessmentAccessibilityTests(BrowserFixture fixture)
{
    private static readonly SemaphoreSlim Making = new(1, 1);
    private static (long Draft, long Completed)? _made;

    private const string Officer = "officer@impact-council.gov.uk";

    private async Task<(long Draft, long Completed)> AssessmentsAsync()
    {
        await Making.WaitAsync();
        try
        {
            if (_made is { } made)
            {
                return made;
            }
            var services = fixture.App.Services;
            var organisation = await TestAccounts.OrganisationAsync(services, "Impact Council", "E08000010");
            var officer = await TestAccounts.MemberAsync(services, Officer, organisation, Role.Contributor);
            await using var scope = services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<CurrentActor>().Actor =
                await scope.ServiceProvider.GetRequiredService<AccountService>().ActorForAsync(officer, TokenScopes.Read | TokenScopes.Write);
            var assessments = scope.ServiceProvider.GetRequiredService<OrganisationImpactAssessments>();
            var answers = new Dictionary<string, ImpactAnswer?>
            {
                ["projectDetailsTitle"] = ImpactAnswer.One("Blue badge eligibility triage"),
                ["riskProfile1"] = ImpactAnswer.One("item1-3"),
                ["impact6"] = ImpactAnswer.One("item4-4"),
                ["aboutDataSource14"] = ImpactAnswer.Many("item4-3", "item5-3"),
            };
            var draft = (await assessments.StartAsync(organisation.Slug, "Blue badge eligibility triage", answers)).ShouldSucceed().Assessment.Id;
            var completed = (await assessments.StartAsync(organisation.Slug, "Fraud referral scoring", answers)).ShouldSucceed().Assessment.Id;
            await assessments.CompleteAsync(completed).ShouldSucceed();
            _made = (draft, completed);
            return _made.Value;
        }
        finally
        {
            Making.Release();
        }
    }

    [ChromiumTheory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_pages_an_officer_assesses_a_system_on_pass_axe_and_reflow(bool javaScript)
    {
        var (draft, completed) = await AssessmentsAsync();
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
        foreach (var path in new[] { "/organisations/impact-council/impact-assessments", $"/impact-assessments/{draft}", $"/impact-assessments/{completed}" })
        {
            var response = await page.GotoAsync(fixture.BaseUrl + path);
            if (response!.Status != 200)
            {
                failures.AppendLine($"{path}: status {response.Status}");
                continue;
            }
            await PageChecks.CheckAsync(page, path, failures);
        }
        // Choosing an answer and saving the draft with the page's own form keeps it.
        await page.GotoAsync(fixture.BaseUrl + $"/impact-assessments/{draft}");
        await page.Locator("input[name='answers.impact7'][value='item4-4']").CheckAsync();
        await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Save as a draft" }).ClickAsync();
        (await page.Locator("input[name='answers.impact7'][value='item4-4']").IsCheckedAsync()).ShouldBeTrue();
        (await page.Locator("[data-results='level']").InnerTextAsync()).ShouldContain("Your current score is");
        // Importing without choosing a file: the error summary and the message beside the field.
        await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Import" }).ClickAsync();
        (await page.Locator(".govuk-error-summary").InnerTextAsync()).ShouldContain("Select an answer file");
        await PageChecks.CheckAsync(page, "impact assessment with an error", failures);
        failures.ToString().ShouldBeEmpty();
    }
}
