using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Observatory.Accounts;
using Observatory.Assessments;
using Observatory.Storage;
using Observatory.Testing;

namespace Observatory.Web.Tests.Assessments;

/// <summary>
/// The first write API: an organisation's assessments with personal access tokens. A token reaches only its
/// person's organisations, writes only with the write scope, and someone outside the organisation is answered 404.
/// </summary>
public sealed class OrganisationAssessmentsApiTests : IAsyncLifetime
{
    private readonly ObservatoryAppFactory _app = new();
    private HttpClient _writer = null!;
    private HttpClient _reader = null!;
    private HttpClient _viewer = null!;
    private HttpClient _outsider = null!;
    private HttpClient _anonymous = null!;

    public async Task InitializeAsync()
    {
        await _app.EnsurePreparedAsync();
        var wigan = await TestAccounts.OrganisationAsync(_app.Services, "Wigan Council", "E08000010");
        var salford = await TestAccounts.OrganisationAsync(_app.Services, "Salford City Council", "E08000006");
        var officer = await TestAccounts.MemberAsync(_app.Services, "officer@wigan.gov.uk", wigan, Role.Contributor);
        var viewer = await TestAccounts.MemberAsync(_app.Services, "viewer@wigan.gov.uk", wigan, Role.Viewer);
        var outsider = await TestAccounts.MemberAsync(_app.Services, "admin@salford.gov.uk", salford, Role.OrganisationAdmin);
        _writer = await TestAccounts.TokenClientAsync(_app, officer, TokenScopes.Read | TokenScopes.Write);
        _reader = await TestAccounts.TokenClientAsync(_app, officer, TokenScopes.Read);
        _viewer = await TestAccounts.TokenClientAsync(_app, viewer, TokenScopes.Read | TokenScopes.Write);
        _outsider = await TestAccounts.TokenClientAsync(_app, outsider, TokenScopes.Read | TokenScopes.Write);
        _anonymous = await _app.ClientAsync();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private AssessmentTemplate DigitalMaturity => _app.Services.GetRequiredService<AssessmentCatalogue>().Find("digital-maturity")!;

    private async Task<long> StartAsync(string period = "2026/27")
    {
        var (status, body) = await ApiCalls.SendAsync(_writer, HttpMethod.Post, "/api/organisations/wigan-council/assessments", new { templateId = "digital-maturity", period });
        status.ShouldBe(HttpStatusCode.Created, body.ToString());
        return body.GetProperty("id").GetInt64();
    }

    private async Task<int> AnswerCountAsync()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ObservatoryDbContext>().AssessmentAnswers.CountAsync();
    }

