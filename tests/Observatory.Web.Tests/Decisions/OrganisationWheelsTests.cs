using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Observatory.Accounts;
using Observatory.Auditing;
using Observatory.Decisions;
using Observatory.Storage;
using Observatory.Testing;

namespace Observatory.Web.Tests.Decisions;

/// <summary>
/// An organisation's own decision wheel, over the API and with plain form posts: copied from the shipped Doughnut
/// wheel, changed segment by segment, each change a new version; a decision keeps the version it was scored on, and
/// another organisation is told the wheel does not exist. Bad input is a 400 naming each field and saves nothing.
/// </summary>
public sealed class OrganisationWheelsTests : IAsyncLifetime
{
    private const string Officer = "officer@cornwall.gov.uk";
    private const string Wheels = "/api/organisations/cornwall-council/decision-wheels";
    private readonly ObservatoryAppFactory _app = new();
    private HttpClient _writer = null!;
    private HttpClient _reader = null!;
    private HttpClient _outsider = null!;
    private HttpClient _anonymous = null!;
    private long _officerId;

    public async Task InitializeAsync()
    {
        await _app.EnsurePreparedAsync();
        var cornwall = await TestAccounts.OrganisationAsync(_app.Services, "Cornwall Council", "E06000052");
        var devon = await TestAccounts.OrganisationAsync(_app.Services, "Devon County Council", "E10000008");
        var officer = await TestAccounts.MemberAsync(_app.Services, Officer, cornwall, Role.Contributor);
        _officerId = officer.Id;
        var outsider = await TestAccounts.MemberAsync(_app.Services, "admin@devon.gov.uk", devon, Role.OrganisationAdmin);
        _writer = await ScriptAsync(officer, TokenScopes.Read | TokenScopes.Write);
        _reader = await ScriptAsync(officer, TokenScopes.Read);
        _outsider = await ScriptAsync(outsider, TokenScopes.Read | TokenScopes.Write);
        _anonymous = await _app.ClientAsync();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<HttpClient> ScriptAsync(Person person, TokenScopes scopes)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var (_, secret) = await scope.ServiceProvider.GetRequiredService<AccountService>().CreateTokenAsync(person.Id, "script", scopes, 30).ShouldSucceed();
        var client = await _app.ClientAsync();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> Send(HttpClient client, HttpMethod method, string url, object? body = null)
    {
        using var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 || !text.TrimStart().StartsWith('{') && !text.TrimStart().StartsWith('[') ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    private static JsonElement SegmentOf(JsonElement body, string id) => body.GetProperty("segments").EnumerateArray().Single(s => s.GetProperty("id").GetString() == id);

    private async Task<string> CopyAsync(string? title = "Cornwall decision wheel")
    {
        var (status, body) = await Send(_writer, HttpMethod.Post, Wheels, new { copyOf = DecisionWheels.DefaultId, title });
        status.ShouldBe(HttpStatusCode.Created, body.ToString());
        return body.GetProperty("id").GetString()!;
    }

    private async Task<(long Id, string Version, JsonElement Body)> RecordAsync(string wheel)
    {
        var (status, body) = await Send(_writer, HttpMethod.Post, "/api/organisations/cornwall-council/decisions", new
        {
            title = "Saints Trail routes",
            kind = "project",
            wheelId = wheel,
            options = new object[] { new { title = "Build the trails" } },
        });
        status.ShouldBe(HttpStatusCode.Created, body.ToString());
        return (body.GetProperty("id").GetInt64(), body.GetProperty("wheelVersion").GetString()!, body);
    }

    private async Task<int> VersionCountAsync()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ObservatoryDbContext>().OrganisationWheelVersions.CountAsync();
    }

    [Fact]
    public async Task Each_change_to_an_own_wheel_is_a_new_version_and_a_decision_keeps_the_version_it_was_scored_on()
    {
        var shipped = (await Send(_anonymous, HttpMethod.Get, "/api/decision-wheels")).Body.EnumerateArray().Single(w => w.GetProperty("id").GetString() == DecisionWheels.DefaultId);
        var wheel = await CopyAsync();
        wheel.ShouldBe("cornwall-decision-wheel", "the id is made from the title");
        var (_, copy) = await Send(_reader, HttpMethod.Get, $"{Wheels}/{wheel}");
        copy.GetProperty("version").GetString().ShouldBe("1");
        copy.GetProperty("copiedFrom").GetString().ShouldBe($"{DecisionWheels.DefaultId} {shipped.GetProperty("version").GetString()}");
        copy.GetProperty("segments").GetArrayLength().ShouldBe(shipped.GetProperty("segments").GetArrayLength());
        SegmentOf(copy, "health").GetProperty("questions").ToString().ShouldBe(SegmentOf(shipped, "health").GetProperty("questions").ToString());

        var (changed, v2) = await Send(_writer, HttpMethod.Put, $"{Wheels}/{wheel}/segments/health", new
        {
            name = "Health and wellbeing",
            questions = new[] { "Will it help people in Cornwall live longer, healthier lives?", "Will it widen or narrow the gap in health between places?" },
        });
        changed.ShouldBe(HttpStatusCode.OK, v2.ToString());
        v2.GetProperty("version").GetString().ShouldBe("2");
        SegmentOf(v2, "health").GetProperty("name").GetString().ShouldBe("Health and wellbeing");
        SegmentOf(v2, "health").GetProperty("element").GetString().ShouldBe(SegmentOf(copy, "health").GetProperty("element").GetString(), "the Doughnut element stays");

        // Saving the same again is not a change.
        (await Send(_writer, HttpMethod.Put, $"{Wheels}/{wheel}/segments/health", new
        {
            name = "Health and wellbeing",
            questions = new[] { "Will it help people in Cornwall live longer, healthier lives?", "Will it widen or narrow the gap in health between places?" },
        })).Body.GetProperty("version").GetString().ShouldBe("2");

        var (scoredOn, version, decision) = await RecordAsync(wheel);
        (decision.GetProperty("wheel").GetString(), version).ShouldBe((wheel, "2"));
        (await Send(_writer, HttpMethod.Put, $"/api/decisions/{scoredOn}/options/A/segments/health", new { shortTerm = 4, longTerm = 5 })).Status.ShouldBe(HttpStatusCode.OK);

        var (added, v3) = await Send(_writer, HttpMethod.Post, $"{Wheels}/{wheel}/segments", new { ring = "social", name = "Cornish language and culture", questions = new[] { "Will it support the Cornish language?" } });
        added.ShouldBe(HttpStatusCode.OK, v3.ToString());
        (v3.GetProperty("version").GetString(), SegmentOf(v3, "cornish-language-and-culture").GetProperty("ring").GetString()).ShouldBe(("3", "social"));
        var (removed, v4) = await Send(_writer, HttpMethod.Delete, $"{Wheels}/{wheel}/segments/health");
        removed.ShouldBe(HttpStatusCode.OK, v4.ToString());
        v4.GetProperty("segments").EnumerateArray().ShouldNotContain(s => s.GetProperty("id").GetString() == "health");
        v4.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("version").GetInt32()).ShouldBe([4, 3, 2, 1]);
        v4.GetProperty("versions")[0].GetProperty("change").GetString().ShouldBe("Removed Health and wellbeing");

        // The decision still shows version 2: its health score is there, the added segment is not.
        var (_, kept) = await Send(_reader, HttpMethod.Get, $"/api/decisions/{scoredOn}");
        kept.GetProperty("wheelVersion").GetString().ShouldBe("2");
        var scores = kept.GetProperty("options")[0].GetProperty("scores").EnumerateArray().ToList();
        scores.Count.ShouldBe(copy.GetProperty("segments").GetArrayLength());
        scores.Single(s => s.GetProperty("segment").GetString() == "health").GetProperty("longTerm").GetInt32().ShouldBe(5);
        scores.ShouldNotContain(s => s.GetProperty("segment").GetString() == "cornish-language-and-culture");
        var decisionPage = await _writer.GetStringAsync($"/decisions/{scoredOn}");
        decisionPage.ShouldContain("Health and wellbeing");
        (await _writer.GetStringAsync($"/decisions/{scoredOn}/options/A/wheel.svg")).ShouldContain("data-segment=\"health\"");

        // A new decision is scored on the latest version; an older version can still be read.
        (await RecordAsync(wheel)).Version.ShouldBe("4");
        SegmentOf((await Send(_reader, HttpMethod.Get, $"{Wheels}/{wheel}?version=1")).Body, "health").GetProperty("name").GetString().ShouldBe(SegmentOf(shipped, "health").GetProperty("name").GetString());
        (await Send(_reader, HttpMethod.Get, $"{Wheels}/{wheel}?version=9")).Status.ShouldBe(HttpStatusCode.NotFound);

        // Every version was written to the audit log.
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ObservatoryDbContext>();
        (await db.AuditEntries.CountAsync(a => a.EntityType == nameof(OrganisationWheelVersion) && a.ActorPersonId == _officerId)).ShouldBe(4);
        (await db.AuditEntries.CountAsync(a => a.EntityType == nameof(OrganisationWheel) && a.ActorPersonId == _officerId)).ShouldBe(4, "made, then its latest version moved on three times");
    }

