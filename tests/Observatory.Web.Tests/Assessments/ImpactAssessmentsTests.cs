using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Observatory.Accounts;
using Observatory.Auditing;
using Observatory.Storage;
using Observatory.Testing;

namespace Observatory.Web.Tests.Assessments;

/// <summary>
/// Organisations' own algorithmic impact assessments end to end over HTTP on a real SQLite file: Alpha Council's
/// contributor starts one, saves answers over the API and on the page, imports a file saved from Canada's tool and
/// completes it; the stored score is the stateless endpoint's; Beta Council is told none of it exists.
/// </summary>
public sealed class ImpactAssessmentsTests : IAsyncLifetime
{
    private const string ScoreUrl = "/api/assessment-templates/algorithmic-impact/score";

    /// <summary>
    /// A file as Canada's tool saves it, with project details in words and a department (unscored); worked by hand in
    /// AlgorithmicImpactApiTests: raw 28, mitigation 6 (under 61.6), current 28, level I.
    /// </summary>
    private const string SavedFile = """
        {"currentPage":12,"data":{"projectDetailsTitle":"Blue badge eligibility triage","projectDetailsDescription":"Sorts applications for review.",
         "projectDetailsDepartment-NS":"001","projectDetailsPhase":"item1","businessDrivers1":["item1","item4"],
         "riskProfile1":"item1-3","riskProfile2":"item1-3","riskProfile3":"item1-1","aboutSystem5":"item3-2","aboutSystem11":"item4-4",
         "impact6":"item4-4","impact9":"item3-3","aboutDataSource14":["item4-3","item5-3"],"businessDrivers5":"item1-2",
         "consultationDesign1":"item1-2","consultationDesign6":"item1-3","dataQualityDesign5":"item3-1"}}
        """;

    private readonly ObservatoryAppFactory _app = new();
    private HttpClient _contributor = null!;
    private HttpClient _viewer = null!;
    private HttpClient _beta = null!;
    private HttpClient _anonymous = null!;

