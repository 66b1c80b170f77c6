using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Observatory.Accounts;
using Observatory.Assessments;
using Observatory.Assessments.Surveys;
using Observatory.Testing;

namespace Observatory.Browser.Tests;

/// <summary>
/// The survey pages, which the crawl of the seeded Observatory cannot reach (it has no survey): one survey open and
/// one published from five councils' answers, made here; their public pages with JavaScript on and off, and the
/// pages a site administrator and an invited council's officer see when signed in, each checked for one main
/// heading, reflow at 320 px and (with JavaScript) axe-core.
/// </summary>
[Collection(nameof(BrowserCollection))]
public sealed class SurveyAccessibilityTests(BrowserFixture fixture)
{
    private static readonly SemaphoreSlim Making = new(1, 1);
    private static (long Open, long Published)? _surveys;

    private static readonly (string Name, string Code)[] Councils =
    [
        ("Survey Wigan Council", "E08000010"), ("Survey Salford Council", "E08000006"), ("Survey Bolton Council", "E08000001"),
        ("Survey Bury Council", "E08000002"), ("Survey Oldham Council", "E08000004"),
    ];

    private async Task<(long Open, long Published)> SurveysAsync()
    {
        await Making.WaitAsync();
        try
        {
            if (_surveys is { } made)
            {
                return made;
            }
            var services = fixture.App.Services;
            var officers = new List<(string Slug, Person Person)>();
            foreach (var (name, code) in Councils)
            {
                var organisation = await TestAccounts.OrganisationAsync(services, name, code);
                officers.Add((organisation.Slug, await TestAccounts.MemberAsync(services, $"officer@{organisation.Slug}.gov.uk", organisation, Role.Contributor)));
            }
            await TestAccounts.SiteAdministratorAsync(services, "survey-admin@socitm.net");
            await using var scope = services.CreateAsyncScope();
            var current = scope.ServiceProvider.GetRequiredService<CurrentActor>();
            var surveys = scope.ServiceProvider.GetRequiredService<SectorSurveys>();
            var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
            var assessments = scope.ServiceProvider.GetRequiredService<OrganisationAssessments>();
            var template = scope.ServiceProvider.GetRequiredService<AssessmentCatalogue>().Find("covid-impact-survey")!;
            var today = SurveyWindow.Today(TimeProvider.System).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            string[] slugs = [.. officers.Select(o => o.Slug)];
            current.Actor = Actor.System("tests");
            var open = (await surveys.CreateAsync(new SurveyInput("Survey still taking answers", "covid-impact-survey", "2026/27", today, today, "chosen", slugs))).ShouldSucceed().Survey.Id;
            await surveys.OpenAsync(open).ShouldSucceed();
            var published = (await surveys.CreateAsync(new SurveyInput("Covid-19 impact survey, published", "covid-impact-survey", "2026/27", today, today, "chosen", slugs))).ShouldSucceed().Survey.Id;
            await surveys.OpenAsync(published).ShouldSucceed();
            var level = 0;
            foreach (var (slug, person) in officers)
            {
                current.Actor = await accounts.ActorForAsync(person, TokenScopes.Read | TokenScopes.Write);
                var response = (await surveys.RespondAsync(published, slug, publishWords: true)).ShouldSucceed().Response!.Id;
                level++;
                await assessments.SaveAnswersAsync(response, [.. template.Questions.Select(q => new AnswerInput(q.Id, q.InWords ? $"Answer {level} in words" : level.ToString(System.Globalization.CultureInfo.InvariantCulture)))]).ShouldSucceed();
                await assessments.SubmitAsync(response).ShouldSucceed();
            }
            current.Actor = Actor.System("tests");
            await surveys.CloseAsync(published).ShouldSucceed();
            await surveys.PublishAsync(published).ShouldSucceed();
            _surveys = (open, published);
            return (open, published);
        }
        finally
        {
            Making.Release();
        }
    }

