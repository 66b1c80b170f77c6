using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Observatory.Accounts;
using Observatory.Decisions;
using Observatory.Storage;
using Observatory.Testing;

namespace Observatory.Web.Tests.Decisions;

/// <summary>
/// Delegating segments of a decision: an officer gives biodiversity to the council's ecologist (a member who otherwise
/// only reads), who can then answer that segment for every option and nothing else; another organisation can neither
/// delegate nor answer; the audit log records the delegation and each answer with who made it; publishing ends it.
/// Over the API with tokens and on the pages with plain form posts.
/// </summary>
public sealed class DelegationTests : IAsyncLifetime
{
    private readonly ObservatoryAppFactory _app = new();
    private Person _ecologist = null!;
    private Person _outsider = null!;
    private HttpClient _officer = null!;
    private HttpClient _delegate = null!;
    private HttpClient _approver = null!;
    private HttpClient _other = null!;

    public async Task InitializeAsync()
    {
        await _app.EnsurePreparedAsync();
        var cornwall = await TestAccounts.OrganisationAsync(_app.Services, "Cornwall Council", "E06000052");
        var devon = await TestAccounts.OrganisationAsync(_app.Services, "Devon County Council", "E10000008");
        var officer = await TestAccounts.MemberAsync(_app.Services, "officer@cornwall.gov.uk", cornwall, Role.Contributor);
        _ecologist = await TestAccounts.MemberAsync(_app.Services, "ecologist@cornwall.gov.uk", cornwall, Role.Viewer);
        var approver = await TestAccounts.MemberAsync(_app.Services, "approver@cornwall.gov.uk", cornwall, Role.Approver);
        _outsider = await TestAccounts.MemberAsync(_app.Services, "admin@devon.gov.uk", devon, Role.OrganisationAdmin);
        _officer = await TestAccounts.TokenClientAsync(_app, officer);
        _delegate = await TestAccounts.TokenClientAsync(_app, _ecologist);
        _approver = await TestAccounts.TokenClientAsync(_app, approver);
        _other = await TestAccounts.TokenClientAsync(_app, _outsider);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<long> RecordAsync()
    {
        var (status, body) = await ApiCalls.SendAsync(_officer, HttpMethod.Post, "/api/organisations/cornwall-council/decisions", new
        {
            title = "Saints Trail walking and cycling routes",
            kind = "cabinet-proposal",
            options = new object[] { new { title = "Build the trails" }, new { title = "Do nothing" } },
        });
        status.ShouldBe(HttpStatusCode.Created, body.ToString());
        return body.GetProperty("id").GetInt64();
    }

    private async Task<(int Delegations, int Scores)> CountAsync()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ObservatoryDbContext>();
        return (await db.SegmentDelegations.CountAsync(), await db.SegmentScores.CountAsync());
    }

    private static JsonElement ScoreOf(JsonElement decision, string option, string segment) =>
        decision.GetProperty("options").EnumerateArray().Single(o => o.GetProperty("key").GetString() == option)
            .GetProperty("scores").EnumerateArray().Single(s => s.GetProperty("segment").GetString() == segment);