    [Fact]
    public async Task Bad_changes_are_one_400_naming_each_field_and_save_no_version()
    {
        var wheel = await CopyAsync();
        var before = await VersionCountAsync();
        var (status, problem) = await Send(_writer, HttpMethod.Put, $"{Wheels}/{wheel}/segments/health", new { name = " ", questions = Array.Empty<string>() });
        status.ShouldBe(HttpStatusCode.BadRequest);
        problem.ToString().ShouldContain("\"name\"");
        problem.ToString().ShouldContain("\"questions\"");
        var (addStatus, addProblem) = await Send(_writer, HttpMethod.Post, $"{Wheels}/{wheel}/segments", new { ring = "middle", name = new string('x', 400), questions = new[] { "Why?" } });
        addStatus.ShouldBe(HttpStatusCode.BadRequest);
        addProblem.ToString().ShouldContain("\"ring\"");
        addProblem.ToString().ShouldContain("\"name\"");
        (await Send(_writer, HttpMethod.Post, Wheels, new { copyOf = "no-such-wheel" })).Status.ShouldBe(HttpStatusCode.BadRequest);
        (await Send(_writer, HttpMethod.Put, $"{Wheels}/{wheel}/segments/no-such-segment", new { name = "A", questions = new[] { "B?" } })).Status.ShouldBe(HttpStatusCode.NotFound);
        (await VersionCountAsync()).ShouldBe(before);

        // A ring keeps one segment: remove all but the last of the social ring, then the last is refused.
        var (_, detail) = await Send(_reader, HttpMethod.Get, $"{Wheels}/{wheel}");
        var social = detail.GetProperty("segments").EnumerateArray().Where(s => s.GetProperty("ring").GetString() == "social").Select(s => s.GetProperty("id").GetString()).ToList();
        foreach (var segment in social.Skip(1))
        {
            (await Send(_writer, HttpMethod.Delete, $"{Wheels}/{wheel}/segments/{segment}")).Status.ShouldBe(HttpStatusCode.OK);
        }
        (await Send(_writer, HttpMethod.Delete, $"{Wheels}/{wheel}/segments/{social[0]}")).Status.ShouldBe(HttpStatusCode.Conflict);

        // A second copy with the same title gets its own id; a title may not take a shipped wheel's id.
        (await CopyAsync()).ShouldBe("cornwall-decision-wheel-2");
        (await CopyAsync("Doughnut decision wheel")).ShouldBe("doughnut-decision-wheel-2");
    }

