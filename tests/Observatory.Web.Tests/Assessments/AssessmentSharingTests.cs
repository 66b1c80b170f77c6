using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Observatory.Accounts;
using Observatory.Assessments;
using Observatory.Assessments.Benchmarking;
using Observatory.Auditing;
using Observatory.Storage;
using Observatory.Testing;

namespace Observatory.Web.Tests.Assessments;

/// <summary>
/// What an organisation chooses to show of its own assessment, over HTTP: where it stands against the published
/// benchmark (its members only), and who may read its submitted results (private until an approver shares them with
/// named organisations or makes them public, audited).
/// </summary>
public sealed class AssessmentSharingTests : IAsyncLifetime
{
    private readonly ObservatoryAppFactory _app = new();
    private Organisation _wigan = null!;
    private Person _approver = null!;
    private Person _contributor = null!;
    private Person _outsider = null!;

    public async Task InitializeAsync()
    {
        _app.Settings["OBSERVATORY_SIGNIN_PER_MINUTE"] = "1000000";
        await _app.EnsurePreparedAsync();
        _wigan = await TestAccounts.OrganisationAsync(_app.Services, "Wigan Council", "E08000010");
        var salford = await TestAccounts.OrganisationAsync(_app.Services, "Salford City Council", "E08000006");
        _approver = await TestAccounts.MemberAsync(_app.Services, "approver@wigan.gov.uk", _wigan, Role.Approver);
        _contributor = await TestAccounts.MemberAsync(_app.Services, "officer@wigan.gov.uk", _wigan, Role.Contributor);
        _outsider = await TestAccounts.MemberAsync(_app.Services, "admin@salford.gov.uk", salford, Role.OrganisationAdmin);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private AssessmentTemplate DigitalMaturity => _app.Services.GetRequiredService<AssessmentCatalogue>().Find("digital-maturity")!;

    /// <summary>Starts, answers (every question "Developing", data-use at <paramref name="dataUse"/>) and, unless told otherwise, submits an assessment.</summary>
    private async Task<long> AssessAsync(HttpClient client, string slug, int dataUse, bool submit = true, bool optIn = false)
    {
        var (started, created) = await ApiCalls.SendAsync(client, HttpMethod.Post, $"/api/organisations/{slug}/assessments", new { templateId = "digital-maturity", period = "2026/27" });
        started.ShouldBe(HttpStatusCode.Created, created.ToString());
        var id = created.GetProperty("id").GetInt64();
        var answers = DigitalMaturity.Questions.ToDictionary(q => q.Id, object (q) => q.Id == "data-use" ? dataUse : "Developing");
        answers["connectivity-coverage"] = new { answer = "Developing", note = "WIGAN-NOTE-4410" };
        (await ApiCalls.SendAsync(client, HttpMethod.Put, $"/api/assessments/{id}", new { answers })).Status.ShouldBe(HttpStatusCode.OK);
        if (submit)
        {
            (await ApiCalls.SendAsync(client, HttpMethod.Post, $"/api/assessments/{id}/submit")).Status.ShouldBe(HttpStatusCode.OK);
        }
        if (optIn)
        {
            (await ApiCalls.SendAsync(client, HttpMethod.Post, $"/api/assessments/{id}/benchmarking", new { optIn = true })).Status.ShouldBe(HttpStatusCode.OK);
        }
        return id;
    }

    private async Task<int> AuditEntriesAsync()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ObservatoryDbContext>().AuditEntries.CountAsync();
    }

    [Fact]
    public async Task A_member_sees_where_its_organisation_stands_and_no_one_else_does()
    {
        // Wigan and four more metropolitan districts of the North West count their answers; the whole assessment's
        // level is data-use's (every other answer is 4), 1 for Wigan and 2 to 5 for the others: median 3, quartiles 2 and 4.
        var wiganId = await AssessAsync(await TestAccounts.TokenClientAsync(_app, _contributor), "wigan-council", 1, optIn: true);
        var others = new (string Name, string Code)[] { ("Bolton Council", "E08000001"), ("Manchester City Council", "E08000003"), ("Rochdale Borough Council", "E08000005"), ("Stockport Council", "E08000007") };
        for (var i = 0; i < others.Length; i++)
        {
            var organisation = await TestAccounts.OrganisationAsync(_app.Services, others[i].Name, others[i].Code);
            var officer = await TestAccounts.MemberAsync(_app.Services, $"officer@{organisation.Slug}.example", organisation, Role.Contributor);
            await AssessAsync(await TestAccounts.TokenClientAsync(_app, officer), organisation.Slug, i + 2, optIn: true);
        }
        // Salford submits without counting its answers: it sees no position either.
        await AssessAsync(await TestAccounts.TokenClientAsync(_app, _outsider), "salford-city-council", 5);
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            (await scope.ServiceProvider.GetRequiredService<BenchmarkReleases>().PublishAsync("digital-maturity", "2026/27")).ShouldSucceed();
        }