    [Fact]
    public async Task A_delegate_answers_their_segment_for_every_option_and_no_other_and_the_audit_records_both()
    {
        var id = await RecordAsync();

        // The officer chooses from Cornwall's members: the ecologist and the approver, never themselves or someone of Devon.
        var (_, members) = await ApiCalls.SendAsync(_officer, HttpMethod.Get, $"/api/decisions/{id}/delegates");
        members.EnumerateArray().Select(m => m.GetProperty("name").GetString()).ShouldBe(["approver", "ecologist"]);

        // Someone of another organisation cannot be chosen; a segment the wheel lacks is named; nothing is saved.
        var (refused, problem) = await ApiCalls.SendAsync(_officer, HttpMethod.Post, $"/api/decisions/{id}/delegations", new { @delegate = _outsider.Id, segments = new[] { "biodiversity", "no-such-segment" } });
        refused.ShouldBe(HttpStatusCode.BadRequest);
        problem.ToString().ShouldContain("\"delegate\"");
        problem.ToString().ShouldContain("segments[1]");
        (await CountAsync()).ShouldBe((0, 0));

        var (delegated, afterDelegation) = await ApiCalls.SendAsync(_officer, HttpMethod.Post, $"/api/decisions/{id}/delegations", new { @delegate = _ecologist.Id, segments = new[] { "biodiversity" } });
        delegated.ShouldBe(HttpStatusCode.OK, afterDelegation.ToString());
        var delegation = afterDelegation.GetProperty("delegations").EnumerateArray().ShouldHaveSingleItem();
        (delegation.GetProperty("segment").GetString(), delegation.GetProperty("delegate").GetString(), delegation.GetProperty("delegatedBy").GetString(), delegation.GetProperty("personId").GetInt64())
            .ShouldBe(("biodiversity", "ecologist", "officer", _ecologist.Id));
        delegation.GetProperty("endedAt").ValueKind.ShouldBe(JsonValueKind.Null);

        // The delegate sees what is theirs to answer, answers it for both options, under their own name whatever they type.
        var (_, seen) = await ApiCalls.SendAsync(_delegate, HttpMethod.Get, $"/api/decisions/{id}");
        seen.GetProperty("delegatedToYou").EnumerateArray().Select(s => s.GetString()).ShouldBe(["biodiversity"]);
        var (answered, afterAnswer) = await ApiCalls.SendAsync(_delegate, HttpMethod.Put, $"/api/decisions/{id}/options/A/segments/biodiversity", new
        {
            shortTerm = 2,
            longTerm = 4,
            rationale = "Building disturbs nesting birds; new hedgerows later",
            answeredBy = "Somebody else",
        });
        answered.ShouldBe(HttpStatusCode.OK, afterAnswer.ToString());
        ScoreOf(afterAnswer, "A", "biodiversity").GetProperty("answeredBy").GetString().ShouldBe("ecologist");
        (await ApiCalls.SendAsync(_delegate, HttpMethod.Put, $"/api/decisions/{id}/options/B/segments/biodiversity", new { shortTerm = 3, longTerm = 3 })).Status.ShouldBe(HttpStatusCode.OK);

        // Not another segment, not the decision's workflow, not more delegation.
        (await ApiCalls.SendAsync(_delegate, HttpMethod.Put, $"/api/decisions/{id}/options/A/segments/health", new { shortTerm = 5 })).Status.ShouldBe(HttpStatusCode.Forbidden);
        (await ApiCalls.SendAsync(_delegate, HttpMethod.Post, $"/api/decisions/{id}/submit")).Status.ShouldBe(HttpStatusCode.Forbidden);
        (await ApiCalls.SendAsync(_delegate, HttpMethod.Post, $"/api/decisions/{id}/delegations", new { @delegate = _ecologist.Id, segments = new[] { "health" } })).Status.ShouldBe(HttpStatusCode.Forbidden);
        // Nor another organisation, which is told the decision does not exist.
        (await ApiCalls.SendAsync(_other, HttpMethod.Put, $"/api/decisions/{id}/options/A/segments/biodiversity", new { shortTerm = 5 })).Status.ShouldBe(HttpStatusCode.NotFound);
        (await ApiCalls.SendAsync(_other, HttpMethod.Post, $"/api/decisions/{id}/delegations", new { @delegate = _outsider.Id, segments = new[] { "health" } })).Status.ShouldBe(HttpStatusCode.NotFound);
        (await ApiCalls.SendAsync(_other, HttpMethod.Get, $"/api/decisions/{id}/delegates")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await CountAsync()).ShouldBe((1, 2), "one delegation and the delegate's two answers");

        var (_, history) = await ApiCalls.SendAsync(_officer, HttpMethod.Get, $"/api/decisions/{id}/history");
        var entries = history.EnumerateArray().ToList();
        entries.ShouldContain(e => e.GetProperty("what").GetString()!.StartsWith("SegmentDelegation", StringComparison.Ordinal)
            && e.GetProperty("who").GetString() == "officer" && e.GetProperty("action").GetString() == "created");
        entries.Count(e => e.GetProperty("what").GetString()!.StartsWith("SegmentScore", StringComparison.Ordinal) && e.GetProperty("who").GetString() == "ecologist").ShouldBe(2);

        // Publishing ends the delegation; the record of who answered and who delegated stays.
        (await ApiCalls.SendAsync(_officer, HttpMethod.Post, $"/api/decisions/{id}/submit")).Status.ShouldBe(HttpStatusCode.OK);
        (await ApiCalls.SendAsync(_delegate, HttpMethod.Put, $"/api/decisions/{id}/options/A/segments/biodiversity", new { shortTerm = 1 })).Status.ShouldBe(HttpStatusCode.Conflict);
        var (published, afterPublish) = await ApiCalls.SendAsync(_approver, HttpMethod.Post, $"/api/decisions/{id}/publish");
        published.ShouldBe(HttpStatusCode.OK);
        afterPublish.GetProperty("delegations")[0].GetProperty("endedAt").ValueKind.ShouldBe(JsonValueKind.String);
        var (_, publicView) = await ApiCalls.SendAsync(await _app.ClientAsync(), HttpMethod.Get, $"/api/decisions/{id}");
        var ended = publicView.GetProperty("delegations").EnumerateArray().ShouldHaveSingleItem();
        (ended.GetProperty("delegate").GetString(), ended.GetProperty("delegatedBy").GetString()).ShouldBe(("ecologist", "officer"));
        ended.GetProperty("personId").ValueKind.ShouldBe(JsonValueKind.Null, "the public sees names, not the organisation's account ids");
        ScoreOf(publicView, "B", "biodiversity").GetProperty("answeredBy").GetString().ShouldBe("ecologist");
    }

