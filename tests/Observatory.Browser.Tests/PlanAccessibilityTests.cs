using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Observatory.Accounts;
using Observatory.Plans;
using Observatory.Testing;

namespace Observatory.Browser.Tests;

/// <summary>
/// The pages of a recovery and resilience plan, which the crawl of the seeded Observatory cannot reach (it has no
/// plan): one published plan on Wigan's indicators with a target and an action with an update, made here, read
/// signed out with JavaScript on and off; and the overview with its forms as the council's officer sees a draft.
/// Each page is checked for one main heading, reflow at 320 px and (with JavaScript) axe-core.
/// </summary>
[Collection(nameof(BrowserCollection))]
public sealed class PlanAccessibilityTests(BrowserFixture fixture)
{
    private static readonly SemaphoreSlim Making = new(1, 1);
    private static (long Published, long Target, long Action, long Draft)? _plans;

    private async Task<(long Published, long Target, long Action, long Draft)> PlansAsync()
    {
        await Making.WaitAsync();
        try
        {
            if (_plans is { } made)
            {
                return made;
            }
            var services = fixture.App.Services;
            var organisation = await TestAccounts.OrganisationAsync(services, "Plan Wigan Council", "E08000010");
            await TestAccounts.MemberAsync(services, "officer@plan-wigan-council.gov.uk", organisation, Role.Approver);
            await using var scope = services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<CurrentActor>().Actor = Actor.System("tests");
            var plans = scope.ServiceProvider.GetRequiredService<RecoveryPlans>();
            var published = (await plans.CreateAsync(organisation.Slug, new PlanInput("Wigan recovery and resilience plan", "Jobs, health and connections for every township.", "E08000010", 2025, 2030))).ShouldSucceed().Plan.Id;
            await plans.AddTargetAsync(published, new TargetInput("claimant-count", null, "2020", "2030", 3.0, ["place-making/social-equity", "four-rs/renew"])).ShouldSucceed();
            var record = await plans.AddActionAsync(published, new ActionInput("Jobs fairs in each township", "Twice a year, with local employers.", "Economy team", ["Jobcentre Plus"], "2025-04-01", "2026-03-31", "on-track",
                ["place-making/social-equity", "four-rs/reform"])).ShouldSucceed();
            record = await plans.AddActionUpdateAsync(published, record.Actions[0].Action.Id, new ActionUpdateInput("2025-09-30", "at-risk", "One venue lost; another found for the spring.")).ShouldSucceed();
            // A social value commitment with a delivery report, so the plan page's social value tables are checked filled.
            var socialValue = scope.ServiceProvider.GetRequiredService<SocialValueCommitments>();
            var commitments = await socialValue.AddAsync(published, new CommitmentInput(null, "create-new-businesses-jobs-and-skills", "Northway Construction Ltd",
                "Leisure centre rebuild", "Twelve apprenticeships for Wigan residents", 120000m)).ShouldSucceed();
            await socialValue.AddUpdateAsync(published, commitments.Commitments[0].Commitment.Id, new DeliveryInput("2025-09-30", "Seven apprentices started", 70000m)).ShouldSucceed();
            await plans.SubmitAsync(published).ShouldSucceed();
            await plans.PublishAsync(published).ShouldSucceed();
            var draft = (await plans.CreateAsync(organisation.Slug, new PlanInput("Wigan digital plan", null, "E08000010", 2026, 2029))).ShouldSucceed().Plan.Id;
            // A partner on the draft, so its officer's page shows the partners with their buttons.
            var partner = await TestAccounts.OrganisationAsync(services, "Plan Bolton Council", "E08000001");
            await plans.AddPartnerAsync(draft, partner.Slug).ShouldSucceed();
            _plans = (published, record.Targets[0].Target.Id, record.Actions[0].Action.Id, draft);
            return _plans.Value;
        }
        finally
        {
            Making.Release();
        }
    }

