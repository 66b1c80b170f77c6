using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Observatory.Accounts;
using Observatory.Assessments;
using Observatory.Assessments.Benchmarking;
using Observatory.Testing;

namespace Observatory.Web.Tests.Assessments;

/// <summary>
/// Questions answered in words beside scored ones (the Covid-19 impact survey asks one in each section, on the
/// agreement scale) are never needed to submit and never score: an organisation assessing itself against the
/// template submits with them blank, and each section's level is the one its scored questions alone give — in the
/// results and in the anonymised benchmark.
/// </summary>
public sealed class FreeTextQuestionsTests : IAsyncLifetime
{
    private const string TemplateId = "covid-impact-survey";
    private const string Period = "2026/27";

    private static readonly (string Name, string Code)[] Councils =
    [
        ("Wigan Council", "E08000010"), ("Salford City Council", "E08000006"), ("Bolton Council", "E08000001"), ("Bury Council", "E08000002"), ("Oldham Council", "E08000004"),
    ];

    private readonly ObservatoryAppFactory _app = new();
    private readonly List<(string Slug, HttpClient Client)> _officers = [];

    public async Task InitializeAsync()
    {
        await _app.EnsurePreparedAsync();
        foreach (var (name, code) in Councils)
        {
            var organisation = await TestAccounts.OrganisationAsync(_app.Services, name, code);
            var officer = await TestAccounts.MemberAsync(_app.Services, $"officer@{organisation.Slug}.gov.uk", organisation, Role.Contributor);
            await using var scope = _app.Services.CreateAsyncScope();
            var (_, secret) = await scope.ServiceProvider.GetRequiredService<AccountService>().CreateTokenAsync(officer.Id, "script", TokenScopes.Read | TokenScopes.Write, 30).ShouldSucceed();
            var client = await _app.ClientAsync();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
            _officers.Add((organisation.Slug, client));
        }
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private AssessmentTemplate Template => _app.Services.GetRequiredService<AssessmentCatalogue>().Find(TemplateId)!;

    /// <summary>Starts an assessment of the template, answers every scored question at <paramref name="level"/> (one at <paramref name="low"/>) and leaves the words blank.</summary>
    private async Task<long> AnswerScoredOnlyAsync(HttpClient client, string slug, int level, int low)
    {
        var (started, created) = await ApiCalls.SendAsync(client, HttpMethod.Post, $"/api/organisations/{slug}/assessments", new { templateId = TemplateId, period = Period });
        started.ShouldBe(HttpStatusCode.Created, created.ToString());
        var id = created.GetProperty("id").GetInt64();
        var answers = Template.Questions.Where(q => !q.InWords).ToDictionary(q => q.Id, q => q.Id == "staff-had-skills" ? low : level);
        var (saved, detail) = await ApiCalls.SendAsync(client, HttpMethod.Put, $"/api/assessments/{id}", new { answers });
        saved.ShouldBe(HttpStatusCode.OK, detail.ToString());
        return id;
    }

    [Fact]
    public async Task A_template_mixing_scored_questions_with_words_submits_with_the_words_blank()
    {
        var template = Template;
        template.Questions.Count(q => q.InWords).ShouldBeGreaterThan(0);
        template.Questions.Count(q => !q.InWords).ShouldBeGreaterThan(0);
        var (slug, client) = _officers[0];
        var id = await AnswerScoredOnlyAsync(client, slug, 4, 2);

        var (read, detail) = await ApiCalls.SendAsync(client, HttpMethod.Get, $"/api/assessments/{id}");
        read.ShouldBe(HttpStatusCode.OK);
        detail.GetProperty("unanswered").GetArrayLength().ShouldBe(0);
        var (submitted, body) = await ApiCalls.SendAsync(client, HttpMethod.Post, $"/api/assessments/{id}/submit");
        submitted.ShouldBe(HttpStatusCode.OK, body.ToString());
        body.GetProperty("state").GetString().ShouldBe("submitted");
    }

    [Fact]
    public async Task A_scored_question_left_blank_still_stops_a_submission()
    {
        var (slug, client) = _officers[1];
        var id = await AnswerScoredOnlyAsync(client, slug, 4, 2);
        (await ApiCalls.SendAsync(client, HttpMethod.Put, $"/api/assessments/{id}", new { answers = new Dictionary<string, object?> { ["staff-had-skills"] = null } })).Status.ShouldBe(HttpStatusCode.OK);

        var (submitted, problem) = await ApiCalls.SendAsync(client, HttpMethod.Post, $"/api/assessments/{id}/submit");
        submitted.ShouldBe(HttpStatusCode.BadRequest);
        problem.ToString().ShouldContain("staff-had-skills");
        problem.ToString().ShouldNotContain("leadership-lessons");
    }

    [Fact]
    public async Task A_section_s_level_is_the_one_its_scored_questions_give_in_results_and_benchmarks()
    {
        // Organisation i answers every scored question at 5 but one of leadership and skills at i + 1: that section's
        // level for them is i + 1 — with the words question left blank counted, it would be 0 for all.
        var ids = new List<long>();
        for (var i = 0; i < _officers.Count; i++)
        {
            var (slug, client) = _officers[i];
            var id = await AnswerScoredOnlyAsync(client, slug, 5, i + 1);
            (await ApiCalls.SendAsync(client, HttpMethod.Post, $"/api/assessments/{id}/submit")).Status.ShouldBe(HttpStatusCode.OK);
            (await ApiCalls.SendAsync(client, HttpMethod.Post, $"/api/assessments/{id}/benchmarking", new { optIn = true })).Status.ShouldBe(HttpStatusCode.OK);
            ids.Add(id);
        }

        // The same answers scored without the words questions at all.
        var anonymous = await _app.ClientAsync();
        var scoredOnly = Template.Questions.Where(q => !q.InWords).ToDictionary(q => q.Id, q => q.Id == "staff-had-skills" ? 2 : 5);
        var (scored, score) = await ApiCalls.SendAsync(anonymous, HttpMethod.Post, $"/api/assessment-templates/{TemplateId}/score", new { answers = scoredOnly });
        scored.ShouldBe(HttpStatusCode.OK, score.ToString());
        var leadership = score.GetProperty("topics").EnumerateArray().Single(t => t.GetProperty("id").GetString() == "leadership-and-skills");
        leadership.GetProperty("weakestLink").GetInt32().ShouldBe(2);

        await using (var scope = _app.Services.CreateAsyncScope())
        {
            (await scope.ServiceProvider.GetRequiredService<BenchmarkReleases>().PublishAsync(TemplateId, Period)).ShouldSucceed();
        }
        var (got, benchmark) = await ApiCalls.SendAsync(anonymous, HttpMethod.Get, $"/api/benchmarks/{TemplateId}?period=2026/27");
        got.ShouldBe(HttpStatusCode.OK, benchmark.ToString());
        benchmark.GetProperty("contributors").GetInt32().ShouldBe(5);
        var items = benchmark.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("id").GetString()!);
        // Section levels 1, 2, 3, 4, 5: median 3, quartiles 2 and 4; every other section is at 5 for everyone.
        (items["leadership-and-skills"].GetProperty("median").GetDouble(), items["leadership-and-skills"].GetProperty("lowerQuartile").GetDouble(),
            items["leadership-and-skills"].GetProperty("upperQuartile").GetDouble()).ShouldBe((3.0, 2.0, 4.0));
        items["health-and-wellbeing"].GetProperty("median").GetDouble().ShouldBe(5.0);
        // The words questions place nothing on the scale, so they are no item of the benchmark.
        foreach (var words in Template.Questions.Where(q => q.InWords))
        {
            items.ShouldNotContainKey(words.Id);
        }
    }
}
