using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Observatory.Accounts;
using Observatory.Assessments;
using Observatory.Assessments.Surveys;
using Observatory.Auditing;
using Observatory.Storage;
using Observatory.Testing;
using Observatory.Web.Tests.Accounts;

namespace Observatory.Web.Tests.Surveys;

/// <summary>
/// Sector surveys end to end over the API, on a clock the tests move: a site administrator sends the Covid-19 impact
/// survey to councils, they answer it through the ordinary assessment API between its open and close dates, and
/// its results are published with the benchmarks' suppression and written answers only from those who agreed.
/// </summary>
public sealed class SurveysApiTests : IAsyncLifetime
{
    /// <summary>10 January 2027, 10:00 UTC (and UK time): surveys below open that day and close on the 20th.</summary>
    private static readonly DateTimeOffset Start = new(2027, 1, 10, 10, 0, 0, TimeSpan.Zero);

    private static readonly (string Name, string Code)[] Councils =
    [
        ("Wigan Council", "E08000010"), ("Salford City Council", "E08000006"), ("Bolton Council", "E08000001"), ("Bury Council", "E08000002"),
        ("Oldham Council", "E08000004"), ("Rochdale Borough Council", "E08000005"), ("Stockport Council", "E08000007"),
    ];

    private readonly TestClock _clock = new(Start);
    private readonly ClockedAppFactory _app;
    private readonly Dictionary<string, HttpClient> _officers = [];
    private HttpClient _admin = null!;
    private HttpClient _curator = null!;
    private HttpClient _viewer = null!;
    private HttpClient _anonymous = null!;

    public SurveysApiTests() => _app = new ClockedAppFactory(_clock);