    public async Task InitializeAsync()
    {
        await _app.EnsurePreparedAsync();
        var alpha = await TestAccounts.OrganisationAsync(_app.Services, "Alpha Council", "E08000010");
        var beta = await TestAccounts.OrganisationAsync(_app.Services, "Beta Council", "E08000006");
        _contributor = await TestAccounts.TokenClientAsync(_app, await TestAccounts.MemberAsync(_app.Services, "officer@alpha.gov.uk", alpha, Role.Contributor));
        _viewer = await TestAccounts.TokenClientAsync(_app, await TestAccounts.MemberAsync(_app.Services, "viewer@alpha.gov.uk", alpha, Role.Viewer));
        _beta = await TestAccounts.TokenClientAsync(_app, await TestAccounts.MemberAsync(_app.Services, "officer@beta.gov.uk", beta, Role.OrganisationAdmin));
        _anonymous = await _app.ClientAsync();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static async Task<(HttpStatusCode Status, JsonElement Body)> Send(HttpClient client, HttpMethod method, string url, string? json = null)
    {
        using var request = new HttpRequestMessage(method, url) { Content = json is null ? null : new StringContent(json, Encoding.UTF8, "application/json") };
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    private async Task<long> StartAsync(string name)
    {
        var (status, body) = await Send(_contributor, HttpMethod.Post, "/api/organisations/alpha-council/impact-assessments", JsonSerializer.Serialize(new { name }));
        status.ShouldBe(HttpStatusCode.Created, body.ToString());
        body.GetProperty("state").GetString().ShouldBe("draft");
        return body.GetProperty("id").GetInt64();
    }

    private static readonly string[] ScoreFields = ["rawScore", "maxRawScore", "mitigationScore", "maxMitigationScore", "currentScore", "impactLevel", "impactLevelName", "reduced", "mitigationThreshold", "levelBounds", "obligations"];

    [Fact]
    public async Task Answers_saved_over_the_API_are_scored_as_the_stateless_endpoint_scores_them_and_kept_once_completed()
    {
        var id = await StartAsync("Housing repairs triage");
        // Enough mitigation to take 15 % off: the impact drop-downs at their highest, and every design-branch
        // mitigation question at its highest, read from the questionnaire itself.
        var template = (await Send(_anonymous, HttpMethod.Get, "/api/assessment-templates/algorithmic-impact")).Body;
        var answers = new Dictionary<string, object> { ["impact6"] = "item4-4", ["impact7"] = "item4-4", ["impact9"] = "item4-4", ["riskProfile1"] = "item1-3" };
        foreach (var page in template.GetProperty("pages").EnumerateArray().Where(p => p.GetProperty("name").GetString()!.EndsWith("Design", StringComparison.Ordinal)))
        {
            foreach (var q in page.GetProperty("questions").EnumerateArray().Where(q => q.GetProperty("scoreType").GetString() == "mitigation"))
            {
                var choices = q.GetProperty("choices").EnumerateArray().ToList();
                answers[q.GetProperty("name").GetString()!] = q.GetProperty("kind").GetString() == "many-choices"
                    ? choices.Select(c => c.GetProperty("value").GetString()!).ToArray()
                    : choices.MaxBy(c => c.GetProperty("points").GetDouble()).GetProperty("value").GetString()!;
            }
        }
        var json = JsonSerializer.Serialize(new { answers });

        var (saved, stored) = await Send(_contributor, HttpMethod.Put, $"/api/impact-assessments/{id}/answers", json);
        var (_, stateless) = await Send(_anonymous, HttpMethod.Post, ScoreUrl, json);

        saved.ShouldBe(HttpStatusCode.OK, stored.ToString());
        stateless.GetProperty("reduced").GetBoolean().ShouldBeTrue("the answers are meant to reach the mitigation threshold");
        foreach (var field in ScoreFields)
        {
            stored.GetProperty("score").GetProperty(field).GetRawText().ShouldBe(stateless.GetProperty(field).GetRawText(), field);
        }
        stored.GetProperty("answers").GetProperty("impact6").GetString().ShouldBe("item4-4");

        // A question left out is kept; null clears one.
        (await Send(_contributor, HttpMethod.Put, $"/api/impact-assessments/{id}/answers", """{"answers": {"riskProfile1": null}}""")).Status.ShouldBe(HttpStatusCode.OK);
        var (_, after) = await Send(_contributor, HttpMethod.Get, $"/api/impact-assessments/{id}");
        after.GetProperty("answers").TryGetProperty("riskProfile1", out _).ShouldBeFalse();
        after.GetProperty("answers").GetProperty("impact6").GetString().ShouldBe("item4-4");
        after.GetProperty("score").GetProperty("rawScore").GetDouble().ShouldBe(stateless.GetProperty("rawScore").GetDouble() - 3);

        var (completed, done) = await Send(_contributor, HttpMethod.Post, $"/api/impact-assessments/{id}/complete", "{}");
        completed.ShouldBe(HttpStatusCode.OK, done.ToString());
        done.GetProperty("state").GetString().ShouldBe("completed");
        done.GetProperty("canEdit").GetBoolean().ShouldBeFalse();
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var row = await scope.ServiceProvider.GetRequiredService<ObservatoryDbContext>().Set<Observatory.Assessments.AlgorithmicImpact.ImpactAssessmentRecord>().SingleAsync(a => a.Id == id);
            row.RawScore.ShouldBe(after.GetProperty("score").GetProperty("rawScore").GetDouble());
            row.CurrentScore.ShouldBe(after.GetProperty("score").GetProperty("currentScore").GetDouble());
            row.ImpactLevel.ShouldBe(after.GetProperty("score").GetProperty("impactLevel").GetInt32());
            row.CompletedAt.ShouldNotBeNull();
        }
        // Its answers are fixed now.
        (await Send(_contributor, HttpMethod.Put, $"/api/impact-assessments/{id}/answers", """{"answers": {"impact6": "item1-1"}}""")).Status.ShouldBe(HttpStatusCode.Conflict);
        (await Send(_contributor, HttpMethod.Post, $"/api/impact-assessments/{id}/complete", "{}")).Status.ShouldBe(HttpStatusCode.Conflict);
        var (_, list) = await Send(_contributor, HttpMethod.Get, "/api/organisations/alpha-council/impact-assessments");
        list.EnumerateArray().Single(a => a.GetProperty("id").GetInt64() == id).GetProperty("impactLevelName").GetString().ShouldBe(done.GetProperty("score").GetProperty("impactLevelName").GetString());
    }

    [Fact]
    public async Task A_file_saved_from_Canada_s_tool_imports_unchanged_and_a_wrong_one_changes_nothing()
    {
        var id = await StartAsync("Blue badge eligibility triage");
        (await Send(_contributor, HttpMethod.Put, $"/api/impact-assessments/{id}/answers", """{"answers": {"impact7": "item4-4"}}""")).Status.ShouldBe(HttpStatusCode.OK);

        var (status, body) = await Send(_contributor, HttpMethod.Put, $"/api/impact-assessments/{id}/answers", SavedFile);

        status.ShouldBe(HttpStatusCode.OK, body.ToString());
        var score = body.GetProperty("score");
        score.GetProperty("rawScore").GetDouble().ShouldBe(28, "the file replaces every answer: impact7 given before is gone");
        score.GetProperty("mitigationScore").GetDouble().ShouldBe(6);
        score.GetProperty("currentScore").GetDouble().ShouldBe(28);
        score.GetProperty("impactLevelName").GetString().ShouldBe("I");
        // Every answer, words included, given back as the tool saved it.
        var data = JsonDocument.Parse(SavedFile).RootElement.GetProperty("data");
        var (_, file) = await Send(_contributor, HttpMethod.Get, $"/api/impact-assessments/{id}/answers");
        var back = file.GetProperty("data");
        back.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ShouldBe(data.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        foreach (var p in data.EnumerateObject())
        {
            back.GetProperty(p.Name).GetRawText().ShouldBe(p.Value.GetRawText(), p.Name);
        }

        // A value off a question's choices, on line 3 of the file: 400 naming the line and the question; nothing saved.
        var wrong = SavedFile.Replace("\"riskProfile1\":\"item1-3\"", "\"riskProfile1\":\"item9-9\"", StringComparison.Ordinal);
        var (refused, problem) = await Send(_contributor, HttpMethod.Put, $"/api/impact-assessments/{id}/answers", wrong);
        refused.ShouldBe(HttpStatusCode.BadRequest);
        problem.ToString().ShouldContain("request body:3");
        problem.GetProperty("errors").TryGetProperty("answers.riskProfile1", out _).ShouldBeTrue(problem.ToString());
        var (_, unchanged) = await Send(_contributor, HttpMethod.Get, $"/api/impact-assessments/{id}");
        unchanged.GetProperty("score").GetProperty("rawScore").GetDouble().ShouldBe(28);
    }

    [Fact]
    public async Task The_page_saves_a_draft_imports_a_file_and_completes_without_JavaScript()
    {
        await TestAccounts.MemberAsync(_app.Services, "page@alpha.gov.uk", (await OrganisationAsync("alpha-council")), Role.Contributor);
        var browser = await TestAccounts.ClientAsync(_app, "page@alpha.gov.uk");
        var token = await TestAccounts.FormTokenAsync(browser, "/organisations/alpha-council/impact-assessments");
        using var started = await browser.PostAsync("/organisations/alpha-council/impact-assessments", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["name"] = "Council tax reduction checker",
        }));
        started.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var page = started.Headers.Location!.ToString();
        page.ShouldStartWith("/impact-assessments/");

        // The form asks Canada's questions with its choice values; a draft keeps what was chosen.
        var form = await browser.GetHtmlAsync(page);
        form.QuerySelector("input[name='answers.impact6'][value='item4-4']").ShouldNotBeNull();
        token = form.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        using var saved = await browser.PostAsync(page + "?handler=Save", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["answers.impact6"] = "item4-4",
            ["answers.riskProfile1"] = "item1-3",
        }));
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var draft = await browser.GetHtmlAsync(page);
        draft.QuerySelector("input[name='answers.impact6'][value='item4-4']")!.HasAttribute("checked").ShouldBeTrue();
        draft.QuerySelector("[data-results='level']")!.TextContent.Normalised().ShouldContain("Your current score is 7 of 167 points");

        // A wrong file: 400, the problem on the file field with its line; nothing imported.
        var wrong = SavedFile.Replace("\"impact9\":\"item3-3\"", "\"impact9\":\"item3-7\"", StringComparison.Ordinal);
        using (var upload = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" }, { new StringContent(wrong), "file", "aia.json" } })
        {
            using var refused = await browser.PostAsync(page + "?handler=Import", upload);
            refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            var html = (await refused.Content.ReadAsStringAsync()).ParseHtml();
            html.QuerySelector(".govuk-error-summary")!.TextContent.Normalised().ShouldContain("aia.json:4");
            html.QuerySelector(".govuk-error-summary")!.TextContent.ShouldContain("impact9");
        }
        (await browser.GetHtmlAsync(page)).QuerySelector("[data-results='level']")!.TextContent.Normalised().ShouldContain("Your current score is 7 of");

        using (var upload = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" }, { new StringContent(SavedFile), "file", "aia.json" } })
        {
            (await browser.PostAsync(page + "?handler=Import", upload)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        }
        (await browser.GetHtmlAsync(page)).QuerySelector("[data-results='level']")!.TextContent.Normalised().ShouldContain("Your current score is 28 of 167 points");

        // Save and complete: the level and its obligations, the answers as words, no form any more.
        var imported = await browser.GetHtmlAsync(page);
        var fields = imported.QuerySelectorAll("form[action*='handler=Save'] input:checked").Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value")!)).ToList();
        fields.ShouldContain(new KeyValuePair<string, string>("answers.aboutDataSource14", "item5-3"));
        fields.Add(new("__RequestVerificationToken", token));
        fields.Add(new("then", "complete"));
        using var completed = await browser.PostAsync(page + "?handler=Save", new FormUrlEncodedContent(fields));
        completed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var done = await browser.GetHtmlAsync(page);
        done.QuerySelector("h2.govuk-heading-l")!.TextContent.ShouldBe("Impact level I");
        done.QuerySelector("[data-results='obligations']")!.TextContent.ShouldContain("Peer review");
        done.QuerySelector("form[action*='handler=Save']").ShouldBeNull();
        done.Body!.TextContent.Normalised().ShouldContain("Completed on");
        // The words from the file survived the page's save: the form asks only scored questions.
        done.Body!.TextContent.ShouldContain("Blue badge eligibility triage");
        (await browser.GetHtmlAsync("/organisations/alpha-council/impact-assessments")).QuerySelector("#impact-assessments")!.TextContent.ShouldContain("Council tax reduction checker");
    }

    [Fact]
    public async Task Only_the_organisation_sees_its_assessments_and_only_its_contributors_change_them()
    {
        var id = await StartAsync("Fraud referral scoring");
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var audit = await scope.ServiceProvider.GetRequiredService<ObservatoryDbContext>().AuditEntries.Where(e => e.EntityType.Contains("ImpactAssessment")).ToListAsync();
            audit.ShouldNotBeEmpty("starting one is in the audit log");
        }
        foreach (var outsider in new[] { _beta, _anonymous })
        {
            (await Send(outsider, HttpMethod.Get, $"/api/impact-assessments/{id}")).Status.ShouldBe(HttpStatusCode.NotFound);
            (await Send(outsider, HttpMethod.Get, "/api/organisations/alpha-council/impact-assessments")).Status.ShouldBe(HttpStatusCode.NotFound);
            (await Send(outsider, HttpMethod.Put, $"/api/impact-assessments/{id}/answers", SavedFile)).Status.ShouldBe(HttpStatusCode.NotFound);
            (await Send(outsider, HttpMethod.Post, "/api/organisations/alpha-council/impact-assessments", """{"name": "Planted"}""")).Status.ShouldBe(HttpStatusCode.NotFound);
        }
        (await Send(_viewer, HttpMethod.Get, $"/api/impact-assessments/{id}")).Status.ShouldBe(HttpStatusCode.OK);
        (await Send(_viewer, HttpMethod.Put, $"/api/impact-assessments/{id}/answers", SavedFile)).Status.ShouldBe(HttpStatusCode.Forbidden);
        (await Send(_contributor, HttpMethod.Post, "/api/organisations/alpha-council/impact-assessments", """{"name": " "}""")).Status.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_routes_are_in_the_openapi_document()
    {
        var paths = JsonDocument.Parse(await _anonymous.GetStringAsync("/openapi/v1.json")).RootElement.GetProperty("paths");
        paths.GetProperty("/api/organisations/{slug}/impact-assessments").TryGetProperty("post", out _).ShouldBeTrue();
        paths.GetProperty("/api/organisations/{slug}/impact-assessments").TryGetProperty("get", out _).ShouldBeTrue();
        paths.GetProperty("/api/impact-assessments/{id}").TryGetProperty("get", out _).ShouldBeTrue();
        paths.GetProperty("/api/impact-assessments/{id}/answers").TryGetProperty("put", out _).ShouldBeTrue();
        paths.GetProperty("/api/impact-assessments/{id}/answers").TryGetProperty("get", out _).ShouldBeTrue();
        paths.GetProperty("/api/impact-assessments/{id}/complete").TryGetProperty("post", out _).ShouldBeTrue();
    }

    private async Task<Organisation> OrganisationAsync(string slug)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ObservatoryDbContext>().Organisations.AsNoTracking().SingleAsync(o => o.Slug == slug);
    }
}
