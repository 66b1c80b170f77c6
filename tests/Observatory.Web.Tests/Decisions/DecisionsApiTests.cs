using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Observatory.Accounts;
using Observatory.Decisions;
using Observatory.Storage;
using Observatory.Testing;

namespace Observatory.Web.Tests.Decisions;

/// <summary>
/// A decision over the API, from draft to published, with personal access tokens: a contributor records and scores
/// it, an approver publishes it, and only then can anyone else read it, with its history. Bad scores are one 400
/// naming each field, and change nothing.
/// </summary>
public sealed class DecisionsApiTests : IAsyncLifetime
{
    private readonly ObservatoryAppFactory _app = new();
    private HttpClient _writer = null!;
    private HttpClient _reader = null!;
    private HttpClient _approver = null!;
    private HttpClient _outsider = null!;
    private HttpClient _anonymous = null!;

    public async Task InitializeAsync()
    {
        await _app.EnsurePreparedAsync();
        var cornwall = await TestAccounts.OrganisationAsync(_app.Services, "Cornwall Council", "E06000052");
        var devon = await TestAccounts.OrganisationAsync(_app.Services, "Devon County Council", "E10000008");
        var officer = await TestAccounts.MemberAsync(_app.Services, "officer@cornwall.gov.uk", cornwall, Role.Contributor);
        var approver = await TestAccounts.MemberAsync(_app.Services, "approver@cornwall.gov.uk", cornwall, Role.Approver);
        var outsider = await TestAccounts.MemberAsync(_app.Services, "admin@devon.gov.uk", devon, Role.OrganisationAdmin);
        _writer = await TestAccounts.TokenClientAsync(_app, officer, TokenScopes.Read | TokenScopes.Write);
        _reader = await TestAccounts.TokenClientAsync(_app, officer, TokenScopes.Read);
        _approver = await TestAccounts.TokenClientAsync(_app, approver, TokenScopes.Read | TokenScopes.Write);
        _outsider = await TestAccounts.TokenClientAsync(_app, outsider, TokenScopes.Read | TokenScopes.Write);
        _anonymous = await _app.ClientAsync();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<long> RecordAsync()
    {
        var (status, body) = await ApiCalls.SendAsync(_writer, HttpMethod.Post, "/api/organisations/cornwall-council/decisions", new
        {
            title = "Saints Trail walking and cycling routes",
            kind = "cabinet-proposal",
            summary = "Build the trails between the villages.",
            options = new object[] { new { title = "Build the trails", description = "All four routes" }, new { title = "Do nothing" } },
        });
        status.ShouldBe(HttpStatusCode.Created, body.ToString());
        return body.GetProperty("id").GetInt64();
    }

    private async Task<int> ScoreCountAsync()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ObservatoryDbContext>().SegmentScores.CountAsync();
    }

