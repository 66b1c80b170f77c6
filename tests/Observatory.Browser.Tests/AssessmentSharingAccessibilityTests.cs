using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Observatory.Accounts;
using Observatory.Assessments;
using Observatory.Assessments.Benchmarking;
using Observatory.Testing;

namespace Observatory.Browser.Tests;

/// <summary>
/// What only an organisation's own members see of a benchmarked assessment, and what it chooses to show others: the
/// results page with "Where you stand" and the choice of who can see the results, the benchmarks page with the
/// organisation's standing, and the results once public as anyone reads them — in real Chromium with axe-core, with
/// JavaScript on and off.
/// </summary>
[Collection(nameof(BrowserCollection))]
public sealed class AssessmentSharingAccessibilityTests(BrowserFixture fixture)
{
    [ChromiumTheory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Position_and_sharing_pass_axe_fit_a_phone_and_work_without_javascript(bool javaScript)
    {
        // Five metropolitan districts count a round of their own in a year no other test uses, and it is published.
        var period = javaScript ? "2031/32" : "2032/33";
        var suffix = javaScript ? "A" : "B";
        var email = $"sharing-approver-{suffix}@example.gov.uk";
        var codes = new[] { "E08000010", "E08000001", "E08000003", "E08000005", "E08000007" };
        long id = 0;
        await using (var scope = fixture.App.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentActor>().Actor = Actor.System("tests");
            var service = scope.ServiceProvider.GetRequiredService<OrganisationAssessments>();
            var template = fixture.App.Services.GetRequiredService<AssessmentCatalogue>().Find("digital-maturity")!;
            for (var i = 0; i < codes.Length; i++)
            {
                var organisation = await TestAccounts.OrganisationAsync(fixture.App.Services, $"Sharing Council {suffix}{i}", codes[i]);
                if (i == 0)
                {
                    await TestAccounts.MemberAsync(fixture.App.Services, email, organisation, Role.Approver);
                }
                var assessment = (await service.StartAsync(organisation.Slug, template.Id, period)).ShouldSucceed().Assessment.Id;
                await service.SaveAnswersAsync(assessment, [.. template.Questions.Select(q => new AnswerInput(q.Id, q.Id == "data-use" ? $"{i + 1}" : "4"))]).ShouldSucceed();
                await service.SubmitAsync(assessment).ShouldSucceed();
                await service.SetBenchmarkingAsync(assessment, true).ShouldSucceed();
                id = i == 0 ? assessment : id;
            }
            await scope.ServiceProvider.GetRequiredService<BenchmarkReleases>().PublishAsync(template.Id, period).ShouldSucceed();
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

        await page.GotoAsync($"{fixture.BaseUrl}/assessments/{id}/results");
        (await page.Locator("main h2", new() { HasText = "Where you stand" }).CountAsync()).ShouldBe(1);
        await PageChecks.CheckAsync(page, "results with where you stand and who can see them", failures);

        // Sharing with a council that does not exist: the error summary on the same page.
        await page.Locator("#visibility-2").CheckAsync();
        await page.Locator("#sharedWith").FillAsync("no-such-council");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save who can see these results" }).ClickAsync();
        (await page.Locator(".govuk-error-summary").CountAsync()).ShouldBe(1);
        await PageChecks.CheckAsync(page, "who can see the results, with an error", failures);

        await page.Locator("#visibility-3").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save who can see these results" }).ClickAsync();
        (await page.Locator("main").TextContentAsync())!.ShouldContain("Anyone can read these results");

        await page.GotoAsync($"{fixture.BaseUrl}/assessments/digital-maturity/benchmarks?period={Uri.EscapeDataString(period)}&group=type-metropolitan-district");
        (await page.Locator(".app-own-standing").CountAsync()).ShouldBe(1);
        await PageChecks.CheckAsync(page, "the benchmark with the organisation's standing", failures);

        await using var anonymous = await fixture.NewContextAsync(javaScript);
        if (javaScript)
        {
            await Axe.AddToAsync(anonymous);
        }
        var reader = await anonymous.NewPageAsync();
        await reader.GotoAsync($"{fixture.BaseUrl}/assessments/{id}/results");
        (await reader.Locator("main").TextContentAsync())!.ShouldContain("chose to share these results");
        (await reader.Locator("main h2", new() { HasText = "Where you stand" }).CountAsync()).ShouldBe(0);
        await PageChecks.CheckAsync(reader, "public results as anyone reads them", failures);

        failures.ToString().ShouldBeEmpty();
    }
}
