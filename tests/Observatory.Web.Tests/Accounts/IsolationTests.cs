using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Observatory.Accounts;
using Observatory.Assessments;
using Observatory.Assessments.Surveys;
using Observatory.Auditing;
using Observatory.Frameworks;
using Observatory.Registers;
using Observatory.Storage;
using Observatory.Testing;

namespace Observatory.Web.Tests.Accounts;

/// <summary>
/// Every route of the app, read from ASP.NET's endpoint data source so that routes added later are covered
/// without editing this suite, tried as an anonymous visitor, as the admin of another organisation and as a
/// viewer of the owning one. No private content of Alpha Council may appear in a response to anyone outside it,
/// and no write by someone not allowed to make it may succeed or leave an audit entry.
/// </summary>
public sealed class IsolationTests : IAsyncLifetime
{
    /// <summary>Words that appear only in Alpha Council's private items and in its members' details.</summary>
    private static readonly string[] Secrets = ["ALPHA-PRIVATE-7731", "alpha-viewer@alpha.gov.uk", "alpha-invitee@alpha.gov.uk", "Alpha Council"];

    private const string PrivateFramework = """
        id: alpha-secret-plan
        name: ALPHA-PRIVATE-7731 recovery plan
        version: "1"
        publisher: Alpha Council
        group: Your organisation's frameworks
        summary: ALPHA-PRIVATE-7731 draft priorities.
        source:
          file: plan.pdf
          section: All
        elements:
          - id: priority-one
            name: ALPHA-PRIVATE-7731 first priority
            kind: theme
            description: Not yet public.
        """;

    private readonly ObservatoryAppFactory _app = new();
    private readonly Dictionary<string, string> _routeValues = new(StringComparer.OrdinalIgnoreCase)
    {
        ["id"] = "alpha-secret-plan",
        ["elementId"] = "priority-one",
        ["slug"] = "alpha-council",
        ["code"] = "E08000010",
        ["place"] = "E08000010",
        ["definition"] = "uk-council",
        ["token"] = "not-a-real-token",
        ["relation"] = "parents",
        ["format"] = "json",
        ["wheel"] = "alpha-wheel",
        ["organisation"] = "gamma-council",
    };

    private long _assessmentId;
    private long _decisionId;
    private long _algorithmRecordId;
    private long _applicationId;
    private readonly Dictionary<string, List<string?>> _pageHandlers = new(StringComparer.Ordinal);
    private List<string?> _allHandlers = [];
    private long _impactAssessmentId;
    private HttpClient _anonymous = null!;
    private HttpClient _otherOrganisation = null!;
    private HttpClient _viewer = null!;