        var member = await TestAccounts.ClientAsync(_app, "officer@wigan.gov.uk");
        var results = await member.GetStringAsync($"/assessments/{wiganId}/results");
        results.ShouldContain("Where you stand");
        results.ShouldContain("Your level is in the lower quartile of all contributing organisations.");
        results.ShouldContain("Your level is in the lower quartile of metropolitan districts.");
        var benchmarks = await member.GetStringAsync("/assessments/digital-maturity/benchmarks?period=2026/27&group=type-metropolitan-district");
        benchmarks.ShouldContain("Where Wigan Council stands");
        benchmarks.ShouldContain("Your level is in the lower quartile of metropolitan districts.");

        var outsider = await TestAccounts.ClientAsync(_app, "admin@salford.gov.uk");
        var anonymous = await _app.ClientAsync();
        foreach (var (who, client) in new[] { ("Salford's admin", outsider), ("anonymous", anonymous) })
        {
            foreach (var group in new[] { "all", "type-metropolitan-district", "nation-england", "region-north-west" })
            {
                var page = await client.GetStringAsync($"/assessments/digital-maturity/benchmarks?period=2026/27&group={group}");
                page.ShouldContain("Lower quartile", customMessage: $"{who} sees the distribution of {group}");
                page.ShouldNotContain("Your level is", customMessage: $"{who} sees no position in {group}");
                page.ShouldNotContain("Wigan", customMessage: $"{who} sees no organisation's name in {group}");
            }
            using var response = await client.GetAsync($"/assessments/{wiganId}/results");
            response.StatusCode.ShouldBe(HttpStatusCode.NotFound, $"{who}: Wigan's private results");
        }
    }

    [Fact]
    public async Task An_approver_makes_results_public_for_anyone_to_read_and_private_again_they_are_not_found()
    {
        var approver = await TestAccounts.TokenClientAsync(_app, _approver);
        var contributor = await TestAccounts.TokenClientAsync(_app, _contributor);
        var draft = await AssessAsync(contributor, "wigan-council", 3, submit: false);
        (await ApiCalls.SendAsync(approver, HttpMethod.Post, $"/api/assessments/{draft}/visibility", new { visibility = "public" })).Status.ShouldBe(HttpStatusCode.Conflict, "a draft is never shown outside");
        (await ApiCalls.SendAsync(contributor, HttpMethod.Post, $"/api/assessments/{draft}/submit")).Status.ShouldBe(HttpStatusCode.OK);
        var id = draft;

        var anonymous = await _app.ClientAsync();
        (await anonymous.GetAsync($"/assessments/{id}/results")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await ApiCalls.SendAsync(contributor, HttpMethod.Post, $"/api/assessments/{id}/visibility", new { visibility = "public" })).Status.ShouldBe(HttpStatusCode.Forbidden, "an approver publishes");
        (await ApiCalls.SendAsync(await TestAccounts.TokenClientAsync(_app, _approver, TokenScopes.Read), HttpMethod.Post, $"/api/assessments/{id}/visibility", new { visibility = "public" })).Status.ShouldBe(HttpStatusCode.Forbidden, "not with a read-only token");
        (await ApiCalls.SendAsync(await TestAccounts.TokenClientAsync(_app, _outsider), HttpMethod.Post, $"/api/assessments/{id}/visibility", new { visibility = "public" })).Status.ShouldBe(HttpStatusCode.NotFound);
        (await ApiCalls.SendAsync(approver, HttpMethod.Post, $"/api/assessments/{id}/visibility", new { visibility = "everyone" })).Status.ShouldBe(HttpStatusCode.BadRequest);

        var before = await AuditEntriesAsync();
        var (status, detail) = await ApiCalls.SendAsync(approver, HttpMethod.Post, $"/api/assessments/{id}/visibility", new { visibility = "public" });
        status.ShouldBe(HttpStatusCode.OK, detail.ToString());
        detail.GetProperty("visibility").GetString().ShouldBe("public");
        detail.GetProperty("state").GetString().ShouldBe("published");
        (await AuditEntriesAsync()).ShouldBeGreaterThan(before, "the change is in the organisation's history");

        using (var page = await anonymous.GetAsync($"/assessments/{id}/results"))
        {
            var html = await page.Content.ReadAsStringAsync();
            page.StatusCode.ShouldBe(HttpStatusCode.OK, html);
            html.ShouldContain("Wigan Council assessed itself and chose to share these results");
            html.ShouldContain("Whole assessment");
            html.ShouldNotContain("Who can see these results", customMessage: "only the organisation is told who can see it");
            html.ShouldNotContain("officer", Case.Insensitive);
        }
        var (read, json) = await ApiCalls.SendAsync(anonymous, HttpMethod.Get, $"/api/assessments/{id}");
        read.ShouldBe(HttpStatusCode.OK, json.ToString());
        json.GetProperty("answers").GetProperty("connectivity-coverage").GetProperty("note").GetString().ShouldBe("WIGAN-NOTE-4410");
        json.ToString().ShouldNotContain("officer", Case.Insensitive, "never who in the organisation answered");
        json.ToString().ShouldNotContain("approver", Case.Insensitive);
        (await anonymous.GetAsync($"/assessments/{id}/check")).StatusCode.ShouldBe(HttpStatusCode.Found, "the working pages ask to sign in");
        (await (await TestAccounts.ClientAsync(_app, "admin@salford.gov.uk")).GetAsync($"/assessments/{id}/check")).StatusCode.ShouldBe(HttpStatusCode.NotFound, "and are not for other organisations");

        (await ApiCalls.SendAsync(approver, HttpMethod.Post, $"/api/assessments/{id}/visibility", new { visibility = "private" })).Status.ShouldBe(HttpStatusCode.OK);
        (await anonymous.GetAsync($"/assessments/{id}/results")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await ApiCalls.SendAsync(anonymous, HttpMethod.Get, $"/api/assessments/{id}")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await (await TestAccounts.ClientAsync(_app, "officer@wigan.gov.uk")).GetStringAsync($"/assessments/{id}/results")).ShouldContain("Only members of Wigan Council can see this assessment.");
    }

    [Fact]
    public async Task Results_shared_with_a_named_organisation_are_read_by_its_members_only()
    {
        var id = await AssessAsync(await TestAccounts.TokenClientAsync(_app, _contributor), "wigan-council", 2);
        var bolton = await TestAccounts.OrganisationAsync(_app.Services, "Bolton Council", "E08000001");
        await TestAccounts.MemberAsync(_app.Services, "viewer@bolton.example", bolton, Role.Viewer);

        // On the results page, as an approver signed in: an unknown organisation is named in the error, nothing changes.
        var approver = await TestAccounts.ClientAsync(_app, "approver@wigan.gov.uk");
        var page = await approver.GetStringAsync($"/assessments/{id}/results");
        page.ShouldContain("Choose who can see these results");
        async Task<HttpResponseMessage> ChooseAsync(string visibility, string sharedWith) =>
            await approver.PostAsync($"/assessments/{id}/results?handler=Visibility", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = await TestAccounts.FormTokenAsync(approver, $"/assessments/{id}/results"),
                ["visibility"] = visibility,
                ["sharedWith"] = sharedWith,
            }));
        using (var refused = await ChooseAsync("Shared", "salford-city-council, no-such-council"))
        {
            refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            var summary = (await refused.Content.ReadAsStringAsync()).ParseHtml().QuerySelector(".govuk-error-summary")!.TextContent;
            summary.ShouldContain("There is no organisation");
            summary.ShouldContain("no-such-council");
            summary.ShouldNotContain("salford-city-council", customMessage: "only the unknown organisation is named");
        }
        (await (await TestAccounts.ClientAsync(_app, "admin@salford.gov.uk")).GetAsync($"/assessments/{id}/results")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        using (var saved = await ChooseAsync("Shared", "salford-city-council"))
        {
            saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        }
        (await approver.GetStringAsync($"/assessments/{id}/results")).ShouldContain("Members of Wigan Council and of Salford City Council can read these results.");
        var salford = await TestAccounts.ClientAsync(_app, "admin@salford.gov.uk");
        (await salford.GetStringAsync($"/assessments/{id}/results")).ShouldContain("Wigan Council assessed itself and chose to share these results");
        (await ApiCalls.SendAsync(await TestAccounts.TokenClientAsync(_app, _outsider), HttpMethod.Get, $"/api/assessments/{id}")).Status.ShouldBe(HttpStatusCode.OK);
        (await (await TestAccounts.ClientAsync(_app, "viewer@bolton.example")).GetAsync($"/assessments/{id}/results")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await (await _app.ClientAsync()).GetAsync($"/assessments/{id}/results")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await ApiCalls.SendAsync(await TestAccounts.TokenClientAsync(_app, _outsider), HttpMethod.Post, $"/api/assessments/{id}/visibility", new { visibility = "public" })).Status
            .ShouldBe(HttpStatusCode.NotFound, "an organisation it is shared with cannot change who sees it");
    }
}