    [Fact]
    public async Task A_segment_taken_back_can_no_longer_be_answered_and_its_history_stays()
    {
        var id = await RecordAsync();
        (await ApiCalls.SendAsync(_officer, HttpMethod.Post, $"/api/decisions/{id}/delegations", new { @delegate = _ecologist.Id, segments = new[] { "health", "housing" } })).Status.ShouldBe(HttpStatusCode.OK);
        var (status, afterTakeBack) = await ApiCalls.SendAsync(_officer, HttpMethod.Delete, $"/api/decisions/{id}/delegations/health");
        status.ShouldBe(HttpStatusCode.OK);
        afterTakeBack.GetProperty("delegations").EnumerateArray().Select(d => d.GetProperty("segment").GetString()).ShouldBe(["housing"]);
        (await ApiCalls.SendAsync(_delegate, HttpMethod.Put, $"/api/decisions/{id}/options/A/segments/health", new { shortTerm = 4 })).Status.ShouldBe(HttpStatusCode.Forbidden);
        (await ApiCalls.SendAsync(_delegate, HttpMethod.Put, $"/api/decisions/{id}/options/A/segments/housing", new { shortTerm = 4 })).Status.ShouldBe(HttpStatusCode.OK);
        var (_, history) = await ApiCalls.SendAsync(_officer, HttpMethod.Get, $"/api/decisions/{id}/history");
        history.EnumerateArray().Count(e => e.GetProperty("what").GetString()!.StartsWith("SegmentDelegation", StringComparison.Ordinal)).ShouldBe(3, "two delegations made and one taken back");
        history.EnumerateArray().ShouldContain(e => e.GetProperty("action").GetString() == "deleted" && (e.GetProperty("before").GetString() ?? "").Contains("health"));
    }