    [Fact]
    public async Task A_script_with_a_write_token_starts_answers_submits_and_opts_into_benchmarking()
    {
        using var created = await _writer.PostAsJsonAsync("/api/organisations/wigan-council/assessments", new { templateId = "digital-maturity", period = "2026/27" });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        created.Headers.Location!.ToString().ShouldBe($"/api/assessments/{id}");

        var answers = DigitalMaturity.Questions.ToDictionary(q => q.Id, object (q) => q.Id == "data-use" ? 2 : "Developing");
        answers["connectivity-coverage"] = new { answer = 3, evidence = new[] { "https://www.wigan.gov.uk/digital" }, note = "Strategy adopted", confidence = "high", method = "peer", target = 5, action = "Close the not-spots" };
        var (saved, detail) = await ApiCalls.SendAsync(_writer, HttpMethod.Put, $"/api/assessments/{id}", new { answers });
        saved.ShouldBe(HttpStatusCode.OK, detail.ToString());
        detail.GetProperty("answered").GetInt32().ShouldBe(DigitalMaturity.QuestionCount);
        detail.GetProperty("unanswered").GetArrayLength().ShouldBe(0);
        var coverage = detail.GetProperty("answers").GetProperty("connectivity-coverage");
        coverage.GetProperty("answer").GetInt32().ShouldBe(3);
        coverage.GetProperty("evidence")[0].GetString().ShouldBe("https://www.wigan.gov.uk/digital");
        (coverage.GetProperty("confidence").GetString(), coverage.GetProperty("method").GetString(), coverage.GetProperty("target").GetInt32()).ShouldBe(("high", "peer", 5));
        detail.GetProperty("answers").GetProperty("value-spend").GetProperty("answer").GetInt32().ShouldBe(4);

        var (read, again) = await ApiCalls.SendAsync(_reader, HttpMethod.Get, $"/api/assessments/{id}");
        read.ShouldBe(HttpStatusCode.OK);
        (again.GetProperty("state").GetString(), again.GetProperty("visibility").GetString(), again.GetProperty("organisation").GetString()).ShouldBe(("draft", "private", "wigan-council"));

        (await ApiCalls.SendAsync(_writer, HttpMethod.Post, $"/api/assessments/{id}/benchmarking", new { optIn = true })).Status.ShouldBe(HttpStatusCode.Conflict);
        var (submitted, afterSubmit) = await ApiCalls.SendAsync(_writer, HttpMethod.Post, $"/api/assessments/{id}/submit");
        submitted.ShouldBe(HttpStatusCode.OK);
        afterSubmit.GetProperty("state").GetString().ShouldBe("submitted");
        (await ApiCalls.SendAsync(_writer, HttpMethod.Post, $"/api/assessments/{id}/submit")).Status.ShouldBe(HttpStatusCode.Conflict);
        (await ApiCalls.SendAsync(_writer, HttpMethod.Put, $"/api/assessments/{id}", new { answers = new { data_use = 5 } })).Status.ShouldBe(HttpStatusCode.Conflict);
        (await ApiCalls.SendAsync(_writer, HttpMethod.Post, $"/api/assessments/{id}/benchmarking", new { })).Status.ShouldBe(HttpStatusCode.BadRequest);
        var (optedIn, benchmarked) = await ApiCalls.SendAsync(_writer, HttpMethod.Post, $"/api/assessments/{id}/benchmarking", new { optIn = true });
        optedIn.ShouldBe(HttpStatusCode.OK);
        benchmarked.GetProperty("benchmarking").GetBoolean().ShouldBeTrue();

        var (listed, list) = await ApiCalls.SendAsync(_viewer, HttpMethod.Get, "/api/organisations/wigan-council/assessments");
        listed.ShouldBe(HttpStatusCode.OK);
        var row = list.EnumerateArray().ShouldHaveSingleItem();
        (row.GetProperty("id").GetInt64(), row.GetProperty("period").GetString(), row.GetProperty("state").GetString(), row.GetProperty("answered").GetInt32())
            .ShouldBe((id, "2026/27", "submitted", DigitalMaturity.QuestionCount));
        (await ApiCalls.SendAsync(_writer, HttpMethod.Post, "/api/organisations/wigan-council/assessments", new { templateId = "digital-maturity", period = "2026/27" })).Status.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Bad_answers_are_one_400_naming_each_question_and_nothing_is_saved()
    {
        var id = await StartAsync();

        var (status, problem) = await ApiCalls.SendAsync(_writer, HttpMethod.Put, $"/api/assessments/{id}", new Dictionary<string, object>
        {
            ["answers"] = new Dictionary<string, object?>
            {
                ["data-use"] = 3,
                ["no-such-question"] = 3,
                ["connectivity-coverage"] = 6,
                ["data-standards"] = 2.5,
                ["value-spend"] = new { answer = 2, evidence = new[] { "not a link" } },
                ["ethics-oversight"] = new { answer = 2, confidance = "high" },
                ["leadership-strategy"] = new { answer = 2, note = new[] { "a list" } },
            },
        });

        status.ShouldBe(HttpStatusCode.BadRequest, problem.ToString());
        var errors = problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order().ToList();
        errors.ShouldBe(["answers.ethics-oversight.confidance", "answers.leadership-strategy.note"], "the shape is refused first, naming the question and field");

        (status, problem) = await ApiCalls.SendAsync(_writer, HttpMethod.Put, $"/api/assessments/{id}", new Dictionary<string, object>
        {
            ["answers"] = new Dictionary<string, object?>
            {
                ["data-use"] = 3,
                ["no-such-question"] = 3,
                ["connectivity-coverage"] = 6,
                ["data-standards"] = 2.5,
                ["value-spend"] = new { answer = 2, evidence = new[] { "not a link" } },
            },
        });
        status.ShouldBe(HttpStatusCode.BadRequest, problem.ToString());
        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order()
            .ShouldBe(["answers.connectivity-coverage", "answers.data-standards", "answers.no-such-question", "answers.value-spend.evidence"]);
        problem.GetProperty("errors").GetProperty("answers.data-standards")[0].GetString().ShouldNotBeNull().ShouldContain("'2.5' is not on the scale");
        (await AnswerCountAsync()).ShouldBe(0);

        using var malformed = await _writer.PutAsync($"/api/assessments/{id}", new StringContent("{\"answers\": {", System.Text.Encoding.UTF8, "application/json"));
        malformed.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await AnswerCountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task Submitting_with_questions_unanswered_is_a_400_naming_them()
    {
        var id = await StartAsync();
        var answers = DigitalMaturity.Questions.Where(q => q.Id != "security-risk").ToDictionary(q => q.Id, _ => 3);
        (await ApiCalls.SendAsync(_writer, HttpMethod.Put, $"/api/assessments/{id}", new { answers })).Status.ShouldBe(HttpStatusCode.OK);

        var (status, problem) = await ApiCalls.SendAsync(_writer, HttpMethod.Post, $"/api/assessments/{id}/submit");

        status.ShouldBe(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["answers.security-risk"]);
        (await ApiCalls.SendAsync(_reader, HttpMethod.Get, $"/api/assessments/{id}")).Body.GetProperty("state").GetString().ShouldBe("draft");
    }

    [Fact]
    public async Task A_read_only_token_cannot_write_and_another_organisation_is_told_nothing()
    {
        var id = await StartAsync();
        (await ApiCalls.SendAsync(_writer, HttpMethod.Put, $"/api/assessments/{id}", new { answers = new Dictionary<string, object> { ["data-use"] = new { answer = 3, note = "WIGAN-PRIVATE-NOTE" } } })).Status.ShouldBe(HttpStatusCode.OK);
        var writes = new (HttpMethod Method, string Url, object? Body)[]
        {
            (HttpMethod.Post, "/api/organisations/wigan-council/assessments", new { templateId = "digital-maturity", period = "2030/31" }),
            (HttpMethod.Put, $"/api/assessments/{id}", new { answers = new Dictionary<string, object> { ["data-use"] = 5 } }),
            (HttpMethod.Post, $"/api/assessments/{id}/submit", null),
            (HttpMethod.Post, $"/api/assessments/{id}/benchmarking", new { optIn = true }),
        };
        var reads = new[] { $"/api/assessments/{id}", "/api/organisations/wigan-council/assessments" };

        foreach (var (method, url, body) in writes)
        {
            (await ApiCalls.SendAsync(_reader, method, url, body)).Status.ShouldBe(HttpStatusCode.Forbidden, $"{method} {url} with a read-only token");
            (await ApiCalls.SendAsync(_viewer, method, url, body)).Status.ShouldBe(HttpStatusCode.Forbidden, $"{method} {url} by a viewer");
            foreach (var (who, client) in new[] { ("another organisation", _outsider), ("anonymous", _anonymous) })
            {
                var (status, answer) = await ApiCalls.SendAsync(client, method, url, body);
                status.ShouldBe(HttpStatusCode.NotFound, $"{method} {url} by {who}");
                answer.ToString().ShouldNotContain("WIGAN-PRIVATE-NOTE");
            }
        }
        foreach (var url in reads)
        {
            (await ApiCalls.SendAsync(_reader, HttpMethod.Get, url)).Status.ShouldBe(HttpStatusCode.OK);
            foreach (var client in new[] { _outsider, _anonymous })
            {
                var (status, answer) = await ApiCalls.SendAsync(client, HttpMethod.Get, url);
                status.ShouldBe(HttpStatusCode.NotFound, url);
                answer.ToString().ShouldNotContain("WIGAN-PRIVATE-NOTE");
            }
        }
        var (_, detail) = await ApiCalls.SendAsync(_reader, HttpMethod.Get, $"/api/assessments/{id}");
        detail.GetProperty("answers").GetProperty("data-use").GetProperty("answer").GetInt32().ShouldBe(3);
        detail.GetProperty("state").GetString().ShouldBe("draft");
        (await ApiCalls.SendAsync(_reader, HttpMethod.Get, "/api/organisations/wigan-council/assessments")).Body.GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task The_routes_are_in_the_openapi_document()
    {
        var document = await _anonymous.GetStringAsync("/openapi/v1.json");
        foreach (var route in new[] { "/api/organisations/{slug}/assessments", "/api/assessments/{id}", "/api/assessments/{id}/submit", "/api/assessments/{id}/benchmarking" })
        {
            document.ShouldContain($"\"{route}\"");
        }
    }

    [Fact]
    public async Task A_signed_in_browser_writes_only_with_json_which_another_sites_form_cannot_send()
    {
        var browser = await TestAccounts.ClientAsync(_app, "officer@wigan.gov.uk");
        var id = await StartAsync();
        var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["optIn"] = "true", ["templateId"] = "digital-maturity", ["period"] = "2031/32" });

        foreach (var url in new[] { $"/api/assessments/{id}/submit", $"/api/assessments/{id}/benchmarking", "/api/organisations/wigan-council/assessments" })
        {
            using var forged = await browser.PostAsync(url, form);
            forged.StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType, url);
        }
        using var put = await browser.PutAsync($"/api/assessments/{id}", form);
        put.StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        (await ApiCalls.SendAsync(_reader, HttpMethod.Get, $"/api/assessments/{id}")).Body.GetProperty("state").GetString().ShouldBe("draft");
        (await ApiCalls.SendAsync(_reader, HttpMethod.Get, "/api/organisations/wigan-council/assessments")).Body.GetArrayLength().ShouldBe(1);

        var (status, problem) = await ApiCalls.SendAsync(browser, HttpMethod.Post, $"/api/assessments/{id}/submit", new { });
        status.ShouldBe(HttpStatusCode.BadRequest, "with JSON the browser reaches the service, which names the unanswered questions");
        problem.GetProperty("errors").EnumerateObject().Count().ShouldBe(DigitalMaturity.QuestionCount);
    }

