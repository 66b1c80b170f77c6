using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Observatory.Assessments;

namespace Observatory.Web.Tests.Assessments;

public sealed class AssessmentsApiTests(WebAppFixture fixture) : IClassFixture<WebAppFixture>
{
    private HttpClient Client => fixture.Client;

    private AssessmentCatalogue Catalogue => fixture.App.Services.GetRequiredService<AssessmentCatalogue>();

    private async Task<JsonElement> GetJson(string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await Client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> Score(string id, object body)
    {
        using var response = await Client.PostAsJsonAsync($"/api/assessment-templates/{id}/score", body);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    [Fact]
    public async Task Lists_every_shipped_template_with_its_source_and_question_count()
    {
        var list = (await GetJson("/api/assessment-templates")).EnumerateArray().ToList();

        list.Select(t => t.GetProperty("id").GetString()).ShouldBe(Catalogue.Templates.Select(t => t.Id));
        var dmag = list.Single(t => t.GetProperty("id").GetString() == "dmag-2023");
        dmag.GetProperty("questionCount").GetInt32().ShouldBe(97);
        dmag.GetProperty("scale").GetString().ShouldBe("maturity");
        dmag.GetProperty("source")[0].GetProperty("title").GetString().ShouldBe("Central Digital and Data Office, Data Maturity Assessment for Government (2023)");
    }

    [Fact]
    public async Task A_template_keeps_its_own_hierarchy()
    {
        var dmag = await GetJson("/api/assessment-templates/dmag-2023");
        dmag.TryGetProperty("sections", out var none).ShouldBeTrue();
        none.ValueKind.ShouldBe(JsonValueKind.Null);
        var topics = dmag.GetProperty("topics").EnumerateArray().ToList();
        topics.Count.ShouldBe(10);
        var question = topics[0].GetProperty("themes")[0].GetProperty("questions")[0];
        question.GetProperty("id").GetString().ShouldBe("engaging-with-others-culture-1");
        question.GetProperty("statements").EnumerateArray().Select(s => s.GetProperty("level").GetInt32()).ShouldBe([1, 2, 3, 4, 5]);
        question.GetProperty("elements")[0].GetString().ShouldBe("digitalisation-outcomes/data");

        var maturity = await GetJson("/api/assessment-templates/digital-maturity");
        var productivity = maturity.GetProperty("sections").EnumerateArray().Single(s => s.GetProperty("id").GetString() == "productivity");
        productivity.GetProperty("labels").GetProperty("lga-2022").GetString().ShouldBe("Local productivity");
        productivity.GetProperty("labels").GetProperty("lga-current").GetString().ShouldBe("Economic productivity and growth");
        productivity.GetProperty("questions").GetArrayLength().ShouldBe(2);
        maturity.GetProperty("authorship").GetString().ShouldNotBeNull().ShouldContain("Connected Places Observatory");
        maturity.GetProperty("levels").EnumerateArray().Select(l => l.GetProperty("name").GetString()).ShouldBe(["Beginning", "Emerging", "Learning", "Developing", "Mastering"]);
    }

    [Fact]
    public async Task Any_framework_can_be_had_as_a_checklist()
    {
        var template = await GetJson("/api/assessment-templates/framework-four-rs");

        template.GetProperty("scale").GetString().ShouldBe("checklist");
        template.GetProperty("sections").EnumerateArray().SelectMany(s => s.GetProperty("questions").EnumerateArray())
            .Count().ShouldBe(fixture.App.Services.GetRequiredService<Observatory.Frameworks.FrameworkCatalogue>().Find("four-rs")!.ElementCount);
    }

    [Fact]
    public async Task Scores_answers_with_both_views_and_the_coverage_of_each_level()
    {
        var t = Catalogue.Find("digital-maturity")!;
        var answers = t.Questions.ToDictionary(q => q.Id, q => (object)(q.Id == "data-use" ? 2 : 4));
        answers["value-spend"] = "Mastering";

        var (status, body) = await Score("digital-maturity", new { answers });

        status.ShouldBe(HttpStatusCode.OK, body.ToString());
        body.GetProperty("overall").GetProperty("weakestLink").GetInt32().ShouldBe(2);
        body.GetProperty("overall").GetProperty("mean").GetDouble().ShouldBe((22 * 4 + 2 + 5) / 24.0, 1e-9);
        var data = body.GetProperty("topics").EnumerateArray().Single(x => x.GetProperty("id").GetString() == "data");
        data.GetProperty("weakestLink").GetInt32().ShouldBe(2);
        data.GetProperty("mean").GetDouble().ShouldBe(3);
        data.GetProperty("coverage").GetProperty("3").GetDouble().ShouldBe(0.5);
        data.GetProperty("coverage").GetProperty("1").GetDouble().ShouldBe(1);
        body.GetProperty("topics").EnumerateArray().Single(x => x.GetProperty("id").GetString() == "value").GetProperty("weakestLink").GetInt32().ShouldBe(4);
    }

    [Fact]
    public async Task Scores_a_topic_by_its_weakest_theme()
    {
        var t = Catalogue.Find("dmag-2023")!;
        var low = t.Topics[1].Themes[1].Questions[0].Id;
        var (status, body) = await Score("dmag-2023", new { answers = t.Questions.ToDictionary(q => q.Id, q => q.Id == low ? 1 : 3) });

        status.ShouldBe(HttpStatusCode.OK);
        var topic = body.GetProperty("topics")[1];
        topic.GetProperty("weakestLink").GetInt32().ShouldBe(1);
        topic.GetProperty("themes").EnumerateArray().Select(th => th.GetProperty("weakestLink").GetInt32()).ShouldBe(t.Topics[1].Themes.Select((_, i) => i == 1 ? 1 : 3));
        body.GetProperty("overall").GetProperty("weakestLink").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task A_checklist_scores_as_counts_and_shares()
    {
        var (status, body) = await Score("local-digital-capital", new { answers = new Dictionary<string, string> { ["trade-support-available"] = "yes", ["digital-skills-known"] = "no" } });

        status.ShouldBe(HttpStatusCode.OK);
        var tally = body.GetProperty("overall").GetProperty("tally");
        tally.GetProperty("yes").GetInt32().ShouldBe(1);
        tally.GetProperty("no").GetInt32().ShouldBe(1);
        tally.GetProperty("yesShare").GetDouble().ShouldBe(0.5);
        body.GetProperty("overall").GetProperty("weakestLink").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Theory]
    [InlineData("no-such-question", "3", "answers.no-such-question", "'no-such-question' is not a question of the template 'digital-maturity'")]
    [InlineData("data-use", "6", "answers.data-use", "'6' is not on the scale of question 'data-use'")]
    [InlineData("data-use", "partly", "answers.data-use", "'partly' is not on the scale of question 'data-use'")]
    public async Task Bad_answers_are_refused_naming_the_question(string question, string answer, string field, string message)
    {
        var (status, body) = await Score("digital-maturity", new { answers = new Dictionary<string, string> { [question] = answer } });

        status.ShouldBe(HttpStatusCode.BadRequest);
        body.GetProperty("errors").GetProperty(field)[0].GetString().ShouldNotBeNull().ShouldContain(message);
    }

    [Fact]
    public async Task A_number_off_the_scale_and_broken_json_are_refused_not_failed()
    {
        var (status, body) = await Score("digital-maturity", new { answers = new Dictionary<string, object> { ["data-use"] = 2.5 } });
        status.ShouldBe(HttpStatusCode.BadRequest);
        body.GetProperty("errors").GetProperty("answers.data-use")[0].GetString().ShouldNotBeNull().ShouldContain("'2.5' is not on the scale");

        using var broken = await Client.PostAsync("/api/assessment-templates/digital-maturity/score", new StringContent("{\"answers\": {", System.Text.Encoding.UTF8, "application/json"));
        broken.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task An_unknown_template_is_not_found()
    {
        (await GetJson("/api/assessment-templates/no-such", HttpStatusCode.NotFound)).GetProperty("detail").GetString().ShouldBe("There is no assessment template 'no-such'.");
        var (status, _) = await Score("framework-no-such", new { answers = new Dictionary<string, string>() });
        status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_survey_scores_its_statements_by_median_and_distribution_and_leaves_words_unscored()
    {
        var survey = await GetJson("/api/assessment-templates/covid-impact-survey");
        var leadership = survey.GetProperty("sections")[0].GetProperty("questions").EnumerateArray().ToList();
        leadership.Select(q => q.GetProperty("scale").GetString()).ShouldBe(["agreement", "agreement", "agreement", "free-text"]);

        var (status, body) = await Score("covid-impact-survey", new
        {
            answers = new Dictionary<string, object>
            {
                ["leaders-gave-direction"] = 5,
                ["staff-had-skills"] = "Disagree",
                ["managers-led-remote-teams"] = 2,
                ["leadership-lessons"] = "More training.",
                ["wellbeing-supported"] = 4,
            },
        });

        status.ShouldBe(HttpStatusCode.OK);
        var first = body.GetProperty("topics")[0];
        first.GetProperty("questions").GetInt32().ShouldBe(3);
        first.GetProperty("answered").GetInt32().ShouldBe(3);
        first.GetProperty("median").GetDouble().ShouldBe(2);
        first.GetProperty("distribution").GetProperty("2").GetInt32().ShouldBe(2);
        first.GetProperty("distribution").GetProperty("5").GetInt32().ShouldBe(1);
        // The whole: 5, 2, 2, 4 → in order 2, 2, 4, 5: halfway between 2 and 4.
        body.GetProperty("overall").GetProperty("median").GetDouble().ShouldBe(3);
        body.GetProperty("overall").GetProperty("questions").GetInt32().ShouldBe(15);
    }
}