    [Fact]
    public async Task Another_organisation_and_the_public_are_told_an_own_wheel_does_not_exist_and_a_reader_cannot_change_it()
    {
        var wheel = await CopyAsync();
        var before = await VersionCountAsync();
        foreach (var client in new[] { _outsider, _anonymous })
        {
            (await Send(client, HttpMethod.Get, Wheels)).Status.ShouldBe(HttpStatusCode.NotFound);
            (await Send(client, HttpMethod.Get, $"{Wheels}/{wheel}")).Status.ShouldBeOneOf(HttpStatusCode.NotFound, HttpStatusCode.Unauthorized);
            (await Send(client, HttpMethod.Put, $"{Wheels}/{wheel}/segments/health", new { name = "X", questions = new[] { "Y?" } })).Status.ShouldBeOneOf(HttpStatusCode.NotFound, HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden);
        }
        // Devon cannot score a decision on Cornwall's wheel: to Devon it does not exist.
        var (refused, problem) = await Send(_outsider, HttpMethod.Post, "/api/organisations/devon-county-council/decisions", new { title = "T", kind = "project", wheelId = wheel, options = new[] { new { title = "A" } } });
        refused.ShouldBe(HttpStatusCode.BadRequest);
        problem.ToString().ShouldContain("wheelId");
        (await Send(_reader, HttpMethod.Put, $"{Wheels}/{wheel}/segments/health", new { name = "X", questions = new[] { "Y?" } })).Status.ShouldBe(HttpStatusCode.Forbidden);
        (await VersionCountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task An_officer_copies_and_changes_a_wheel_with_plain_forms()
    {
        var officer = await TestAccounts.ClientAsync(_app, Officer);
        var list = await officer.GetHtmlAsync("/organisations/cornwall-council/decision-wheels");
        list.Body!.TextContent.ShouldContain("has no wheels of its own yet");
        using var copied = await PostAsync(officer, "/organisations/cornwall-council/decision-wheels", ("copyOf", DecisionWheels.DefaultId), ("title", ""));
        copied.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var page = copied.Headers.Location!.ToString();
        page.ShouldBe("/organisations/cornwall-council/decision-wheels/doughnut-decision-wheel-cornwall-council");

        var wheelPage = await officer.GetHtmlAsync(page);
        var change = wheelPage.QuerySelector($"a[href='{page}/segments/health']").ShouldNotBeNull();
        var form = await officer.GetHtmlAsync(change.GetAttribute("href")!);
        form.QuerySelector("textarea[name=questions]")!.TextContent.Trim().ShouldNotBeEmpty("the questions are there to change");

        using var bad = await PostAsync(officer, $"{page}/segments/health", ("name", ""), ("questions", " \n "));
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var badPage = (await bad.Content.ReadAsStringAsync()).ParseHtml();
        var links = badPage.QuerySelectorAll(".govuk-error-summary a").Select(a => a.GetAttribute("href")!).ToList();
        links.ShouldBe(["#name", "#questions"]);

        using var saved = await PostAsync(officer, $"{page}/segments/health", ("name", "Health and wellbeing"), ("questions", "Will it help people live longer?\nWill it narrow the gap?"));
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        using var added = await PostAsync(officer, $"{page}?handler=Add", ("ring", "environmental"), ("name", "Coastal erosion"), ("questions", "Will it make the coast more or less resilient?"));
        added.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var latest = await officer.GetHtmlAsync(page);
        latest.QuerySelector("h1")!.TextContent.ShouldBe("Doughnut decision wheel (Cornwall Council)");
        latest.QuerySelector(".govuk-caption-l")!.TextContent.ShouldStartWith("Version 3");
        latest.GetElementById("segment-health")!.TextContent.ShouldContain("Will it narrow the gap?");
        latest.GetElementById("segment-coastal-erosion")!.TextContent.ShouldContain("Added by Cornwall Council");
        var first = await officer.GetHtmlAsync($"{page}?version=1");
        first.GetElementById("segment-health")!.TextContent.ShouldNotContain("Will it narrow the gap?");
        first.QuerySelectorAll("a[href$='/segments/health']").Length.ShouldBe(0, "an old version is not changed");

        using var removed = await PostAsync(officer, $"{page}/segments/coastal-erosion?handler=Remove");
        removed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await officer.GetHtmlAsync(page)).GetElementById("segment-coastal-erosion").ShouldBeNull();

        // The decision form offers the organisation's own wheel.
        var decisions = await officer.GetHtmlAsync("/organisations/cornwall-council/decisions");
        decisions.QuerySelector("input[name=wheelId][value='doughnut-decision-wheel-cornwall-council']").ShouldNotBeNull();
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, params (string Name, string Value)[] fields)
    {
        var token = await TestAccounts.FormTokenAsync(client, url.Split('?')[0]);
        return await client.PostAsync(url, new FormUrlEncodedContent([.. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)), new("__RequestVerificationToken", token)]));
    }
}
