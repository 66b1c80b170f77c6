using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Observatory.Accounts;
using Observatory.Auditing;
using Observatory.Storage;
using Observatory.Testing;

namespace Observatory.Web.Tests.Plans;

/// <summary>
/// A plan shared by a partnership through the real app over HTTP: Wigan's council leads it and makes Bolton's council
/// a partner; Bolton's editors then add targets and actions and report on them as Wigan's would, each write in the
/// plan's history under the person who made it; Salford, outside the partnership, is told the draft does not exist;
/// only Wigan chooses partners, submits and publishes; a removed partner loses the draft again.
/// </summary>
public sealed class PlanPartnershipTests : IAsyncLifetime
{
    private const string Wigan = "E08000010";
    private readonly ObservatoryAppFactory _app = new();
    private Organisation _wigan = null!;
    private HttpClient _lead = null!;
    private HttpClient _leadApprover = null!;
    private HttpClient _partner = null!;
    private HttpClient _partnerApprover = null!;
    private HttpClient _partnerViewer = null!;
    private HttpClient _outsider = null!;
    private HttpClient _anonymous = null!;

    public async Task InitializeAsync()
    {
        await _app.EnsurePreparedAsync();
        _wigan = await TestAccounts.OrganisationAsync(_app.Services, "Wigan Council", Wigan);
        var bolton = await TestAccounts.OrganisationAsync(_app.Services, "Bolton Council", "E08000001");
        var salford = await TestAccounts.OrganisationAsync(_app.Services, "Salford City Council", "E08000006");
        await TestAccounts.MemberAsync(_app.Services, "officer@wigan.gov.uk", _wigan, Role.Contributor);
        await TestAccounts.MemberAsync(_app.Services, "director@wigan.gov.uk", _wigan, Role.Approver);
        await TestAccounts.MemberAsync(_app.Services, "officer@bolton.gov.uk", bolton, Role.Contributor);
        await TestAccounts.MemberAsync(_app.Services, "director@bolton.gov.uk", bolton, Role.Approver);
        await TestAccounts.MemberAsync(_app.Services, "reader@bolton.gov.uk", bolton, Role.Viewer);
        await TestAccounts.MemberAsync(_app.Services, "admin@salford.gov.uk", salford, Role.OrganisationAdmin);
        _lead = await TestAccounts.ClientAsync(_app, "officer@wigan.gov.uk");
        _leadApprover = await TestAccounts.ClientAsync(_app, "director@wigan.gov.uk");
        _partner = await TestAccounts.ClientAsync(_app, "officer@bolton.gov.uk");
        _partnerApprover = await TestAccounts.ClientAsync(_app, "director@bolton.gov.uk");
        _partnerViewer = await TestAccounts.ClientAsync(_app, "reader@bolton.gov.uk");
        _outsider = await TestAccounts.ClientAsync(_app, "admin@salford.gov.uk");
        _anonymous = await _app.ClientAsync();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync();
            response.StatusCode.ShouldBe(expected, body);
            return JsonDocument.Parse(body).RootElement;
        }
    }

    private async Task<long> StartPlanAsync(string title)
    {
        var json = await JsonAsync(await _lead.PostAsJsonAsync("/api/organisations/wigan-council/plans", new { title, place = Wigan, startYear = 2025, endYear = 2030 }), HttpStatusCode.Created);
        return json.GetProperty("id").GetInt64();
    }

    private static async Task<HttpStatusCode> StatusAsync(Task<HttpResponseMessage> sending)
    {
        using var response = await sending;
        return response.StatusCode;
    }

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string url, params (string Name, string Value)[] fields)
    {
        var token = await TestAccounts.FormTokenAsync(client, url.Split('?')[0]);
        return await client.PostAsync(url, new FormUrlEncodedContent([.. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)), new("__RequestVerificationToken", token)]));
    }

    [Fact]
    public async Task A_partners_editors_change_a_shared_draft_as_the_leads_would_and_nobody_else_sees_it()
    {
        var plan = await StartPlanAsync("Wigan and Bolton joint recovery plan");
        // Before the partnership Bolton is told the draft does not exist, and cannot make itself a partner.
        (await StatusAsync(_partner.GetAsync($"/api/plans/{plan}"))).ShouldBe(HttpStatusCode.NotFound);
        (await StatusAsync(_partner.PostAsJsonAsync($"/api/plans/{plan}/partners", new { organisation = "bolton-council" }))).ShouldBe(HttpStatusCode.NotFound);

        // A partner is named by its address; a wrong one is refused, naming the field, and nothing changes.
        foreach (var (given, words) in new[] { ("", "Enter the partner organisation's address"), ("no-such-council", "There is no organisation"), ("wigan-council", "leads the plan") })
        {
            var problem = await JsonAsync(await _lead.PostAsJsonAsync($"/api/plans/{plan}/partners", new { organisation = given }), HttpStatusCode.BadRequest);
            problem.GetProperty("errors").GetProperty("organisation")[0].GetString()!.ShouldContain(words);
        }
        var json = await JsonAsync(await _lead.PostAsJsonAsync($"/api/plans/{plan}/partners", new { organisation = "bolton-council" }), HttpStatusCode.OK);
        json.GetProperty("organisation").GetString().ShouldBe("wigan-council");
        json.GetProperty("partners").EnumerateArray().Select(p => p.GetProperty("organisation").GetString()).ShouldBe(["bolton-council"]);
        (await JsonAsync(await _lead.PostAsJsonAsync($"/api/plans/{plan}/partners", new { organisation = "bolton-council" }), HttpStatusCode.BadRequest))
            .GetProperty("errors").GetProperty("organisation")[0].GetString()!.ShouldContain("already a partner");

        // Bolton's contributor now reads the draft and adds a target, an action and an update, as Wigan's would.
        (await JsonAsync(await _partner.GetAsync($"/api/plans/{plan}"), HttpStatusCode.OK)).GetProperty("title").GetString().ShouldBe("Wigan and Bolton joint recovery plan");
        await JsonAsync(await _partner.PostAsJsonAsync($"/api/plans/{plan}/targets", new { indicator = "claimant-count", area = "E08000001", targetPeriod = "2030", targetValue = 3.0 }), HttpStatusCode.OK);
        json = await JsonAsync(await _partner.PostAsJsonAsync($"/api/plans/{plan}/actions", new { title = "Joint skills bootcamps across both boroughs", owner = "Bolton Council" }), HttpStatusCode.OK);
        var action = json.GetProperty("actions")[0].GetProperty("id").GetInt64();
        json = await JsonAsync(await _partner.PostAsJsonAsync($"/api/plans/{plan}/actions/{action}/updates", new { on = "2026-05-01", status = "on-track", note = "First cohort of forty started." }), HttpStatusCode.OK);
        json.GetProperty("targets")[0].GetProperty("area").GetString().ShouldBe("E08000001");
        json.GetProperty("actions")[0].GetProperty("status").GetString().ShouldBe("on-track");

        // A partner's viewer reads but does not write; a partner neither chooses partners nor sends the plan on.
        (await StatusAsync(_partnerViewer.GetAsync($"/plans/{plan}"))).ShouldBe(HttpStatusCode.OK);
        (await StatusAsync(_partnerViewer.PostAsJsonAsync($"/api/plans/{plan}/targets", new { indicator = "claimant-count", targetPeriod = "2030", targetValue = 1.0 }))).ShouldBe(HttpStatusCode.Forbidden);
        (await JsonAsync(await _partner.PostAsJsonAsync($"/api/plans/{plan}/partners", new { organisation = "salford-city-council" }), HttpStatusCode.Forbidden))
            .GetProperty("detail").GetString()!.ShouldContain("Wigan Council, which leads the plan");
        (await StatusAsync(_partner.PostAsJsonAsync($"/api/plans/{plan}/submit", new { }))).ShouldBe(HttpStatusCode.Forbidden);
        (await StatusAsync(_partner.DeleteAsync($"/api/plans/{plan}/partners/bolton-council"))).ShouldBe(HttpStatusCode.Forbidden);

        // The overview names the lead and the partner; Bolton's editors get the forms to add, not the partners form.
        var page = await _partner.GetHtmlAsync($"/plans/{plan}");
        var details = page.QuerySelector("main .govuk-summary-list")!.TextContent;
        details.ShouldContain("Wigan Council");
        details.ShouldContain("Bolton Council");
        page.QuerySelector("#add-target").ShouldNotBeNull();
        page.QuerySelector("#plan-partners").ShouldBeNull();
        (await _lead.GetHtmlAsync($"/plans/{plan}")).QuerySelector("#plan-partners").ShouldNotBeNull();

        // Bolton's list of plans includes the one it is a partner in, for its members only.
        (await JsonAsync(await _partner.GetAsync("/api/organisations/bolton-council/plans"), HttpStatusCode.OK)).EnumerateArray()
            .Select(p => p.GetProperty("id").GetInt64()).ShouldContain(plan);
        (await _partnerViewer.GetStringAsync("/organisations/bolton-council/plans")).ShouldContain("Wigan and Bolton joint recovery plan");

        // Outside the partnership, nobody learns the draft exists.
        foreach (var (who, client) in new[] { ("anonymous", _anonymous), ("Salford", _outsider) })
        {
            foreach (var path in new[] { $"/plans/{plan}", $"/plans/{plan}/report", $"/api/plans/{plan}", "/api/organisations/bolton-council/plans", "/api/organisations/wigan-council/plans" })
            {
                (await StatusAsync(client.GetAsync(path))).ShouldBe(HttpStatusCode.NotFound, $"{who}: GET {path}");
            }
            (await StatusAsync(client.PostAsJsonAsync($"/api/plans/{plan}/partners", new { organisation = "salford-city-council" }))).ShouldBe(HttpStatusCode.NotFound, who);
        }

        // Every write is in the plan's history, Wigan's, under the person who made it: Bolton's officer's included.
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ObservatoryDbContext>();
            var history = await db.AuditEntries.AsNoTracking().Where(e => e.OrganisationId == _wigan.Id).ToListAsync();
            var wiganOfficer = (await db.People.SingleAsync(p => p.Email == "officer@wigan.gov.uk")).Id;
            history.Single(e => e.EntityType == "PlanPartner" && e.Action == "created").ActorPersonId.ShouldBe(wiganOfficer);
            foreach (var type in new[] { "PlanTarget", "PlanAction", "PlanActionUpdate" })
            {
                var entry = history.Single(e => e.EntityType == type && e.Action == "created");
                entry.ActorPersonId.ShouldBe((await db.People.SingleAsync(p => p.Email == "officer@bolton.gov.uk")).Id, type);
            }
        }

        // Removing the partner: Bolton no longer sees the draft, and what its officer added stays in the plan.
        json = await JsonAsync(await _lead.DeleteAsync($"/api/plans/{plan}/partners/bolton-council"), HttpStatusCode.OK);
        json.GetProperty("partners").GetArrayLength().ShouldBe(0);
        json.GetProperty("targets").GetArrayLength().ShouldBe(1);
        (await StatusAsync(_partner.GetAsync($"/api/plans/{plan}"))).ShouldBe(HttpStatusCode.NotFound);
        (await StatusAsync(_partner.PostAsJsonAsync($"/api/plans/{plan}/targets", new { indicator = "claimant-count", targetPeriod = "2030", targetValue = 1.0 }))).ShouldBe(HttpStatusCode.NotFound);
        (await StatusAsync(_lead.DeleteAsync($"/api/plans/{plan}/partners/bolton-council"))).ShouldBe(HttpStatusCode.NotFound);
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ObservatoryDbContext>();
            (await db.AuditEntries.CountAsync(e => e.OrganisationId == _wigan.Id && e.EntityType == "PlanPartner" && e.Action == "deleted")).ShouldBe(1);
        }
    }

    [Fact]
    public async Task Once_submitted_only_approvers_of_the_lead_or_a_partner_change_the_plan_and_once_published_everyone_reads_it()
    {
        var plan = await StartPlanAsync("Greater Manchester towns plan");
        await JsonAsync(await _lead.PostAsJsonAsync($"/api/plans/{plan}/partners", new { organisation = "bolton-council" }), HttpStatusCode.OK);
        (await JsonAsync(await _lead.PostAsJsonAsync($"/api/plans/{plan}/submit", new { }), HttpStatusCode.OK)).GetProperty("state").GetString().ShouldBe("submitted");

        var target = new { indicator = "claimant-count", targetPeriod = "2030", targetValue = 2.5 };
        (await StatusAsync(_partner.PostAsJsonAsync($"/api/plans/{plan}/targets", target))).ShouldBe(HttpStatusCode.Conflict);
        (await JsonAsync(await _partnerApprover.PostAsJsonAsync($"/api/plans/{plan}/targets", target), HttpStatusCode.OK)).GetProperty("targets").GetArrayLength().ShouldBe(1);
        // A partner's approver approves its own changes, not the plan: publishing is the lead's.
        (await StatusAsync(_partnerApprover.PostAsJsonAsync($"/api/plans/{plan}/publish", new { }))).ShouldBe(HttpStatusCode.Forbidden);
        (await JsonAsync(await _leadApprover.PostAsJsonAsync($"/api/plans/{plan}/publish", new { }), HttpStatusCode.OK)).GetProperty("state").GetString().ShouldBe("published");

        // Published: anyone reads it and sees the partnership; Salford reads but cannot change it.
        (await _anonymous.GetHtmlAsync($"/plans/{plan}")).QuerySelector("main .govuk-summary-list")!.TextContent.ShouldContain("Bolton Council");
        (await JsonAsync(await _outsider.GetAsync($"/api/plans/{plan}"), HttpStatusCode.OK)).GetProperty("partners")[0].GetProperty("name").GetString().ShouldBe("Bolton Council");
        (await StatusAsync(_outsider.PostAsJsonAsync($"/api/plans/{plan}/targets", target))).ShouldBe(HttpStatusCode.Forbidden);
        (await StatusAsync(_outsider.PostAsJsonAsync($"/api/plans/{plan}/partners", new { organisation = "salford-city-council" }))).ShouldBe(HttpStatusCode.Forbidden);
        (await JsonAsync(await _anonymous.GetAsync("/api/organisations/bolton-council/plans"), HttpStatusCode.OK)).EnumerateArray()
            .Select(p => p.GetProperty("id").GetInt64()).ShouldBe([plan]);
    }

    [Fact]
    public async Task The_lead_adds_and_removes_a_partner_with_the_plans_page_form()
    {
        var plan = await StartPlanAsync("Wigan plan with partners");
        var path = $"/plans/{plan}";

        // A mistake is shown beside the field, with the page answered 400, and nothing changes.
        using (var refused = await PostFormAsync(_lead, $"{path}?handler=Partner", ("organisation", "bolton")))
        {
            refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            var html = await refused.Content.ReadAsStringAsync();
            html.ShouldContain("govuk-error-summary");
            html.ShouldContain("There is no organisation with the address");
        }
        (await JsonAsync(await _lead.GetAsync($"/api{path}"), HttpStatusCode.OK)).GetProperty("partners").GetArrayLength().ShouldBe(0);

        using (var added = await PostFormAsync(_lead, $"{path}?handler=Partner", ("organisation", "bolton-council")))
        {
            added.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        }
        var page = await _lead.GetHtmlAsync(path);
        page.QuerySelector("body")!.TextContent.ShouldContain("The partner was added");
        page.QuerySelectorAll("#plan-partners ~ ul form input[name=organisation]").Select(i => i.GetAttribute("value")).ShouldBe(["bolton-council"]);
        (await StatusAsync(_partner.GetAsync(path))).ShouldBe(HttpStatusCode.OK);

        using (var removed = await PostFormAsync(_lead, $"{path}?handler=RemovePartner", ("organisation", "bolton-council")))
        {
            removed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        }
        (await StatusAsync(_partner.GetAsync(path))).ShouldBe(HttpStatusCode.NotFound);
        // The partner's officer cannot use the form either (and, no longer a partner, is told the plan does not exist).
        var token = await TestAccounts.FormTokenAsync(_partner, "/sign-out");
        using var attempt = await _partner.PostAsync($"{path}?handler=Partner", new FormUrlEncodedContent([new("organisation", "bolton-council"), new("__RequestVerificationToken", token)]));
        attempt.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        string.Join(',', (await JsonAsync(await _lead.GetAsync($"/api{path}"), HttpStatusCode.OK)).GetProperty("partners").EnumerateArray()).ShouldBeEmpty();
    }
}