    public async Task InitializeAsync()
    {
        await _app.EnsurePreparedAsync();
        foreach (var (name, code) in Councils)
        {
            var organisation = await TestAccounts.OrganisationAsync(_app.Services, name, code);
            var officer = await TestAccounts.MemberAsync(_app.Services, $"officer@{organisation.Slug}.gov.uk", organisation, Role.Contributor);
            _officers[organisation.Slug] = await TestAccounts.TokenClientAsync(_app, officer.Id);
        }
        var wigan = await OrganisationAsync("wigan-council");
        var viewer = await TestAccounts.MemberAsync(_app.Services, "viewer@wigan-council.gov.uk", wigan, Role.Viewer);
        _viewer = await TestAccounts.TokenClientAsync(_app, viewer.Id);
        var admin = await TestAccounts.SiteAdministratorAsync(_app.Services, "admin@socitm.net");
        _admin = await TestAccounts.TokenClientAsync(_app, admin.Id);
        var curator = await TestAccounts.MemberAsync(_app.Services, "curator@socitm.net", await TestAccounts.OrganisationAsync(_app.Services, "Socitm"), Role.Viewer);
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ObservatoryDbContext>();
            (await db.People.SingleAsync(p => p.Id == curator.Id)).IsCurator = true;
            // A person's full name, to be taken out of Wigan's written answers.
            (await db.People.SingleAsync(p => p.Email == "officer@wigan-council.gov.uk")).DisplayName = "Priya Marchetti";
            await db.SaveChangesAsync();
        }
        _curator = await TestAccounts.TokenClientAsync(_app, curator.Id);
        _anonymous = await _app.ClientAsync();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<Organisation> OrganisationAsync(string slug)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ObservatoryDbContext>().Organisations.AsNoTracking().SingleAsync(o => o.Slug == slug);
    }

    private AssessmentTemplate Covid => _app.Services.GetRequiredService<AssessmentCatalogue>().Find("covid-impact-survey")!;

    /// <summary>An open survey of the Covid-19 impact survey sent to the chosen councils, open from today for ten days.</summary>
    private async Task<long> OpenSurveyAsync(IEnumerable<string> slugs, string opensOn = "2027-01-10", string closesOn = "2027-01-20")
    {
        var (created, survey) = await ApiCalls.SendAsync(_admin, HttpMethod.Post, "/api/surveys", new
        {
            title = "Covid-19 Digital and ICT impact survey 2027",
            templateId = "covid-impact-survey",
            period = "2026/27",
            opensOn,
            closesOn,
            audience = "chosen",
            organisations = slugs.ToArray(),
        });
        created.ShouldBe(HttpStatusCode.Created, survey.ToString());
        survey.GetProperty("state").GetString().ShouldBe("draft");
        var id = survey.GetProperty("id").GetInt64();
        var (opened, body) = await ApiCalls.SendAsync(_admin, HttpMethod.Post, $"/api/surveys/{id}/open");
        opened.ShouldBe(HttpStatusCode.OK, body.ToString());
        return id;
    }

    /// <summary>Every question answered: the agreement statements at <paramref name="level"/>, the open questions in <paramref name="words"/>.</summary>
    private Dictionary<string, object> Answers(int level, string words) =>
        Covid.Questions.ToDictionary(q => q.Id, object (q) => q.InWords ? $"{words} ({q.Id})" : level);

    private async Task<long> RespondAsync(string slug, long survey, int level, string words, bool? publishWords, bool submit = true)
    {
        var client = _officers[slug];
        var (status, invitation) = await ApiCalls.SendAsync(client, HttpMethod.Post, $"/api/surveys/{survey}/responses", new { organisation = slug, publishWords });
        status.ShouldBe(HttpStatusCode.OK, invitation.ToString());
        var id = invitation.GetProperty("response").GetInt64();
        var (saved, detail) = await ApiCalls.SendAsync(client, HttpMethod.Put, $"/api/assessments/{id}", new { answers = Answers(level, words) });
        saved.ShouldBe(HttpStatusCode.OK, detail.ToString());
        if (submit)
        {
            var (submitted, after) = await ApiCalls.SendAsync(client, HttpMethod.Post, $"/api/assessments/{id}/submit");
            submitted.ShouldBe(HttpStatusCode.OK, after.ToString());
        }
        return id;
    }

    private async Task CloseAndPublishAsync(long survey)
    {
        (await ApiCalls.SendAsync(_admin, HttpMethod.Post, $"/api/surveys/{survey}/close")).Status.ShouldBe(HttpStatusCode.OK);
        var (published, body) = await ApiCalls.SendAsync(_admin, HttpMethod.Post, $"/api/surveys/{survey}/publish");
        published.ShouldBe(HttpStatusCode.OK, body.ToString());
    }

    [Fact]
    public async Task An_invited_organisation_answers_and_submits_and_after_the_close_date_nothing_more_is_taken()
    {
        var survey = await OpenSurveyAsync(["wigan-council", "salford-city-council"]);

        var (listed, surveys) = await ApiCalls.SendAsync(_officers["wigan-council"], HttpMethod.Get, "/api/surveys");
        listed.ShouldBe(HttpStatusCode.OK);
        var mine = surveys.EnumerateArray().ShouldHaveSingleItem();
        (mine.GetProperty("id").GetInt64(), mine.GetProperty("closesOn").GetString(), mine.GetProperty("takingAnswers").GetBoolean()).ShouldBe((survey, "2027-01-20", true));
        mine.TryGetProperty("progress", out _).ShouldBeFalse("only those who run surveys see how many have answered");

        var wigan = await RespondAsync("wigan-council", survey, 4, "Laptops arrived in a week", publishWords: true);
        var (read, response) = await ApiCalls.SendAsync(_officers["wigan-council"], HttpMethod.Get, $"/api/assessments/{wigan}");
        read.ShouldBe(HttpStatusCode.OK);
        (response.GetProperty("state").GetString(), response.GetProperty("template").GetString(), response.GetProperty("period").GetString()).ShouldBe(("submitted", "covid-impact-survey", "2026/27"));
        // Answering the survey is not the organisation's own assessment of the template for the year: that can still be started.
        (await ApiCalls.SendAsync(_officers["wigan-council"], HttpMethod.Post, "/api/organisations/wigan-council/assessments", new { templateId = "covid-impact-survey", period = "2026/27" }))
            .Status.ShouldBe(HttpStatusCode.Created);
        // Asking again finds the same response rather than starting another.
        var (again, invitation) = await ApiCalls.SendAsync(_officers["wigan-council"], HttpMethod.Post, $"/api/surveys/{survey}/responses", new { organisation = "wigan-council" });
        again.ShouldBe(HttpStatusCode.OK);
        invitation.GetProperty("response").GetInt64().ShouldBe(wigan);

        var salford = await RespondAsync("salford-city-council", survey, 3, "Unfinished", publishWords: false, submit: false);
        var (progressStatus, progress) = await ApiCalls.SendAsync(_curator, HttpMethod.Get, $"/api/surveys/{survey}");
        progressStatus.ShouldBe(HttpStatusCode.OK);
        var counts = progress.GetProperty("progress");
        (counts.GetProperty("invited").GetInt32(), counts.GetProperty("started").GetInt32(), counts.GetProperty("submitted").GetInt32()).ShouldBe((2, 2, 1));
        progress.GetProperty("invitations").GetArrayLength().ShouldBe(0, "a curator is not told which organisation answered");

        _clock.Now = new DateTimeOffset(2027, 1, 20, 23, 30, 0, TimeSpan.Zero);
        (await ApiCalls.SendAsync(_officers["salford-city-council"], HttpMethod.Put, $"/api/assessments/{salford}", new { answers = new Dictionary<string, object> { ["wellbeing-supported"] = 5 } }))
            .Status.ShouldBe(HttpStatusCode.OK, "the close date is the last day answers are taken");
        _clock.Now = new DateTimeOffset(2027, 1, 21, 0, 30, 0, TimeSpan.Zero);
        var (late, problem) = await ApiCalls.SendAsync(_officers["salford-city-council"], HttpMethod.Post, $"/api/assessments/{salford}/submit");
        late.ShouldBe(HttpStatusCode.Conflict);
        problem.GetProperty("detail").GetString().ShouldBe("The survey 'Covid-19 Digital and ICT impact survey 2027' closed on 20 January 2027: responses can no longer be changed or submitted.");
        (await ApiCalls.SendAsync(_officers["salford-city-council"], HttpMethod.Put, $"/api/assessments/{salford}", new { answers = new Dictionary<string, object> { ["wellbeing-supported"] = 1 } }))
            .Status.ShouldBe(HttpStatusCode.Conflict);
        (await ApiCalls.SendAsync(_officers["salford-city-council"], HttpMethod.Post, $"/api/surveys/{survey}/responses", new { organisation = "salford-city-council", publishWords = true }))
            .Status.ShouldBe(HttpStatusCode.Conflict);
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ObservatoryDbContext>();
        (await db.Assessments.SingleAsync(a => a.Id == salford)).State.ShouldBe(WorkflowState.Draft);
        (await db.AssessmentAnswers.SingleAsync(a => a.AssessmentId == salford && a.QuestionId == "wellbeing-supported")).Level.ShouldBe(5);
    }

    [Fact]
    public async Task Before_its_open_date_a_survey_takes_no_answers()
    {
        var survey = await OpenSurveyAsync(["wigan-council"], opensOn: "2027-01-12");
        var (status, problem) = await ApiCalls.SendAsync(_officers["wigan-council"], HttpMethod.Post, $"/api/surveys/{survey}/responses", new { organisation = "wigan-council" });
        status.ShouldBe(HttpStatusCode.Conflict);
        problem.GetProperty("detail").GetString()!.ShouldContain("opens on 12 January 2027");
        _clock.Now = new DateTimeOffset(2027, 1, 12, 8, 0, 0, TimeSpan.Zero);
        await RespondAsync("wigan-council", survey, 4, "On the day", publishWords: null);
    }

    [Fact]
    public async Task An_organisation_the_survey_was_not_sent_to_cannot_see_or_answer_it()
    {
        var survey = await OpenSurveyAsync(["wigan-council"]);
        var stockport = _officers["stockport-council"];
        (await ApiCalls.SendAsync(stockport, HttpMethod.Get, $"/api/surveys/{survey}")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await ApiCalls.SendAsync(stockport, HttpMethod.Get, "/api/surveys")).Body.GetArrayLength().ShouldBe(0);
        (await ApiCalls.SendAsync(stockport, HttpMethod.Post, $"/api/surveys/{survey}/responses", new { organisation = "stockport-council" })).Status.ShouldBe(HttpStatusCode.NotFound);
        (await ApiCalls.SendAsync(stockport, HttpMethod.Post, $"/api/surveys/{survey}/responses", new { organisation = "wigan-council" })).Status.ShouldBe(HttpStatusCode.NotFound, "nor answer for an invited organisation it is not in");
        (await ApiCalls.SendAsync(_anonymous, HttpMethod.Get, $"/api/surveys/{survey}")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await ApiCalls.SendAsync(_viewer, HttpMethod.Post, $"/api/surveys/{survey}/responses", new { organisation = "wigan-council" })).Status.ShouldBe(HttpStatusCode.Forbidden, "a viewer reads but does not answer");
        var wigan = await RespondAsync("wigan-council", survey, 2, "Ours", publishWords: false);
        (await ApiCalls.SendAsync(stockport, HttpMethod.Get, $"/api/assessments/{wigan}")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await ApiCalls.SendAsync(_curator, HttpMethod.Get, $"/api/assessments/{wigan}")).Status.ShouldBe(HttpStatusCode.NotFound, "a curator runs surveys but never reads an organisation's answers");
        await using var scope = _app.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<ObservatoryDbContext>().Assessments.CountAsync(a => a.SurveyId == survey)).ShouldBe(1);
    }

    [Fact]
    public async Task Results_from_4_respondents_are_suppressed_and_from_5_are_published_with_the_response_rate()
    {
        var slugs = Councils.Take(6).Select(c => c.Name.ToLowerInvariant().Replace(' ', '-')).ToList();
        var four = await OpenSurveyAsync(slugs);
        var five = await OpenSurveyAsync(slugs);
        for (var i = 0; i < 5; i++)
        {
            if (i < 4)
            {
                await RespondAsync(slugs[i], four, i + 1, "Words", publishWords: true);
            }
            await RespondAsync(slugs[i], five, i + 1, "Words", publishWords: true);
        }
        // A sixth organisation's unsubmitted draft counts for nothing.
        await RespondAsync(slugs[5], five, 5, "Draft only", publishWords: true, submit: false);

        (await ApiCalls.SendAsync(_anonymous, HttpMethod.Get, $"/api/surveys/{five}/results")).Status.ShouldBe(HttpStatusCode.NotFound, "nothing before publication");
        (await ApiCalls.SendAsync(_admin, HttpMethod.Post, $"/api/surveys/{five}/publish")).Status.ShouldBe(HttpStatusCode.Conflict, "an open survey is closed before its results are published");
        (await ApiCalls.SendAsync(_curator, HttpMethod.Post, $"/api/surveys/{five}/publish")).Status.ShouldBe(HttpStatusCode.Conflict);
        (await ApiCalls.SendAsync(_officers["wigan-council"], HttpMethod.Post, $"/api/surveys/{five}/publish")).Status.ShouldBe(HttpStatusCode.NotFound);
        await CloseAndPublishAsync(four);
        await CloseAndPublishAsync(five);
        (await ApiCalls.SendAsync(_admin, HttpMethod.Post, $"/api/surveys/{five}/publish")).Status.ShouldBe(HttpStatusCode.Conflict, "published results are fixed");

        var (status, suppressed) = await ApiCalls.SendAsync(_anonymous, HttpMethod.Get, $"/api/surveys/{four}/results");
        status.ShouldBe(HttpStatusCode.OK, suppressed.ToString());
        (suppressed.GetProperty("invited").GetInt32(), suppressed.GetProperty("responded").GetInt32()).ShouldBe((6, 4));
        suppressed.GetProperty("suppressed").GetString().ShouldBe("fewer-than-5-contributors");
        suppressed.GetProperty("items").EnumerateArray().ShouldAllBe(i => i.GetProperty("suppressed").GetBoolean());
        suppressed.GetProperty("wordsWithheld").GetBoolean().ShouldBeTrue();
        suppressed.GetProperty("words").GetArrayLength().ShouldBe(0);

        var (shownStatus, shown) = await ApiCalls.SendAsync(_anonymous, HttpMethod.Get, $"/api/surveys/{five}/results");
        shownStatus.ShouldBe(HttpStatusCode.OK);
        (shown.GetProperty("invited").GetInt32(), shown.GetProperty("responded").GetInt32(), shown.GetProperty("contributors").GetInt32()).ShouldBe((6, 5, 5));
        var items = shown.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("id").GetString()!);
        // Levels 1 to 5, one organisation each: the median 3, the quartiles 2 and 4.
        var wellbeing = items["wellbeing-supported"];
        (wellbeing.GetProperty("count").GetInt32(), wellbeing.GetProperty("median").GetDouble(), wellbeing.GetProperty("lowerQuartile").GetDouble(), wellbeing.GetProperty("upperQuartile").GetDouble())
            .ShouldBe((5, 3.0, 2.0, 4.0));
        items["health-and-wellbeing"].GetProperty("median").GetDouble().ShouldBe(3.0, "a section's level is its lowest scored answer; the question answered in words does not pull it to 0");
        items.ContainsKey("wellbeing-words").ShouldBeFalse("questions answered in words have no figures");
        shown.GetProperty("words").EnumerateArray().Single(w => w.GetProperty("question").GetString() == "wellbeing-words").GetProperty("answers").GetArrayLength().ShouldBe(5);

        using var csv = await _anonymous.GetAsync($"/api/surveys/{five}/results.csv");
        csv.StatusCode.ShouldBe(HttpStatusCode.OK);
        csv.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var lines = (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldBe("survey,group,item,kind,count,median,lower_quartile,upper_quartile,suppressed,reason");
        lines.ShouldContain($"{five},all,wellbeing-supported,question,5,3,2,4,false,");

        var (listStatus, list) = await ApiCalls.SendAsync(_anonymous, HttpMethod.Get, "/api/surveys");
        listStatus.ShouldBe(HttpStatusCode.OK);
        list.EnumerateArray().Select(s => s.GetProperty("id").GetInt64()).Order().ShouldBe([four, five]);
    }

    [Fact]
    public async Task Written_answers_are_published_only_from_those_who_agreed_and_without_names()
    {
        var slugs = Councils.Take(5).Select(c => c.Name.ToLowerInvariant().Replace(' ', '-')).ToList();
        var survey = await OpenSurveyAsync(slugs);
        await RespondAsync("wigan-council", survey, 4, "Wigan Council moved 300 staff home; Priya Marchetti ran the help desk in wigan town centre", publishWords: true);
        await RespondAsync("salford-city-council", survey, 3, "SALFORD-DID-NOT-AGREE-4411", publishWords: false);
        await RespondAsync("bolton-council", survey, 3, "BOLTON-NEVER-ASKED-9902", publishWords: null);
        // Bury agreed, then changed its mind before the close date.
        await RespondAsync("bury-council", survey, 2, "BURY-WITHDREW-5150", publishWords: true);
        (await ApiCalls.SendAsync(_officers["bury-council"], HttpMethod.Post, $"/api/surveys/{survey}/responses", new { organisation = "bury-council", publishWords = false })).Status.ShouldBe(HttpStatusCode.OK);
        await RespondAsync("oldham-council", survey, 5, "Oldham shared data with the NHS", publishWords: true);
        await CloseAndPublishAsync(survey);

        using var response = await _anonymous.GetAsync($"/api/surveys/{survey}/results");
        var text = await response.Content.ReadAsStringAsync();
        foreach (var secret in new[] { "SALFORD-DID-NOT-AGREE-4411", "BOLTON-NEVER-ASKED-9902", "BURY-WITHDREW-5150", "Priya", "Marchetti", "Wigan", "Oldham" })
        {
            text.ShouldNotContain(secret, Case.Insensitive);
        }
        var results = JsonDocument.Parse(text).RootElement;
        results.GetProperty("wordsNote").GetString()!.ShouldContain("edited to remove names");
        var lessons = results.GetProperty("words").EnumerateArray().Single(w => w.GetProperty("question").GetString() == "leadership-lessons")
            .GetProperty("answers").EnumerateArray().Select(a => a.GetString()).ToList();
        lessons.ShouldBe([
            "[area] shared data with the NHS (leadership-lessons)",
            "[organisation] moved 300 staff home; [name] ran the help desk in [area] town centre (leadership-lessons)",
        ]);
    }

    [Fact]
    public async Task Only_site_administrators_and_curators_run_surveys_and_bad_input_is_named_field_by_field()
    {
        var survey = new { title = "Digital maturity round", templateId = "digital-maturity", period = "2026/27", opensOn = "2027-01-10", closesOn = "2027-02-10", audience = "type-metropolitan-district" };
        (await ApiCalls.SendAsync(_officers["wigan-council"], HttpMethod.Post, "/api/surveys", survey)).Status.ShouldBe(HttpStatusCode.Forbidden);
        (await ApiCalls.SendAsync(_anonymous, HttpMethod.Post, "/api/surveys", survey)).Status.ShouldBeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.Unauthorized);
        var (created, body) = await ApiCalls.SendAsync(_curator, HttpMethod.Post, "/api/surveys", survey);
        created.ShouldBe(HttpStatusCode.Created, body.ToString());
        (body.GetProperty("audienceName").GetString(), body.GetProperty("progress").GetProperty("invited").GetInt32())
            .ShouldBe(("Metropolitan districts", 7), "a peer group sends it to every organisation in it: the seven Greater Manchester councils are metropolitan districts");
        var id = body.GetProperty("id").GetInt64();
        (await ApiCalls.SendAsync(_officers["wigan-council"], HttpMethod.Get, $"/api/surveys/{id}")).Status.ShouldBe(HttpStatusCode.NotFound, "a draft is not shown to those it will go to");

        var (bad, problem) = await ApiCalls.SendAsync(_admin, HttpMethod.Post, "/api/surveys", new
        {
            title = "",
            templateId = "no-such-template",
            period = "2026/27;drop",
            opensOn = "2027-02-30",
            closesOn = "2027-01-09",
            audience = "chosen",
            organisations = new[] { "wigan-council", "nowhere-council" },
        });
        bad.ShouldBe(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order().ShouldBe(["closesOn", "opensOn", "organisations", "period", "templateId", "title"]);
        problem.GetProperty("errors").GetProperty("organisations")[0].GetString()!.ShouldContain("nowhere-council");
        await using var scope = _app.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<ObservatoryDbContext>().Surveys.CountAsync()).ShouldBe(1);
        var entries = await scope.ServiceProvider.GetRequiredService<ObservatoryDbContext>().AuditEntries.Where(e => e.EntityType == "Survey").ToListAsync();
        entries.ShouldHaveSingleItem().ActorName.ShouldBe("curator");
    }
}
