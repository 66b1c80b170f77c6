using System.Net;
using Observatory.Accounts;
using Observatory.Testing;

namespace Observatory.Web.Tests.Decisions;

/// <summary>
/// The decision pages with plain form posts (no JavaScript): an officer records a decision, scores an option on a
/// segment, submits it; an approver publishes it; then anyone reads its page with the wheels, the table and the history.
/// </summary>
public sealed class DecisionPagesTests : IAsyncLifetime
{
    private const string Officer = "officer@cornwall.gov.uk";
    private readonly ObservatoryAppFactory _app = new();
    private HttpClient _officer = null!;
    private HttpClient _approver = null!;
    private HttpClient _outsider = null!;
    private HttpClient _anonymous = null!;

    public async Task InitializeAsync()
    {
        await _app.EnsurePreparedAsync();
        var cornwall = await TestAccounts.OrganisationAsync(_app.Services, "Cornwall Council", "E06000052");
        var devon = await TestAccounts.OrganisationAsync(_app.Services, "Devon County Council", "E10000008");
        await TestAccounts.MemberAsync(_app.Services, Officer, cornwall, Role.Contributor);
        await TestAccounts.MemberAsync(_app.Services, "approver@cornwall.gov.uk", cornwall, Role.Approver);
        await TestAccounts.MemberAsync(_app.Services, "officer@devon.gov.uk", devon, Role.OrganisationAdmin);
        _officer = await TestAccounts.ClientAsync(_app, Officer);
        _approver = await TestAccounts.ClientAsync(_app, "approver@cornwall.gov.uk");
        _outsider = await TestAccounts.ClientAsync(_app, "officer@devon.gov.uk");
        _anonymous = await _app.ClientAsync();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, params (string Name, string Value)[] fields)
    {
        var token = await TestAccounts.FormTokenAsync(client, url.Split('?')[0]);
        return await client.PostAsync(url, new FormUrlEncodedContent([.. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)), new("__RequestVerificationToken", token)]));
    }

    [Fact]
    public async Task An_officer_records_and_scores_a_decision_and_an_approver_publishes_it()
    {
        var list = await _officer.GetHtmlAsync("/organisations/cornwall-council/decisions");
        list.Body!.TextContent.ShouldContain("has not recorded a decision yet");
        list.QuerySelector("input[name=placeCode]")!.GetAttribute("value").ShouldBe("E06000052");

        using var refused = await PostAsync(_officer, "/organisations/cornwall-council/decisions?handler=Create", ("kind", "project"), ("wheelId", "doughnut-decision-wheel"));
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var refusedPage = (await refused.Content.ReadAsStringAsync()).ParseHtml();
        var links = refusedPage.QuerySelectorAll(".govuk-error-summary a").Select(a => a.GetAttribute("href")!).ToList();
        links.ShouldBe(["#title", "#options"]);
        foreach (var link in links)
        {
            refusedPage.GetElementById(link[1..]).ShouldNotBeNull($"the error summary's link {link} reaches its field");
        }

        using var created = await PostAsync(_officer, "/organisations/cornwall-council/decisions?handler=Create", ("title", "Saints Trail routes"), ("kind", "cabinet-proposal"),
            ("placeCode", "E06000052"), ("wheelId", "doughnut-decision-wheel"), ("options[0]", "Build the trails"), ("options[1]", "Do nothing"), ("options[2]", ""));
        created.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var page = created.Headers.Location!.ToString();
        page.ShouldMatch("^/decisions/[0-9]+$");

        var draft = await _officer.GetHtmlAsync(page);
        draft.QuerySelectorAll("svg.app-decision-wheel").Length.ShouldBe(2, "one wheel per option, side by side");
        draft.QuerySelectorAll("table.app-decision-table tbody tr").Length.ShouldBe(22);
        draft.QuerySelectorAll("table.app-decision-table thead th").Length.ShouldBe(2 + 2 * 2);
        var score = draft.QuerySelector($"a[href='{page}/options/A/segments/biodiversity']").ShouldNotBeNull();

        var form = await _officer.GetHtmlAsync(score.GetAttribute("href")!);
        form.QuerySelector("h1")!.TextContent.ShouldBe("Biodiversity");
        form.QuerySelectorAll("input[type=radio][name=shortTerm]").Length.ShouldBe(6, "five scores and unknown");
        using var bad = await PostAsync(_officer, $"{page}/options/A/segments/biodiversity", ("shortTerm", "9"), ("longTerm", "unknown"), ("evidence", "not a link"));
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var badPage = (await bad.Content.ReadAsStringAsync()).ParseHtml();
        foreach (var link in badPage.QuerySelectorAll(".govuk-error-summary a").Select(a => a.GetAttribute("href")!))
        {
            badPage.GetElementById(link[1..]).ShouldNotBeNull($"the error summary's link {link} reaches its field");
        }
        using var saved = await PostAsync(_officer, $"{page}/options/A/segments/biodiversity", ("shortTerm", "2"), ("longTerm", "unknown"),
            ("rationale", "Disturbs wildlife while it is built"), ("evidence", "https://www.cornwall.gov.uk/trails"), ("answeredBy", "County ecologist"));
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var scored = await _officer.GetHtmlAsync(page);
        var row = scored.QuerySelector("table.app-decision-table tr[data-segment=biodiversity]")!;
        row.QuerySelectorAll("td").Skip(1).Take(2).Select(c => c.TextContent.Trim()).ShouldBe(["2", "Unknown"]);
        scored.QuerySelector("svg.app-decision-wheel g[data-segment=biodiversity] path[data-term=short]")!.GetAttribute("data-score").ShouldBe("2");
        scored.Body!.TextContent.ShouldContain("County ecologist");

        // Not yet published: nobody outside Cornwall sees it.
        (await _anonymous.GetAsync(page)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await _outsider.GetAsync(page)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await _outsider.GetAsync("/organisations/cornwall-council/decisions")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        (await PostAsync(_officer, $"{page}?handler=Submit")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var submitted = await _approver.GetHtmlAsync(page);
        submitted.QuerySelector($"a[href='{page}/options/A/segments/biodiversity']").ShouldBeNull("scores are fixed once submitted");
        (await PostAsync(_approver, $"{page}?handler=Publish")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var published = await _anonymous.GetHtmlAsync(page);
        published.QuerySelector("h1")!.TextContent.ShouldBe("Saints Trail routes");
        published.QuerySelector("svg.app-decision-wheel desc")!.TextContent.ShouldContain("1 negative");
        published.QuerySelectorAll("main form[method=post]").ShouldBeEmpty("the public is offered nothing to change");
        published.Body!.TextContent.ShouldContain("History");
        published.QuerySelectorAll("table")[^1].TextContent.ShouldContain("SegmentScore");
        (await _anonymous.GetHtmlAsync("/decisions")).QuerySelector($"a[href='{page}']").ShouldNotBeNull();
    }

    [Fact]
    public async Task The_wheel_pages_say_where_each_segment_comes_from()
    {
        var index = await _anonymous.GetHtmlAsync("/decisions");
        index.QuerySelector("a[href='/decision-wheels/doughnut-decision-wheel']").ShouldNotBeNull();
        var wheel = await _anonymous.GetHtmlAsync("/decision-wheels/doughnut-decision-wheel");
        wheel.QuerySelectorAll(".govuk-summary-list__row").Length.ShouldBe(22);
        wheel.GetElementById("segment-climate-change")!.TextContent.ShouldContain("State of the Doughnut");
        wheel.GetElementById("segment-gender-equality")!.TextContent.ShouldContain("Raworth");
        (await _anonymous.GetAsync("/decision-wheels/no-such-wheel")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