    public async Task InitializeAsync()
    {
        // Every route is tried many times from one address; the sign-in rate limit would turn most tries into 429s.
        _app.Settings["OBSERVATORY_SIGNIN_PER_MINUTE"] = "1000000";
        await _app.EnsurePreparedAsync();
        var alpha = await TestAccounts.OrganisationAsync(_app.Services, "Alpha Council", "E08000010");
        var beta = await TestAccounts.OrganisationAsync(_app.Services, "Beta Council", "E08000006");
        await TestAccounts.MemberAsync(_app.Services, "alpha-contributor@alpha.gov.uk", alpha, Role.Contributor);
        await TestAccounts.MemberAsync(_app.Services, "alpha-viewer@alpha.gov.uk", alpha, Role.Viewer);
        await TestAccounts.MemberAsync(_app.Services, "beta-admin@beta.gov.uk", beta, Role.OrganisationAdmin);
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
            await accounts.InviteAsync(Actor.System("tests"), alpha.Id, "alpha-invitee@alpha.gov.uk", Role.Viewer, "http://localhost/invitations").ShouldSucceed();
            var contributor = await scope.ServiceProvider.GetRequiredService<ObservatoryDbContext>().People.SingleAsync(p => p.Email == "alpha-contributor@alpha.gov.uk");
            scope.ServiceProvider.GetRequiredService<CurrentActor>().Actor = await accounts.ActorForAsync(contributor, TokenScopes.Read | TokenScopes.Write);
            await scope.ServiceProvider.GetRequiredService<FrameworkLibrary>().ImportAsync("plan.yaml", PrivateFramework, "alpha contributor", alpha.Id, Visibility.Private);
            // A draft self-assessment, private to Alpha, with a secret in an answer's note.
            var assessments = scope.ServiceProvider.GetRequiredService<OrganisationAssessments>();
            _assessmentId = (await assessments.StartAsync("alpha-council", "digital-maturity", "2026/27")).ShouldSucceed().Assessment.Id;
            await assessments.SaveAnswersAsync(_assessmentId, [new AnswerInput("data-use", "2", Note: "ALPHA-PRIVATE-7731 data audit")]).ShouldSucceed();
            // A draft algorithm record, private to Alpha until its approver publishes it.
            var draft = new RecordContent();
            draft.Set("title", "ALPHA-PRIVATE-7731 rota planner");
            draft.AddEntry("model_specifications", [new("model_name", "ALPHA-PRIVATE-7731 model")]);
            _algorithmRecordId = (await scope.ServiceProvider.GetRequiredService<AlgorithmRegister>().CreateAsync("alpha-council", draft)).ShouldSucceed().Record.Id;
            // An application entry, private to Alpha (the default).
            _applicationId = (await scope.ServiceProvider.GetRequiredService<ApplicationsRegister>().CreateAsync("alpha-council",
                [new("name", "ALPHA-PRIVATE-7731 benefits system"), new("product", "ALPHA-PRIVATE-7731 Revenues"), new("status", "live"), new("service_areas", "revenues-and-benefits"),
                    new("contract_end", DateTime.UtcNow.AddYears(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))])).ShouldSucceed().Entry.Id;
            // A draft algorithmic impact assessment, private to Alpha, with a secret in its name and in an answer in words.
            _impactAssessmentId = (await scope.ServiceProvider.GetRequiredService<Observatory.Assessments.AlgorithmicImpact.OrganisationImpactAssessments>().StartAsync("alpha-council",
                "ALPHA-PRIVATE-7731 fraud referrals", new Dictionary<string, Observatory.Assessments.AlgorithmicImpact.ImpactAnswer?>
                {
                    ["projectDetailsTitle"] = Observatory.Assessments.AlgorithmicImpact.ImpactAnswer.One("ALPHA-PRIVATE-7731 project"),
                    ["impact6"] = Observatory.Assessments.AlgorithmicImpact.ImpactAnswer.One("item4-4"),
                })).ShouldSucceed().Assessment.Id;
            // Token 1 is the contributor's, so every "revoke token 1" below is an attempt on someone else's token.
            await accounts.CreateTokenAsync(contributor.Id, "alpha loader", TokenScopes.Read, 30).ShouldSucceed();
            // A draft decision, private to Alpha, with a secret in its title and in a score's reasons.
            var decisions = scope.ServiceProvider.GetRequiredService<Observatory.Decisions.OrganisationDecisions>();
            _decisionId = (await decisions.CreateAsync("alpha-council", new("ALPHA-PRIVATE-7731 depot closure", "cabinet-proposal", null, null, null, [new("Close it")]))).ShouldSucceed().Decision.Id;
            await decisions.ScoreAsync(_decisionId, "A", "climate-change", new("2", "unknown", "ALPHA-PRIVATE-7731 fleet")).ShouldSucceed();
            // Health delegated to Alpha's viewer: they answer health only, so the tries below on climate-change are still refused.
            var viewer = await scope.ServiceProvider.GetRequiredService<ObservatoryDbContext>().People.SingleAsync(p => p.Email == "alpha-viewer@alpha.gov.uk");
            await decisions.DelegateAsync(_decisionId, viewer.Id, ["health"]).ShouldSucceed();
            // Alpha's own decision wheel, with a secret in a guiding question.
            var wheels = scope.ServiceProvider.GetRequiredService<Observatory.Decisions.OrganisationWheels>();
            await wheels.CopyAsync("alpha-council", Observatory.Decisions.DecisionWheels.DefaultId, "Alpha wheel").ShouldSucceed();
            await wheels.ChangeSegmentAsync("alpha-council", "alpha-wheel", "health", new("Health", ["ALPHA-PRIVATE-7731 question?"])).ShouldSucceed();
        }
        await LoadPageHandlersAsync();
        _anonymous = await _app.ClientAsync();
        _otherOrganisation = await TestAccounts.ClientAsync(_app, "beta-admin@beta.gov.uk");
        _viewer = await TestAccounts.ClientAsync(_app, "alpha-viewer@alpha.gov.uk");
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    /// <summary>
    /// Every route of the app with the methods it answers: pages answer GET, and POST with each handler the page has
    /// (its default handler when it has one) and with a handler another page has, which this page must not act on.
    /// A page is only ever asked for its own handlers and one foreign one: trying all of the app's handler names on
    /// every page sent thousands of requests that each proved the same refusal, and took a quarter of the web suite.
    /// </summary>
    private List<(string Path, string Method, string? Handler)> Routes()
    {
        var routes = new List<(string, string, string?)>();
        foreach (var endpoint in _app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var path = Fill(endpoint.RoutePattern.RawText ?? "");
            if (path is null)
            {
                continue;
            }
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods;
            if (methods is null)
            {
                routes.Add((path, "GET", null));
                var own = _pageHandlers.GetValueOrDefault(endpoint.DisplayName ?? "") ?? [];
                var foreign = _allHandlers.First(h => h is not null && !own.Contains(h));
                routes.AddRange(own.DefaultIfEmpty(null).Append(foreign).Distinct().Select(h => (path, "POST", h)));
            }
            else
            {
                routes.AddRange(methods.Select(m => (path, m, (string?)null)));
            }
        }
        return [.. routes.Distinct()];
    }