    [ChromiumTheory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_published_plans_pages_pass_axe_reflow_and_work_without_javascript(bool javaScript)
    {
        var (plan, target, action, _) = await PlansAsync();
        await using var context = await fixture.NewContextAsync(javaScript);
        if (javaScript)
        {
            await Axe.AddToAsync(context);
        }
        var page = await context.NewPageAsync();
        var failures = new StringBuilder();
        foreach (var path in new[] { "/organisations/plan-wigan-council/plans", $"/plans/{plan}", $"/plans/{plan}/targets/{target}", $"/plans/{plan}/actions/{action}",
            $"/plans/{plan}/coverage", $"/plans/{plan}/report", "/areas/E08000010" })
        {
            await CheckAsync(page, path, javaScript, failures);
        }
        // The target's chart has its table; the area page leads to the plan.
        await page.GotoAsync(fixture.BaseUrl + $"/plans/{plan}/targets/{target}");
        (await page.Locator("main figure svg").CountAsync()).ShouldBe(1);
        (await page.Locator("main table tbody tr").CountAsync()).ShouldBeGreaterThan(1);
        await page.GotoAsync(fixture.BaseUrl + "/areas/E08000010");
        await page.Locator($"main a[href='/plans/{plan}']").ClickAsync();
        (await page.Locator("main h1").TextContentAsync())!.Trim().ShouldBe("Wigan recovery and resilience plan");
        failures.ToString().ShouldBeEmpty();
    }

    [ChromiumFact]
    public async Task A_draft_plan_and_its_forms_pass_axe_and_reflow_for_its_officer()
    {
        var (_, _, _, draft) = await PlansAsync();
        var failures = new StringBuilder();
        await using (var context = await fixture.NewContextAsync())
        {
            await Axe.AddToAsync(context);
            var page = await context.NewPageAsync();
            await SignInAsync(page);
            foreach (var path in new[] { "/organisations/plan-wigan-council/plans", $"/plans/{draft}" })
            {
                await CheckAsync(page, path, axe: true, failures);
            }
        }
        // Adding a partner without JavaScript, with a wrong address: the error is shown beside the field, and the page still fits.
        await using (var context = await fixture.NewContextAsync(javaScript: false))
        {
            var page = await context.NewPageAsync();
            await SignInAsync(page);
            await page.GotoAsync(fixture.BaseUrl + $"/plans/{draft}");
            (await page.Locator("#plan-partners ~ ul").InnerTextAsync()).ShouldContain("Plan Bolton Council");
            await page.Locator("#organisation").FillAsync("no-such-council");
            await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Add the partner" }).ClickAsync();
            (await page.Locator(".govuk-error-summary").InnerTextAsync()).ShouldContain("There is no organisation with the address");
            await CheckAsync(page, null, axe: false, failures);
        }
        // Adding a target without JavaScript, with a mistake first: the error is shown beside the field, then the target is added.
        await using (var context = await fixture.NewContextAsync(javaScript: false))
        {
            var page = await context.NewPageAsync();
            await SignInAsync(page);
            await page.GotoAsync(fixture.BaseUrl + $"/plans/{draft}");
            await page.Locator("#indicator").SelectOptionAsync("gigabit-capable-broadband");
            await page.Locator("#targetPeriod").FillAsync("2029-01-01");
            await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Add the target" }).ClickAsync();
            (await page.Locator(".govuk-error-summary").InnerTextAsync()).ShouldContain("Enter the target as a number");
            await CheckAsync(page, null, axe: false, failures);
            await page.Locator("#targetValue").FillAsync("99");
            await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Add the target" }).ClickAsync();
            (await page.Locator("main").InnerTextAsync()).ShouldContain("Gigabit");
            (await page.Locator(".govuk-error-summary").CountAsync()).ShouldBe(0);
        }
        failures.ToString().ShouldBeEmpty();
    }

    private async Task SignInAsync(Microsoft.Playwright.IPage page)
    {
        await page.GotoAsync(fixture.BaseUrl + "/sign-in");
        await page.Locator("#email").FillAsync("officer@plan-wigan-council.gov.uk");
        await page.Locator("#password").FillAsync(TestAccounts.Password);
        await page.Locator("main form button[type=submit]").ClickAsync();
        (await page.Locator("main h1").TextContentAsync())!.ShouldNotBe("Sign in");
    }

    /// <summary>Opens <paramref name="path"/> (or checks the page as it is, when null) for one main heading, reflow and, when asked, axe.</summary>
    private async Task CheckAsync(Microsoft.Playwright.IPage page, string? path, bool axe, StringBuilder failures)
    {
        var where = path ?? page.Url;
        if (path is not null)
        {
            var response = await page.GotoAsync(fixture.BaseUrl + path);
            if (response!.Status != 200)
            {
                failures.AppendLine($"{path}: status {response.Status}");
                return;
            }
        }
        if (await page.Locator("main h1").CountAsync() != 1)
        {
            failures.AppendLine($"{where}: no single main heading");
        }
        if (await Reflow.ProblemAsync(page, where) is { } reflow)
        {
            failures.AppendLine(reflow);
        }
        if (axe)
        {
            foreach (var violation in await Axe.ViolationsAsync(page, where))
            {
                failures.AppendLine(violation);
            }
        }
    }
}
