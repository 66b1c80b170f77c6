using Microsoft.Playwright;
using Observatory.Accounts;
using Observatory.Testing;
using Xunit.Abstractions;

namespace Observatory.Browser.Tests;

/// <summary>
/// The pages only a signed-in reader opens, which the signed-out crawl cannot reach: crawled from each person's
/// account in real Chromium with JavaScript on, every page checked as the signed-out pages are (one main heading,
/// no console or script error, fits 320 px, no axe-core violation). With the pages the curation and account tests
/// walk through, every page template behind sign-in is visited.
/// </summary>
[Collection(nameof(BrowserCollection))]
public sealed class SignedInPagesTests(BrowserFixture fixture, ITestOutputHelper output)
{
    /// <summary>Templates another test class walks through with the forms that lead to them (invitations, a review).</summary>
    private static readonly string[] VisitedElsewhere =
    [
        "/sign-in/confirm", "/account/invitations/{token}", "/evidence/curation/{id}", "/evidence/{id}/edit",
        // An organisation's assessment pages need an assessment under way: AssessingAccessibilityTests starts one and
        // checks each with axe, at 320 px and without JavaScript.
        "/assessments/{id:long}/check", "/assessments/{id:long}/results", "/assessments/{id:long}/sections/{sectionId}",
        // A survey's edit page needs a survey: SurveyAccessibilityTests makes one and checks the page with axe.
        "/surveys/{id:long}/edit",
        // A decision's scoring page needs a decision: DecisionAccessibilityTests records one and checks each page.
        "/decisions/{id:long}/options/{option}/segments/{segment}",
        // A decision's delegation page needs a draft: DecisionAccessibilityTests opens it empty, with errors and with a segment delegated.
        "/decisions/{id:long}/delegation",
        // An organisation's own wheel and its segment page need a wheel: OwnWheelAccessibilityTests copies one and checks each page.
        "/organisations/{slug}/decision-wheels/{wheel}", "/organisations/{slug}/decision-wheels/{wheel}/segments/{segment}",
        // An organisation's algorithm records need records: AlgorithmRegisterAccessibilityTests makes them and checks each page.
        "/organisations/{slug}/algorithms", "/registers/algorithms/{id:long}/edit",
        // An organisation's applications and an entry's edit page: ApplicationsRegisterAccessibilityTests makes entries and checks each page.
        "/organisations/{slug}/applications", "/applications/{id:long}/edit",
        // An algorithmic impact assessment's page needs an assessment: ImpactAssessmentAccessibilityTests makes a draft and a completed one and checks them.
        "/impact-assessments/{id:long}",
    ];

    /// <summary>Where each person's crawl starts, beyond their account: the site administrator's includes the survey form.</summary>
    private static readonly string[] SiteAdministratorStarts = ["/account", "/admin", "/admin/outbox", "/frameworks/import", "/indicators/import", "/evidence/submit", "/evidence/curation", "/surveys/new"];

    [ChromiumFact]
    public async Task Every_page_behind_sign_in_is_visited_fits_320_px_logs_no_errors_and_passes_axe()
    {
        var organisation = await TestAccounts.OrganisationAsync(fixture.App.Services, "Crawled Council", "E08000010");
        await TestAccounts.MemberAsync(fixture.App.Services, "crawl-admin@crawled.gov.uk", organisation, Role.OrganisationAdmin);
        await TestAccounts.SiteAdministratorAsync(fixture.App.Services, "crawl-site-admin@socitm.net");
        var failures = new List<string>();
        var visited = new List<string>();

        foreach (var (email, starts) in new (string, string[])[]
        {
            ("crawl-site-admin@socitm.net", SiteAdministratorStarts),
            ("crawl-admin@crawled.gov.uk", ["/account", $"/organisations/{organisation.Slug}", $"/organisations/{organisation.Slug}/history",
                $"/portraits/uk-council/E08000010/local-targets?organisation={organisation.Id}"]),
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
            await page.CloseAsync();
            var (pages, found) = await CrawlAsync(context, starts);
            visited.AddRange(pages);
            failures.AddRange(found);
        }

        var reached = visited.Select(p => PageTemplates.For(fixture.Templates, p)?.Template).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var signedIn = fixture.Templates.Where(t => t.SignedIn).Select(t => t.Template).ToList();
        output.WriteLine($"Signed in: {visited.Count} pages of {reached.Count(r => signedIn.Contains(r))} of the {signedIn.Count} templates behind sign-in");
        signedIn.Where(t => !reached.Contains(t) && !VisitedElsewhere.Contains(t)).ToList().ShouldBeEmpty("templates behind sign-in no test visits");
        failures.ShouldBeEmpty();
    }

    /// <summary>Breadth first from <paramref name="starts"/>, following links to pages behind sign-in only, three of each template.</summary>
    private async Task<(List<string> Pages, List<string> Failures)> CrawlAsync(IBrowserContext context, string[] starts)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var perTemplate = new Dictionary<string, int>(StringComparer.Ordinal);
        var pages = new List<string>();
        var failures = new List<string>();
        var queue = new Queue<string>(starts);
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add($"console error: {message.Text} ({message.Location})");
            }
        };
        page.PageError += (_, error) => errors.Add($"script error: {error}");
        while (queue.Count > 0)
        {
            var path = queue.Dequeue();
            var template = PageTemplates.For(fixture.Templates, path);
            // Sign-out ends the session the rest of the crawl needs.
            if (!seen.Add(path) || template is null || path.StartsWith("/sign-out", StringComparison.Ordinal)
                || (!starts.Contains(path) && (!template.SignedIn || perTemplate.GetValueOrDefault(template.Template) >= 3)))
            {
                continue;
            }
            perTemplate[template.Template] = perTemplate.GetValueOrDefault(template.Template) + 1;
            errors.Clear();
            var response = await page.GotoAsync(fixture.BaseUrl + path, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
            if (response!.Status != 200 || new Uri(page.Url).AbsolutePath == "/sign-in")
            {
                failures.Add($"{path}: status {response.Status} at {page.Url}");
                continue;
            }
            pages.Add(path);
            if (await page.Locator("main h1").CountAsync() != 1)
            {
                failures.Add($"{path}: no single main heading");
            }
            failures.AddRange(await Axe.ViolationsAsync(page, path));
            if (await Reflow.ProblemAsync(page, path) is { } reflow)
            {
                failures.Add(reflow);
            }
            failures.AddRange(errors.Select(e => $"{path}: {e}"));
            foreach (var href in await page.EvalOnSelectorAllAsync<string[]>("main a[href]:not([download])", "links => links.map(a => a.getAttribute('href'))"))
            {
                if (href.StartsWith('/') && !href.StartsWith("//", StringComparison.Ordinal) && !href.StartsWith("/api/", StringComparison.Ordinal))
                {
                    queue.Enqueue(href.Split('#')[0]);
                }
            }
        }
        await page.CloseAsync();
        return (pages, failures);
    }
}