    [Fact]
    public async Task A_decision_is_recorded_scored_submitted_and_published_and_only_then_seen_by_others()
    {
        var id = await RecordAsync();
        var (_, created) = await ApiCalls.SendAsync(_reader, HttpMethod.Get, $"/api/decisions/{id}");
        (created.GetProperty("state").GetString(), created.GetProperty("place").GetString(), created.GetProperty("wheel").GetString())
            .ShouldBe(("draft", "E06000052", DecisionWheels.DefaultId), "the organisation's place and the default wheel when none is given");
        created.GetProperty("options").EnumerateArray().Select(o => o.GetProperty("key").GetString()).ShouldBe(["A", "B"]);

        var (scored, detail) = await ApiCalls.SendAsync(_writer, HttpMethod.Put, $"/api/decisions/{id}/options/A/segments/biodiversity", new
        {
            shortTerm = 2,
            longTerm = (int?)null,
            rationale = "Disturbance to wildlife during building",
            mitigations = "Build outside the nesting season",
            evidence = new[] { "https://www.cornwall.gov.uk/saints-trails", "/evidence/some-case-study" },
            answeredBy = "Ecologist",
        });
        scored.ShouldBe(HttpStatusCode.OK, detail.ToString());
        var biodiversity = detail.GetProperty("options")[0].GetProperty("scores").EnumerateArray().Single(s => s.GetProperty("segment").GetString() == "biodiversity");
        biodiversity.GetProperty("shortTerm").GetInt32().ShouldBe(2);
        biodiversity.GetProperty("longTerm").ValueKind.ShouldBe(JsonValueKind.Null, "unknown is kept as unknown, not as a number");
        (biodiversity.GetProperty("answeredBy").GetString(), biodiversity.GetProperty("evidence").GetArrayLength()).ShouldBe(("Ecologist", 2));
        (await ApiCalls.SendAsync(_writer, HttpMethod.Put, $"/api/decisions/{id}/options/A/segments/health", new { shortTerm = "4", longTerm = 5 })).Status.ShouldBe(HttpStatusCode.OK);

        // Unpublished: another organisation and the public are told it does not exist.
        (await ApiCalls.SendAsync(_outsider, HttpMethod.Get, $"/api/decisions/{id}")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await ApiCalls.SendAsync(_anonymous, HttpMethod.Get, $"/api/decisions/{id}")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await ApiCalls.SendAsync(_anonymous, HttpMethod.Get, $"/decisions/{id}/options/A/wheel.svg")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await ApiCalls.SendAsync(_outsider, HttpMethod.Get, "/api/organisations/cornwall-council/decisions")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await ApiCalls.SendAsync(_anonymous, HttpMethod.Get, "/api/decisions")).Body.GetArrayLength().ShouldBe(0);

        // A read-only token and an outsider cannot write; the approver cannot publish a draft.
        (await ApiCalls.SendAsync(_reader, HttpMethod.Post, $"/api/decisions/{id}/submit")).Status.ShouldBe(HttpStatusCode.Forbidden);
        (await ApiCalls.SendAsync(_outsider, HttpMethod.Post, $"/api/decisions/{id}/submit")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await ApiCalls.SendAsync(_approver, HttpMethod.Post, $"/api/decisions/{id}/publish")).Status.ShouldBe(HttpStatusCode.Conflict);

        var (submitted, afterSubmit) = await ApiCalls.SendAsync(_writer, HttpMethod.Post, $"/api/decisions/{id}/submit");
        submitted.ShouldBe(HttpStatusCode.OK);
        afterSubmit.GetProperty("state").GetString().ShouldBe("submitted");
        (await ApiCalls.SendAsync(_writer, HttpMethod.Put, $"/api/decisions/{id}/options/A/segments/health", new { shortTerm = 1 })).Status.ShouldBe(HttpStatusCode.Conflict);
        (await ApiCalls.SendAsync(_writer, HttpMethod.Post, $"/api/decisions/{id}/publish")).Status.ShouldBe(HttpStatusCode.Forbidden, "a contributor does not publish");

        var (published, afterPublish) = await ApiCalls.SendAsync(_approver, HttpMethod.Post, $"/api/decisions/{id}/publish");
        published.ShouldBe(HttpStatusCode.OK);
        afterPublish.GetProperty("state").GetString().ShouldBe("published");

        var (publicRead, seen) = await ApiCalls.SendAsync(_anonymous, HttpMethod.Get, $"/api/decisions/{id}");
        publicRead.ShouldBe(HttpStatusCode.OK);
        seen.GetProperty("title").GetString().ShouldBe("Saints Trail walking and cycling routes");
        (await ApiCalls.SendAsync(_anonymous, HttpMethod.Get, "/api/decisions")).Body.EnumerateArray().Single().GetProperty("id").GetInt64().ShouldBe(id);
        (await ApiCalls.SendAsync(_outsider, HttpMethod.Post, $"/api/decisions/{id}/publish")).Status.ShouldBe(HttpStatusCode.NotFound, "a reader of a published decision is not told how to change it");

        var (historyStatus, history) = await ApiCalls.SendAsync(_anonymous, HttpMethod.Get, $"/api/decisions/{id}/history");
        historyStatus.ShouldBe(HttpStatusCode.OK);
        var whats = history.EnumerateArray().Select(e => e.GetProperty("what").GetString()!).ToList();
        whats.ShouldContain($"Decision {id}");
        whats.Count(w => w.StartsWith("SegmentScore", StringComparison.Ordinal)).ShouldBe(2);
        history.EnumerateArray().ShouldContain(e => (e.GetProperty("after").GetString() ?? "").Contains("Published"));

        using var svg = await _anonymous.GetAsync($"/decisions/{id}/options/A/wheel.svg");
        svg.StatusCode.ShouldBe(HttpStatusCode.OK);
        svg.Content.Headers.ContentType!.MediaType.ShouldBe("image/svg+xml");
        var picture = await svg.Content.ReadAsStringAsync();
        picture.ShouldStartWith("<?xml");
        picture.ShouldContain("data-segment=\"biodiversity\"");
        picture.ShouldContain("Saints Trail");
    }