    [Fact]
    public async Task On_the_pages_an_officer_delegates_from_the_members_and_the_delegate_answers_only_their_segment()
    {
        var id = await RecordAsync();
        var page = $"/decisions/{id}";
        var officer = await TestAccounts.ClientAsync(_app, "officer@cornwall.gov.uk");
        var ecologist = await TestAccounts.ClientAsync(_app, "ecologist@cornwall.gov.uk");
        var outsider = await TestAccounts.ClientAsync(_app, "admin@devon.gov.uk");

        var draft = await officer.GetHtmlAsync(page);
        draft.QuerySelector($"a[href='{page}/delegation']").ShouldNotBeNull();
        var form = await officer.GetHtmlAsync($"{page}/delegation");
        form.QuerySelectorAll("input[type=radio][name=delegate]").Select(r => r.GetAttribute("value")).ShouldContain(_ecologist.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        form.QuerySelectorAll("input[type=radio][name=delegate]").Length.ShouldBe(2, "Cornwall's other members, chosen rather than typed");
        form.QuerySelectorAll("input[type=checkbox][name=segments]").Length.ShouldBe(22);

        using var empty = await PostAsync(officer, $"{page}/delegation");
        empty.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var emptyPage = (await empty.Content.ReadAsStringAsync()).ParseHtml();
        var links = emptyPage.QuerySelectorAll(".govuk-error-summary a").Select(a => a.GetAttribute("href")!).ToList();
        links.ShouldBe(["#delegate", "#segments"]);
        foreach (var link in links)
        {
            emptyPage.GetElementById(link[1..]).ShouldNotBeNull($"the error summary's link {link} reaches its field");
        }

        (await PostAsync(outsider, $"{page}/delegation", ("delegate", _outsider.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("segments", "biodiversity"))).StatusCode
            .ShouldBe(HttpStatusCode.NotFound);
        using var done = await PostAsync(officer, $"{page}/delegation", ("delegate", _ecologist.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("segments", "biodiversity"));
        done.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await officer.GetHtmlAsync($"{page}/delegation")).QuerySelector("#delegations [data-segment=biodiversity]")!.TextContent.ShouldContain("ecologist, delegated by officer");

        // The ecologist is offered biodiversity only, for each option, and no delegation or workflow.
        var theirs = await ecologist.GetHtmlAsync(page);
        theirs.GetElementById("delegated-to-you")!.TextContent.ShouldContain("biodiversity");
        theirs.QuerySelectorAll("a[href*='/segments/']").Select(a => a.GetAttribute("href")).ShouldBe([$"{page}/options/A/segments/biodiversity", $"{page}/options/B/segments/biodiversity"]);
        theirs.QuerySelectorAll("main form[method=post]").ShouldBeEmpty();
        (await ecologist.GetAsync($"{page}/options/A/segments/health")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await ecologist.GetAsync($"{page}/delegation")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var scoring = await ecologist.GetHtmlAsync($"{page}/options/A/segments/biodiversity");
        scoring.QuerySelector("#answeredBy").ShouldBeNull("a delegate answers under their own name");
        using var saved = await PostAsync(ecologist, $"{page}/options/A/segments/biodiversity", ("shortTerm", "2"), ("longTerm", "4"), ("rationale", "Nesting season"));
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await PostAsync(ecologist, $"{page}/options/A/segments/health", ("shortTerm", "5"), ("longTerm", "5"))).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var after = await officer.GetHtmlAsync(page);
        var row = after.QuerySelectorAll(".govuk-summary-list__row").First(r => r.QuerySelector("dt")?.TextContent.Trim() == "Biodiversity");
        row.TextContent.ShouldContain("Answered by ecologist");
        row.QuerySelector(".app-delegation")!.TextContent.ShouldContain("Delegated to ecologist by officer");
        (await CountAsync()).ShouldBe((1, 1));
    }

    [Fact]
    public async Task The_delegation_routes_are_in_the_openapi_document()
    {
        var document = await (await _app.ClientAsync()).GetStringAsync("/openapi/v1.json");
        foreach (var route in new[] { "/api/decisions/{id}/delegates", "/api/decisions/{id}/delegations", "/api/decisions/{id}/delegations/{segment}" })
        {
            document.ShouldContain($"\"{route}\"");
        }
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, params (string Name, string Value)[] fields)
    {
        var token = await TestAccounts.FormTokenAsync(client, "/sign-out");
        return await client.PostAsync(url, new FormUrlEncodedContent([.. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)), new("__RequestVerificationToken", token)]));
    }
}