    [Fact]
    public async Task Five_councils_opted_in_are_published_as_a_benchmark_and_a_draft_or_a_council_that_did_not_opt_in_is_not_counted()
    {
        // Wigan and four more metropolitan districts answer, submit and opt in; Oldham submits without opting in and
        // Bury leaves a draft. data-use is answered 1 to 5 across the five, every other question "Developing" (4).
        var councils = new (string Name, string Code)[] { ("Bolton Council", "E08000001"), ("Manchester City Council", "E08000003"), ("Rochdale Borough Council", "E08000005"), ("Stockport Council", "E08000007"), ("Oldham Council", "E08000004"), ("Bury Council", "E08000002") };
        var writers = new List<(string Slug, HttpClient Client)> { ("wigan-council", _writer) };
        foreach (var (name, code) in councils)
        {
            var organisation = await TestAccounts.OrganisationAsync(_app.Services, name, code);
            var member = await TestAccounts.MemberAsync(_app.Services, $"officer@{organisation.Slug}.example", organisation, Role.Contributor);
            writers.Add((organisation.Slug, await TestAccounts.TokenClientAsync(_app, member, TokenScopes.Read | TokenScopes.Write)));
        }
        for (var i = 0; i < writers.Count; i++)
        {
            var (slug, client) = writers[i];
            var (started, created) = await ApiCalls.SendAsync(client, HttpMethod.Post, $"/api/organisations/{slug}/assessments", new { templateId = "digital-maturity", period = "2026/27" });
            started.ShouldBe(HttpStatusCode.Created, created.ToString());
            var id = created.GetProperty("id").GetInt64();
            var answers = DigitalMaturity.Questions.ToDictionary(q => q.Id, object (q) => q.Id == "data-use" ? (i % 5) + 1 : "Developing");
            (await ApiCalls.SendAsync(client, HttpMethod.Put, $"/api/assessments/{id}", new { answers })).Status.ShouldBe(HttpStatusCode.OK);
            if (i < 6)
            {
                (await ApiCalls.SendAsync(client, HttpMethod.Post, $"/api/assessments/{id}/submit")).Status.ShouldBe(HttpStatusCode.OK);
            }
            if (i < 5)
            {
                (await ApiCalls.SendAsync(client, HttpMethod.Post, $"/api/assessments/{id}/benchmarking", new { optIn = true })).Status.ShouldBe(HttpStatusCode.OK);
            }
        }

        await using (var scope = _app.Services.CreateAsyncScope())
        {
            (await scope.ServiceProvider.GetRequiredService<Observatory.Assessments.Benchmarking.BenchmarkReleases>().PublishAsync("digital-maturity", "2026/27")).ShouldSucceed();
        }

        var (status, all) = await ApiCalls.SendAsync(_anonymous, HttpMethod.Get, "/api/benchmarks/digital-maturity?period=2026/27&group=all");
        status.ShouldBe(HttpStatusCode.OK, all.ToString());
        all.GetProperty("contributors").GetInt32().ShouldBe(5);
        var dataUse = all.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetString() == "data-use");
        (dataUse.GetProperty("count").GetInt32(), dataUse.GetProperty("median").GetDouble(), dataUse.GetProperty("lowerQuartile").GetDouble(), dataUse.GetProperty("upperQuartile").GetDouble())
            .ShouldBe((5, 3.0, 2.0, 4.0));
        all.ToString().ShouldNotContain("wigan", Case.Insensitive);
    }
}