    [Fact]
    public async Task Bad_scores_are_one_400_naming_each_field_and_nothing_is_saved()
    {
        var id = await RecordAsync();
        var (status, problem) = await ApiCalls.SendAsync(_writer, HttpMethod.Put, $"/api/decisions/{id}/options/A/segments/climate-change", new
        {
            shortTerm = 6,
            longTerm = "bad",
            evidence = new[] { "javascript:alert(1)" },
        });
        status.ShouldBe(HttpStatusCode.BadRequest);
        var text = problem.ToString();
        text.ShouldContain("shortTerm");
        text.ShouldContain("longTerm");
        text.ShouldContain("evidence[0]");
        (await ScoreCountAsync()).ShouldBe(0);
        (await ApiCalls.SendAsync(_writer, HttpMethod.Put, $"/api/decisions/{id}/options/Z/segments/climate-change", new { shortTerm = 3 })).Status.ShouldBe(HttpStatusCode.NotFound);
        (await ApiCalls.SendAsync(_writer, HttpMethod.Put, $"/api/decisions/{id}/options/A/segments/no-such-segment", new { shortTerm = 3 })).Status.ShouldBe(HttpStatusCode.NotFound);

        var (refused, invalid) = await ApiCalls.SendAsync(_writer, HttpMethod.Post, "/api/organisations/cornwall-council/decisions", new { kind = "referendum", placeCode = "X99999999", wheelId = "nope", options = Array.Empty<object>() });
        refused.ShouldBe(HttpStatusCode.BadRequest);
        foreach (var field in new[] { "title", "kind", "placeCode", "wheelId", "options" })
        {
            invalid.ToString().ShouldContain($"\"{field}\"");
        }
    }

    [Fact]
    public async Task An_option_that_worsens_a_segment_the_place_is_already_failing_is_warned_of()
    {
        var id = await RecordAsync();
        var (_, before) = await ApiCalls.SendAsync(_reader, HttpMethod.Get, $"/api/decisions/{id}");
        var pressured = before.GetProperty("context").EnumerateArray()
            .FirstOrDefault(c => c.GetProperty("status").GetString() is "overshoot" or "shortfall");
        // Cornwall's portrait from the shipped ONS data has at least one dimension in shortfall or overshoot.
        pressured.ValueKind.ShouldBe(JsonValueKind.Object, before.GetProperty("context").ToString());
        before.GetProperty("warnings").GetArrayLength().ShouldBe(0, "nothing is scored yet");
        var segment = pressured.GetProperty("segment").GetString();
        (await ApiCalls.SendAsync(_writer, HttpMethod.Put, $"/api/decisions/{id}/options/B/segments/{segment}", new { shortTerm = 4, longTerm = 1 })).Status.ShouldBe(HttpStatusCode.OK);
        var (_, after) = await ApiCalls.SendAsync(_reader, HttpMethod.Get, $"/api/decisions/{id}");
        var warning = after.GetProperty("warnings").EnumerateArray().ShouldHaveSingleItem();
        (warning.GetProperty("option").GetString(), warning.GetProperty("segment").GetString(), warning.GetProperty("longTerm").GetInt32()).ShouldBe(("B", segment, 1));
    }
}