    /// <summary>The POST handlers of every page (null for a page's default OnPost), as ASP.NET loads the page to run it.</summary>
    private async Task LoadPageHandlersAsync()
    {
        var loader = _app.Services.GetRequiredService<PageLoader>();
        foreach (var endpoint in _app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is { } page)
            {
                var compiled = await loader.LoadAsync(page, endpoint.Metadata);
                _pageHandlers[endpoint.DisplayName ?? ""] = [.. compiled.HandlerMethods.Where(h => string.Equals(h.HttpMethod, "POST", StringComparison.OrdinalIgnoreCase)).Select(h => h.Name).Distinct()];
            }
        }
        _allHandlers = [.. _pageHandlers.Values.SelectMany(h => h).Where(h => h is not null).Distinct().Order(StringComparer.Ordinal)];
        _allHandlers.Count.ShouldBeGreaterThan(5, "the pages' named handlers were found");
    }

    private string? Fill(string pattern)
    {
        var path = "/" + pattern.TrimStart('/');
        var parameters = System.Text.RegularExpressions.Regex.Matches(path, "\\{\\*?([A-Za-z]+)[^}]*\\}");
        foreach (System.Text.RegularExpressions.Match p in parameters)
        {
            var name = p.Groups[1].Value;
            var optional = p.Value.EndsWith("?}", StringComparison.Ordinal);
            path = path.Replace(p.Value, _routeValues.TryGetValue(name, out var v) ? v : optional ? "" : "1");
        }
        return path.Replace("//", "/").TrimEnd('/') is { Length: > 0 } filled ? filled : "/";
    }

    private async Task<int> AuditCount()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ObservatoryDbContext>().AuditEntries.CountAsync();
    }

    private static async Task<HttpResponseMessage> Send(HttpClient client, string path, string method, string? handler, string? formToken)
    {
        var url = handler is null ? path : $"{path}{(path.Contains('?') ? '&' : '?')}handler={handler}";
        var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method != "GET")
        {
            var fields = new Dictionary<string, string>
            {
                ["to"] = "Published",
                ["role"] = "OrganisationAdmin",
                ["membershipId"] = "1",
                ["tokenId"] = "1",
                ["email"] = "attacker@example.com",
                ["name"] = "Planted organisation",
                ["tokenName"] = "planted",
                ["scopes"] = "write",
                ["days"] = "30",
            };
            if (formToken is not null)
            {
                fields["__RequestVerificationToken"] = formToken;
            }
            request.Content = new FormUrlEncodedContent(fields);
        }
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task No_route_shows_an_organisations_private_content_to_anyone_outside_it()
    {
        var routes = Routes().Where(r => r.Method == "GET").Select(r => r.Path).Distinct().ToList();
        routes.Count.ShouldBeGreaterThan(30);
        routes.ShouldContain("/frameworks/alpha-secret-plan");
        var leaks = new StringBuilder();
        foreach (var path in routes)
        {
            foreach (var (who, client) in new[] { ("anonymous", _anonymous), ("another organisation's admin", _otherOrganisation) })
            {
                using var response = await client.GetAsync(path);
                var body = await response.Content.ReadAsStringAsync();
                foreach (var secret in Secrets.Where(s => body.Contains(s, StringComparison.OrdinalIgnoreCase)))
                {
                    leaks.AppendLine($"{who}: GET {path} ({(int)response.StatusCode}) shows '{secret}'");
                }
            }
        }
        // The owner's own viewer sees them: the check above is not passing because the content is missing.
        (await _viewer.GetStringAsync("/frameworks/alpha-secret-plan")).ShouldContain("ALPHA-PRIVATE-7731");
        (await _viewer.GetStringAsync("/api/frameworks")).ShouldContain("alpha-secret-plan");
        leaks.ToString().ShouldBeEmpty();
    }

    [Fact]
    public async Task Private_items_answer_404_to_those_who_may_not_know_they_exist()
    {
        (await _anonymous.GetAsync("/api/frameworks/alpha-secret-plan")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await _otherOrganisation.GetAsync("/api/frameworks/alpha-secret-plan")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await _otherOrganisation.GetAsync("/frameworks/alpha-secret-plan")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await _otherOrganisation.GetAsync("/organisations/alpha-council")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    /// <summary>
    /// Writes anyone signed in may make to their own account: creating a personal API token, and signing out
    /// (which would also end the session the rest of the run needs). Everything else a visitor, an outsider or a
    /// viewer tries must be refused.
    /// </summary>
    /// <summary>
    /// Each route tried by an anonymous visitor, another organisation's admin and Alpha's viewer, writes with a
    /// planted JSON body: outsiders are told the thing does not exist (404, or asked to sign in first; 405 for a write
    /// to a read-only route; 429 where a public report form's rate limit answers before anything is looked up) and
    /// never shown a secret; the viewer writes nothing; nobody adds to the audit log. Returns what went wrong, one line each.
    /// </summary>
    private async Task<string> OutsidersTryEveryRouteAsync(IReadOnlyList<(string Path, string Method, string? Handler)> routes, string plantedJson)
    {
        var failures = new StringBuilder();
        foreach (var (who, client) in new[] { ("anonymous", _anonymous), ("another organisation's admin", _otherOrganisation), ("a viewer", _viewer) })
        {
            var formToken = await TestAccounts.FormTokenAsync(client, "/sign-out");
            foreach (var (path, method, handler) in routes)
            {
                var before = await AuditCount();
                using var response = method == "GET" || !path.StartsWith("/api/", StringComparison.Ordinal)
                    ? await Send(client, path, method, handler, formToken)
                    : await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path)
                    {
                        Content = new StringContent(plantedJson, Encoding.UTF8, "application/json"),
                    });
                var body = await response.Content.ReadAsStringAsync();
                var status = (int)response.StatusCode;
                var label = $"{who}: {method} {path}{(handler is null ? "" : "?handler=" + handler)} answered {status}";
                if (who == "a viewer")
                {
                    if (method != "GET" && status is < 400 and not 302)
                    {
                        failures.AppendLine($"{label}: a viewer may not write");
                    }
                }
                else
                {
                    var signInFirst = status == 302 && response.Headers.Location?.ToString().Contains("/sign-in", StringComparison.Ordinal) == true;
                    var limited = status == 429 && method != "GET" && path.EndsWith("/report", StringComparison.Ordinal);
                    if (status != 404 && !signInFirst && !limited && !(status == 405 && method != "GET"))
                    {
                        failures.AppendLine($"{label}, not 404");
                    }
                    foreach (var secret in Secrets.Where(s => body.Contains(s, StringComparison.OrdinalIgnoreCase)))
                    {
                        failures.AppendLine($"{label} and shows '{secret}'");
                    }
                }
                if (await AuditCount() != before)
                {
                    failures.AppendLine($"{label} and wrote to the audit log");
                }
            }
        }
        return failures.ToString();
    }

    private static bool IsSelfService(string path, string? handler) => path == "/sign-out" || (path, handler) == ("/account", "CreateToken");

    [Fact]
    public async Task No_forbidden_write_succeeds_or_leaves_an_audit_entry()
    {
        var writes = Routes().Where(r => r.Method != "GET" && !IsSelfService(r.Path, r.Handler)).ToList();
        writes.Count.ShouldBeGreaterThan(20);
        var failures = new StringBuilder();
        foreach (var (who, client) in new[] { ("anonymous", _anonymous), ("another organisation's admin", _otherOrganisation), ("a viewer", _viewer) })
        {
            // A real anti-forgery token for this client, so a refusal is the access policy's, not the token check's.
            var formToken = await TestAccounts.FormTokenAsync(client, "/sign-out");
            foreach (var (path, method, handler) in writes)
            {
                var before = await AuditCount();
                using var response = await Send(client, path, method, handler, formToken);
                var after = await AuditCount();
                if (response.StatusCode == HttpStatusCode.InternalServerError)
                {
                    failures.AppendLine($"{who}: {method} {path}{(handler is null ? "" : "?handler=" + handler)} answered 500");
                }
                if (after != before)
                {
                    failures.AppendLine($"{who}: {method} {path}{(handler is null ? "" : "?handler=" + handler)} answered {(int)response.StatusCode} and wrote {after - before} audit entr{(after - before == 1 ? "y" : "ies")}");
                }
            }
        }
        failures.ToString().ShouldBeEmpty();
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ObservatoryDbContext>();
            (await db.ImportedFrameworks.SingleAsync(f => f.FrameworkId == "alpha-secret-plan")).State.ShouldBe(WorkflowState.Draft);
            (await db.Organisations.CountAsync()).ShouldBe(2);
            (await db.Memberships.CountAsync(m => m.Role == Role.OrganisationAdmin)).ShouldBe(1);
            (await db.ApiTokens.CountAsync(t => t.RevokedAt != null)).ShouldBe(0, "no one revoked another person's token");
            (await db.Invitations.CountAsync()).ShouldBe(4, "the three accepted invitations and the open one; no planted invitation");
        }
    }

    /// <summary>
    /// Every route of an organisation's assessments (pages and API, read from the endpoints so later ones are covered
    /// too), filled with Alpha's real draft: outsiders are told it does not exist (404, or asked to sign in), never
    /// that they may not see it; Alpha's viewer may read but not write; nothing anyone outside it tries writes.
    /// </summary>
    [Fact]
    public async Task Another_organisations_draft_assessment_is_not_found_on_any_of_its_routes()
    {
        var id = _assessmentId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        // Routes() fills {id} with the framework's id: an assessment's routes are those under /assessments/{id}/ and /api/assessments/{id}.
        const string Filled = "/assessments/alpha-secret-plan";
        var routes = Routes()
            .Where(r => r.Path.StartsWith(Filled + "/", StringComparison.Ordinal) || r.Path.StartsWith("/api" + Filled, StringComparison.Ordinal)
                || r.Path == "/organisations/alpha-council/assessments" || r.Path == "/api/organisations/alpha-council/assessments")
            .Select(r => (Path: r.Path.Replace(Filled, "/assessments/" + id, StringComparison.Ordinal).Replace("/sections/1", "/sections/data", StringComparison.Ordinal), r.Method, r.Handler))
            .ToList();
        routes.Select(r => r.Path).Distinct().Count().ShouldBeGreaterThanOrEqualTo(8);
        (await OutsidersTryEveryRouteAsync(routes, """{"templateId": "digital-maturity", "period": "2031/32", "optIn": true, "answers": {"data-use": 5}}""")).ShouldBeEmpty();
        (await _viewer.GetStringAsync($"/assessments/{id}/check")).ShouldContain("ALPHA-PRIVATE-7731", Case.Sensitive, "the owner's viewer sees it: the checks above are not passing for want of content");
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ObservatoryDbContext>();
        (await db.Assessments.SingleAsync()).State.ShouldBe(WorkflowState.Draft);
        (await db.AssessmentAnswers.SingleAsync()).Level.ShouldBe(2);
    }

    /// <summary>
    /// Every route of a decision (pages, API and the SVG download, read from the endpoints so later ones are covered
    /// too), filled with Alpha's real draft: outsiders are told it does not exist, never that they may not see it;
    /// Alpha's viewer may read but not write; nothing anyone outside it tries writes.
    /// </summary>
    [Fact]
    public async Task Another_organisations_draft_decision_is_not_found_on_any_of_its_routes()
    {
        var id = _decisionId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        const string Filled = "/decisions/alpha-secret-plan";
        var routes = Routes()
            .Where(r => r.Path.StartsWith(Filled, StringComparison.Ordinal) || r.Path.StartsWith("/api" + Filled, StringComparison.Ordinal)
                || r.Path == "/organisations/alpha-council/decisions" || r.Path == "/api/organisations/alpha-council/decisions")
            .Select(r => (Path: r.Path.Replace(Filled, "/decisions/" + id, StringComparison.Ordinal).Replace("/options/1/", "/options/A/", StringComparison.Ordinal)
                .Replace("/segments/1", "/segments/climate-change", StringComparison.Ordinal).Replace("/delegations/1", "/delegations/health", StringComparison.Ordinal), r.Method, r.Handler))
            .ToList();
        routes.Select(r => r.Path).Distinct().Count().ShouldBeGreaterThanOrEqualTo(8);
        routes.ShouldContain(r => r.Path.EndsWith("/delegation", StringComparison.Ordinal), "the page delegating segments is tried");
        routes.ShouldContain(r => r.Path.EndsWith("/delegations/health", StringComparison.Ordinal) && r.Method == "DELETE", "taking a delegation back is tried");
        (await OutsidersTryEveryRouteAsync(routes, """{"title": "Planted", "kind": "policy", "options": [{"title": "A"}], "shortTerm": 5}""")).ShouldBeEmpty();
        (await _viewer.GetStringAsync($"/decisions/{id}")).ShouldContain("ALPHA-PRIVATE-7731", Case.Sensitive, "the owner's viewer sees it: the checks above are not passing for want of content");
        (await _anonymous.GetStringAsync("/api/decisions")).ShouldNotContain("ALPHA-PRIVATE-7731");
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ObservatoryDbContext>();
        (await db.Set<Observatory.Decisions.Decision>().SingleAsync()).State.ShouldBe(WorkflowState.Draft);
        (await db.Set<Observatory.Decisions.SegmentScore>().SingleAsync()).ShortTerm.ShouldBe(2);
        (await db.Set<Observatory.Decisions.SegmentDelegation>().SingleAsync()).SegmentId.ShouldBe("health", "nobody outside Alpha delegated, took back or answered anything");
    }

    /// <summary>
    /// Every route of an organisation's own decision wheels (its list, a wheel, a segment, on the pages and the API),
    /// filled with Alpha's wheel: outsiders are told it does not exist; Alpha's viewer reads but changes nothing.
    /// </summary>
    [Fact]
    public async Task Another_organisations_own_decision_wheel_is_not_found_on_any_of_its_routes()
    {
        var routes = Routes()
            .Where(r => r.Path.Contains("/organisations/alpha-council/decision-wheels", StringComparison.Ordinal))
            .Select(r => (Path: r.Path.Replace("/segments/1", "/segments/health", StringComparison.Ordinal), r.Method, r.Handler))
            .ToList();
        routes.Select(r => r.Path).Distinct().Count().ShouldBeGreaterThanOrEqualTo(7);
        (await OutsidersTryEveryRouteAsync(routes, """{"copyOf": "alpha-wheel", "title": "Planted", "ring": "social", "name": "Planted", "questions": ["Planted?"]}""")).ShouldBeEmpty();
        (await _viewer.GetStringAsync("/organisations/alpha-council/decision-wheels/alpha-wheel")).ShouldContain("ALPHA-PRIVATE-7731", Case.Sensitive,
            "the owner's viewer sees it: the checks above are not passing for want of content");
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ObservatoryDbContext>();
        (await db.Set<Observatory.Decisions.OrganisationWheel>().SingleAsync()).LatestVersion.ShouldBe(2);
    }

    /// <summary>
    /// Alpha and four more councils count their submitted assessments in a published benchmark. Alpha's own members see
    /// where Alpha stands; no one outside it sees its position or its name on the benchmark of any group, nor its results.
    /// </summary>
    [Fact]
    public async Task Another_organisations_position_against_a_benchmark_is_never_visible()
    {
        var codes = new[] { "E08000001", "E08000003", "E08000005", "E08000007" };
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentActor>().Actor = Actor.System("tests");
            var assessments = scope.ServiceProvider.GetRequiredService<OrganisationAssessments>();
            var template = scope.ServiceProvider.GetRequiredService<AssessmentCatalogue>().Find("digital-maturity")!;
            var slugs = new List<string> { "alpha-council" };
            foreach (var code in codes)
            {
                slugs.Add((await TestAccounts.OrganisationAsync(_app.Services, $"Council {code}", code)).Slug);
            }
            for (var i = 0; i < slugs.Count; i++)
            {
                var id = slugs[i] == "alpha-council" ? _assessmentId : (await assessments.StartAsync(slugs[i], "digital-maturity", "2026/27")).ShouldSucceed().Assessment.Id;
                await assessments.SaveAnswersAsync(id, [.. template.Questions.Select(q => new AnswerInput(q.Id, q.Id == "data-use" ? (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) : "4"))]).ShouldSucceed();
                await assessments.SubmitAsync(id).ShouldSucceed();
                await assessments.SetBenchmarkingAsync(id, true).ShouldSucceed();
            }
            await scope.ServiceProvider.GetRequiredService<Observatory.Assessments.Benchmarking.BenchmarkReleases>().PublishAsync("digital-maturity", "2026/27").ShouldSucceed();
        }
        var groups = new[] { "all", "type-metropolitan-district", "nation-england", "region-north-west", "cluster-a", "cluster-b", "cluster-c", "cluster-d" };
        var failures = new StringBuilder();
        foreach (var (who, client) in new[] { ("anonymous", _anonymous), ("another organisation's admin", _otherOrganisation) })
        {
            foreach (var group in groups)
            {
                var page = await client.GetStringAsync($"/assessments/digital-maturity/benchmarks?period=2026/27&group={group}");
                foreach (var shown in new[] { "Your level is", "app-own-standing", "Alpha" }.Where(w => page.Contains(w, StringComparison.OrdinalIgnoreCase)))
                {
                    failures.AppendLine($"{who}: the benchmark of {group} shows '{shown}'");
                }
            }
            using var results = await client.GetAsync($"/assessments/{_assessmentId}/results");
            if (results.StatusCode != System.Net.HttpStatusCode.NotFound)
            {
                failures.AppendLine($"{who}: Alpha's results answered {(int)results.StatusCode}, not 404");
            }
        }
        failures.ToString().ShouldBeEmpty();
        (await _viewer.GetStringAsync("/assessments/digital-maturity/benchmarks?period=2026/27&group=all"))
            .ShouldContain("Your level is in the lower quartile of all contributing organisations.", Case.Sensitive, "Alpha's own viewer sees it: the checks above are not passing for want of a position");
    }

    /// <summary>
    /// A survey sent to Alpha and Beta that Alpha answered, with a secret in its written answer and no consent to
    /// publish it: every survey route (pages and API, read from the endpoints) and Alpha's response's own routes,
    /// tried by an outsider and anonymously, before and after publication, never show Alpha's answers or its name.
    /// </summary>
    [Fact]
    public async Task Another_organisations_survey_response_is_never_visible()
    {
        long survey, response;
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var current = scope.ServiceProvider.GetRequiredService<CurrentActor>();
            var surveys = scope.ServiceProvider.GetRequiredService<SectorSurveys>();
            current.Actor = Actor.System("tests");
            var today = SurveyWindow.Today(TimeProvider.System).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            survey = (await surveys.CreateAsync(new SurveyInput("Impact survey", "covid-impact-survey", "2026/27", today, today, "chosen", ["alpha-council", "beta-council"]))).ShouldSucceed().Survey.Id;
            await surveys.OpenAsync(survey).ShouldSucceed();
            var db = scope.ServiceProvider.GetRequiredService<ObservatoryDbContext>();
            var contributor = await db.People.SingleAsync(p => p.Email == "alpha-contributor@alpha.gov.uk");
            current.Actor = await scope.ServiceProvider.GetRequiredService<AccountService>().ActorForAsync(contributor, TokenScopes.Read | TokenScopes.Write);
            response = (await surveys.RespondAsync(survey, "alpha-council", publishWords: false)).ShouldSucceed().Response!.Id;
            await scope.ServiceProvider.GetRequiredService<OrganisationAssessments>()
                .SaveAnswersAsync(response, [new AnswerInput("leadership-lessons", "ALPHA-PRIVATE-7731 lessons"), new AnswerInput("wellbeing-supported", "4")]).ShouldSucceed();
        }
        var routes = Routes().Where(r => r.Method == "GET" && (r.Path.StartsWith("/surveys", StringComparison.Ordinal) || r.Path.StartsWith("/api/surveys", StringComparison.Ordinal)))
            .Select(r => r.Path.Replace("/surveys/alpha-secret-plan", $"/surveys/{survey}", StringComparison.Ordinal).Replace("/surveys/1", $"/surveys/{survey}", StringComparison.Ordinal))
            .Concat([$"/assessments/{response}", $"/assessments/{response}/check", $"/assessments/{response}/results", $"/api/assessments/{response}", "/organisations/alpha-council/assessments"])
            .Distinct().ToList();
        routes.Count(r => r.Contains("surveys", StringComparison.Ordinal)).ShouldBeGreaterThanOrEqualTo(5);
        var failures = new StringBuilder();
        async Task TryAll(string when)
        {
            foreach (var path in routes)
            {
                foreach (var (who, client) in new[] { ("anonymous", _anonymous), ("another organisation's admin", _otherOrganisation) })
                {
                    using var answer = await client.GetAsync(path);
                    var body = await answer.Content.ReadAsStringAsync();
                    foreach (var secret in Secrets.Where(s => body.Contains(s, StringComparison.OrdinalIgnoreCase)))
                    {
                        failures.AppendLine($"{when}, {who}: GET {path} ({(int)answer.StatusCode}) shows '{secret}'");
                    }
                    if (path.Contains($"/assessments/{response}", StringComparison.Ordinal) && answer.StatusCode != HttpStatusCode.NotFound
                        && !(answer.StatusCode == HttpStatusCode.Redirect && answer.Headers.Location?.ToString().Contains("/sign-in", StringComparison.Ordinal) == true))
                    {
                        failures.AppendLine($"{when}, {who}: GET {path} answered {(int)answer.StatusCode}, not 404");
                    }
                }
            }
        }
        await TryAll("while open");
        (await _viewer.GetStringAsync($"/assessments/{response}/check")).ShouldContain("ALPHA-PRIVATE-7731", Case.Sensitive, "Alpha's own viewer sees it: the checks are not passing for want of content");
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentActor>().Actor = Actor.System("tests");
            var surveys = scope.ServiceProvider.GetRequiredService<SectorSurveys>();
            await surveys.CloseAsync(survey).ShouldSucceed();
            await surveys.PublishAsync(survey).ShouldSucceed();
        }
        (await _anonymous.GetAsync($"/api/surveys/{survey}/results")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await TryAll("once published");
        failures.ToString().ShouldBeEmpty();
    }

    /// <summary>
    /// Alpha's draft recovery plan, with a secret in its title, a target, an action and Gamma as a partner: every route
    /// of plans (pages and API, read from the endpoints) answers anyone outside Alpha and Gamma 404 or asks them to sign
    /// in, shows no secret and writes nothing (Beta's admin cannot make Beta a partner, nor remove Gamma); Alpha's
    /// viewer reads it but cannot change it; Gamma's viewer reads it too.
    /// </summary>
    [Fact]
    public async Task Another_organisations_draft_plan_is_not_found_on_any_of_its_routes()
    {
        long plan;
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ObservatoryDbContext>();
            var contributor = await db.People.SingleAsync(p => p.Email == "alpha-contributor@alpha.gov.uk");
            scope.ServiceProvider.GetRequiredService<CurrentActor>().Actor = await scope.ServiceProvider.GetRequiredService<AccountService>().ActorForAsync(contributor, TokenScopes.Read | TokenScopes.Write);
            var plans = scope.ServiceProvider.GetRequiredService<Observatory.Plans.RecoveryPlans>();
            plan = (await plans.CreateAsync("alpha-council", new Observatory.Plans.PlanInput("ALPHA-PRIVATE-7731 recovery plan", "Not yet agreed", "E08000010", 2025, 2030))).ShouldSucceed().Plan.Id;
            await plans.AddTargetAsync(plan, new Observatory.Plans.TargetInput("claimant-count", null, null, "2030", 2.5, ["place-making/social-equity"])).ShouldSucceed();
            await plans.AddActionAsync(plan, new Observatory.Plans.ActionInput("ALPHA-PRIVATE-7731 action", "", "", [], null, null, null)).ShouldSucceed();
            var gamma = await TestAccounts.OrganisationAsync(_app.Services, "Gamma Council", "E08000001");
            await TestAccounts.MemberAsync(_app.Services, "gamma-viewer@gamma.gov.uk", gamma, Role.Viewer);
            await plans.AddPartnerAsync(plan, "gamma-council").ShouldSucceed();
        }
        var id = plan.ToString(System.Globalization.CultureInfo.InvariantCulture);
        const string Filled = "/plans/alpha-secret-plan";
        var routes = Routes()
            .Where(r => r.Path.StartsWith(Filled, StringComparison.Ordinal) || r.Path.StartsWith("/api" + Filled, StringComparison.Ordinal)
                || r.Path == "/organisations/alpha-council/plans" || r.Path == "/api/organisations/alpha-council/plans")
            .Select(r => (Path: r.Path.Replace(Filled, "/plans/" + id, StringComparison.Ordinal), r.Method, r.Handler))
            .ToList();
        routes.Select(r => r.Path).Distinct().Count().ShouldBeGreaterThanOrEqualTo(10);
        routes.ShouldContain(r => r.Path == $"/api/plans/{id}/partners/gamma-council" && r.Method == "DELETE");
        (await OutsidersTryEveryRouteAsync(routes, """{"title": "Planted", "place": "E08000010", "startYear": 2025, "endYear": 2030, "indicator": "claimant-count", "targetPeriod": "2030", "targetValue": 1, "status": "done", "note": "Planted", "organisation": "beta-council"}""")).ShouldBeEmpty();
        (await _viewer.GetStringAsync($"/plans/{id}")).ShouldContain("ALPHA-PRIVATE-7731", Case.Sensitive, "the owner's viewer sees it: the checks above are not passing for want of content");
        var partnerViewer = await TestAccounts.ClientAsync(_app, "gamma-viewer@gamma.gov.uk");
        (await partnerViewer.GetStringAsync($"/plans/{id}")).ShouldContain("ALPHA-PRIVATE-7731", Case.Sensitive, "the partner's viewer sees it");
        (await _anonymous.GetStringAsync("/areas/E08000010")).ShouldNotContain("ALPHA-PRIVATE-7731");
        await using var check = _app.Services.CreateAsyncScope();
        var store = check.ServiceProvider.GetRequiredService<ObservatoryDbContext>();
        (await store.Set<Observatory.Plans.Plan>().SingleAsync()).State.ShouldBe(WorkflowState.Draft);
        (await store.Set<Observatory.Plans.PlanTarget>().CountAsync()).ShouldBe(1);
        (await store.Set<Observatory.Plans.PlanAction>().SingleAsync()).Status.ShouldBe(Observatory.Plans.ActionStatus.NotStarted);
        (await store.Set<Observatory.Plans.PlanPartner>().SingleAsync()).OrganisationId.ShouldNotBe(0);
        (await store.Set<Observatory.Plans.SocialValueCommitment>().CountAsync()).ShouldBe(0, "no outsider records a social value commitment");
    }

    /// <summary>
    /// Every route of the algorithm register (pages and API, read from the endpoints), filled with Alpha's draft
    /// record: outsiders are told it does not exist (404, or asked to sign in), anonymous visitors included, though
    /// the register is public; Alpha's viewer may read it but not write; nothing anyone outside it tries writes.
    /// </summary>
    [Fact]
    public async Task Another_organisations_draft_algorithm_record_is_not_found_on_any_of_its_routes()
    {
        var id = _algorithmRecordId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        // Routes() fills {id} with the framework's id: a record's routes are those under /registers/algorithms/{id}.
        const string Filled = "/registers/algorithms/alpha-secret-plan";
        var routes = Routes()
            .Where(r => r.Path.StartsWith(Filled, StringComparison.Ordinal) || r.Path.StartsWith("/api" + Filled, StringComparison.Ordinal)
                || r.Path.StartsWith("/organisations/alpha-council/algorithms", StringComparison.Ordinal) || r.Path.StartsWith("/api/organisations/alpha-council/algorithms", StringComparison.Ordinal))
            .Select(r => (Path: r.Path.Replace(Filled, "/registers/algorithms/" + id, StringComparison.Ordinal), r.Method, r.Handler))
            .ToList();
        routes.Select(r => r.Path).Distinct().Count().ShouldBeGreaterThanOrEqualTo(10);
        (await OutsidersTryEveryRouteAsync(routes, """{"title": "Planted record", "description": "planted", "resolution": "planted", "changeNote": "planted"}""")).ShouldBeEmpty();
        (await _viewer.GetStringAsync($"/registers/algorithms/{id}/edit")).ShouldContain("ALPHA-PRIVATE-7731", Case.Sensitive, "the owner's viewer sees it: the checks above are not passing for want of content");
        (await _anonymous.GetStringAsync("/registers/algorithms")).ShouldNotContain("ALPHA-PRIVATE-7731");
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ObservatoryDbContext>();
        (await db.AlgorithmRecords.SingleAsync()).State.ShouldBe(WorkflowState.Draft);
        (await db.AlgorithmProblemReports.CountAsync()).ShouldBe(0);
    }

    /// <summary>
    /// Every route of the applications register (pages and API, read from the endpoints), filled with Alpha's private
    /// entry: outsiders, including another council, are told it does not exist; Alpha's viewer may read it but not
    /// change it; the public sector view neither names nor counts it.
    /// </summary>
    [Fact]
    public async Task Another_organisations_private_application_is_not_found_on_any_of_its_routes()
    {
        var id = _applicationId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        // Routes() fills {id} with the framework's id: an entry's routes are those under /applications/{id}.
        const string Filled = "/applications/alpha-secret-plan";
        var routes = Routes()
            .Where(r => r.Path.StartsWith(Filled, StringComparison.Ordinal) || r.Path.StartsWith("/api" + Filled, StringComparison.Ordinal)
                || r.Path.StartsWith("/organisations/alpha-council/applications", StringComparison.Ordinal) || r.Path.StartsWith("/api/organisations/alpha-council/applications", StringComparison.Ordinal))
            .Select(r => (Path: r.Path.Replace(Filled, "/applications/" + id, StringComparison.Ordinal), r.Method, r.Handler))
            .ToList();
        routes.Select(r => r.Path).Distinct().Count().ShouldBeGreaterThanOrEqualTo(6);
        // The CSV and XLSX exports are the list's route with ?format=: an outsider gets neither file.
        routes.AddRange(new[] { "csv", "xlsx" }.Select(f => ($"/api/organisations/alpha-council/applications?format={f}", "GET", (string?)null)));
        (await OutsidersTryEveryRouteAsync(routes, """{"name": "Planted", "sharing": "published"}""")).ShouldBeEmpty();
        (await _viewer.GetStringAsync($"/applications/{id}")).ShouldContain("ALPHA-PRIVATE-7731", Case.Sensitive, "the owner's viewer sees it: the checks above are not passing for want of content");
        foreach (var client in new[] { _anonymous, _otherOrganisation })
        {
            (await client.GetStringAsync("/registers/applications")).ShouldNotContain("ALPHA-PRIVATE-7731");
            (await client.GetStringAsync("/api/registers/applications")).ShouldNotContain("ALPHA-PRIVATE-7731");
        }
        await using var scope = _app.Services.CreateAsyncScope();
        var entry = await scope.ServiceProvider.GetRequiredService<ObservatoryDbContext>().ApplicationEntries.SingleAsync();
        entry.Sharing.ShouldBe(ApplicationSharing.Private);
        entry.Content.ShouldNotContain("Planted");
    }

    /// <summary>
    /// Every route of Alpha's algorithmic impact assessments (pages and API, read from the endpoints), filled with its
    /// private draft: outsiders are told it does not exist; Alpha's viewer may read it but not change it.
    /// </summary>
    [Fact]
    public async Task Another_organisations_impact_assessment_is_not_found_on_any_of_its_routes()
    {
        var id = _impactAssessmentId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        // Routes() fills {id} with the framework's id: an assessment's routes are those under /impact-assessments/{id}.
        const string Filled = "/impact-assessments/alpha-secret-plan";
        var routes = Routes()
            .Where(r => r.Path.StartsWith(Filled, StringComparison.Ordinal) || r.Path.StartsWith("/api" + Filled, StringComparison.Ordinal)
                || r.Path.StartsWith("/organisations/alpha-council/impact-assessments", StringComparison.Ordinal) || r.Path.StartsWith("/api/organisations/alpha-council/impact-assessments", StringComparison.Ordinal))
            .Select(r => (Path: r.Path.Replace(Filled, "/impact-assessments/" + id, StringComparison.Ordinal), r.Method, r.Handler))
            .ToList();
        routes.Select(r => r.Path).Distinct().Count().ShouldBeGreaterThanOrEqualTo(6);
        (await OutsidersTryEveryRouteAsync(routes, """{"name": "Planted", "answers": {"impact7": "item4-4"}, "data": {"impact7": "item4-4"}}""")).ShouldBeEmpty();
        (await _viewer.GetStringAsync($"/impact-assessments/{id}")).ShouldContain("ALPHA-PRIVATE-7731", Case.Sensitive, "the owner's viewer sees it: the checks above are not passing for want of content");
        await using var scope = _app.Services.CreateAsyncScope();
        var row = await scope.ServiceProvider.GetRequiredService<ObservatoryDbContext>().Set<Observatory.Assessments.AlgorithmicImpact.ImpactAssessmentRecord>().SingleAsync();
        row.State.ShouldBe(WorkflowState.Draft);
        row.Answers.ShouldNotContain("impact7");
        row.Name.ShouldNotContain("Planted");
    }
}