    private async Task CheckAsync(Microsoft.Playwright.IPage page, string path, bool axe, StringBuilder failures)
    {
        var response = await page.GotoAsync(fixture.BaseUrl + path);
        if (response!.Status != 200)
        {
            failures.AppendLine($"{path}: status {response.Status}");
            return;
        }
        if (await page.Locator("main h1").CountAsync() != 1)
        {
            failures.AppendLine($"{path}: no single main heading");
        }
        if (await Reflow.ProblemAsync(page, path) is { } reflow)
        {
            failures.AppendLine(reflow);
        }
        if (axe)
        {
            foreach (var violation in await Axe.ViolationsAsync(page, path))
            {
                failures.AppendLine(violation);
            }
        }
    }

    [ChromiumTheory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_public_survey_pages_pass_axe_reflow_and_work_without_javascript(bool javaScript)
    {
        var (_, published) = await SurveysAsync();
        await using var context = await fixture.NewContextAsync(javaScript);
        if (javaScript)
        {
            await Axe.AddToAsync(context);
        }
        var page = await context.NewPageAsync();
        var failures = new StringBuilder();
        foreach (var path in new[] { "/surveys", $"/surveys/{published}", $"/surveys/{published}/results", $"/surveys/{published}/results?group=nation-wales" })
        {
            await CheckAsync(page, path, javaScript, failures);
        }
        // Choosing a peer group is a plain GET form: it works without JavaScript.
        await page.GotoAsync(fixture.BaseUrl + $"/surveys/{published}/results");
        (await page.Locator("main figure svg").CountAsync()).ShouldBe(1);
        (await page.Locator("main").InnerTextAsync()).ShouldContain("5 of 5 organisations responded.");
        await page.Locator("#group").SelectOptionAsync("type-metropolitan-district");
        await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Show results" }).ClickAsync();
        page.Url.ShouldContain("group=type-metropolitan-district");
        failures.ToString().ShouldBeEmpty();
    }

    [ChromiumFact]
    public async Task The_pages_of_those_who_run_and_answer_a_survey_pass_axe_and_reflow()
    {
        var (open, _) = await SurveysAsync();
        var failures = new StringBuilder();
        foreach (var (email, paths) in new (string, string[])[]
        {
            ("survey-admin@socitm.net", ["/surveys", "/surveys/new", $"/surveys/{open}", $"/surveys/{open}/edit"]),
            ("officer@survey-wigan-council.gov.uk", [$"/surveys/{open}", "/organisations/survey-wigan-council/assessments"]),
        })
        {
            await using var context = await fixture.NewContextAsync();
            await Axe.AddToAsync(context);
            var page = await context.NewPageAsync();
            await page.GotoAsync(fixture.BaseUrl + "/sign-in");
            await page.Locator("#email").FillAsync(email);
            await page.Locator("#password").FillAsync(TestAccounts.Password);
            await page.Locator("main form button[type=submit]").ClickAsync();
            (await page.Locator("main h1").TextContentAsync())!.ShouldNotBe("Sign in", email);
            foreach (var path in paths)
            {
                await CheckAsync(page, path, axe: true, failures);
            }
        }
        // The create form with its errors shown, as a sector body sees it after a mistake.
        await using (var context = await fixture.NewContextAsync(javaScript: false))
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync(fixture.BaseUrl + "/sign-in");
            await page.Locator("#email").FillAsync("survey-admin@socitm.net");
            await page.Locator("#password").FillAsync(TestAccounts.Password);
            await page.Locator("main form button[type=submit]").ClickAsync();
            await page.GotoAsync(fixture.BaseUrl + "/surveys/new");
            await page.Locator("#title").FillAsync("");
            await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Create survey" }).ClickAsync();
            (await page.Locator(".govuk-error-summary").InnerTextAsync()).ShouldContain("Enter the survey's title");
        }
        failures.ToString().ShouldBeEmpty();
    }
}
