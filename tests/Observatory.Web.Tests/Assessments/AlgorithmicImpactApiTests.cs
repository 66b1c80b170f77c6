using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Observatory.Web.Tests.Assessments;

/// <summary>Canada's Algorithmic Impact Assessment scored over HTTP by anyone, and its questionnaire read back.</summary>
public sealed class AlgorithmicImpactApiTests(WebAppFixture fixture) : IClassFixture<WebAppFixture>
{
    private const string ScoreUrl = "/api/assessment-templates/algorithmic-impact/score";

    private HttpClient Client => fixture.Client;

    /// <summary>
    /// A file as Canada's tool saves it (<c>{currentPage, data}</c>, the tool's question names and choice values),
    /// with project details in words and a department, which score nothing. Worked by hand from the questionnaire:
    /// risk 3 + 3 + 1 (risk profile 1–3) + 2 (commercial off the shelf) + 4 (very high impact) + 4 (irreversible)
    /// + 3 (high impact) + 3 + 3 (two data sources) + 2 (slightly effective) = 28; the reasons for automation tick
    /// boxes worth 0. Mitigation 2 + 3 + 1 = 6, under 0.8 × 154 / 2 = 61.6, so the current score is 28: at most
    /// 167 / 4 = 41.75, level I.
    /// </summary>
    private const string SavedFile = """
        {"currentPage":12,"data":{"projectDetailsTitle":"Blue badge eligibility triage","projectDetailsDescription":"Sorts applications for review.",
         "projectDetailsDepartment-NS":"001","projectDetailsPhase":"item1","businessDrivers1":["item1","item4"],
         "riskProfile1":"item1-3","riskProfile2":"item1-3","riskProfile3":"item1-1","aboutSystem5":"item3-2","aboutSystem11":"item4-4",
         "impact6":"item4-4","impact9":"item3-3","aboutDataSource14":["item4-3","item5-3"],"businessDrivers5":"item1-2",
         "consultationDesign1":"item1-2","consultationDesign6":"item1-3","dataQualityDesign5":"item3-1"}}
        """;

    private async Task<(HttpStatusCode Status, JsonElement Body)> Post(string json)
    {
        using var response = await Client.PostAsync(ScoreUrl, new StringContent(json, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    [Fact]
    public async Task A_file_saved_from_Canada_s_tool_scores_unchanged()
    {
        var (status, body) = await Post(SavedFile);

        status.ShouldBe(HttpStatusCode.OK, body.ToString());
        body.GetProperty("rawScore").GetDouble().ShouldBe(28);
        body.GetProperty("maxRawScore").GetDouble().ShouldBe(167);
        body.GetProperty("mitigationScore").GetDouble().ShouldBe(6);
        body.GetProperty("maxMitigationScore").GetDouble().ShouldBe(154);
        body.GetProperty("currentScore").GetDouble().ShouldBe(28);
        body.GetProperty("impactLevel").GetInt32().ShouldBe(1);
        body.GetProperty("impactLevelName").GetString().ShouldBe("I");
        body.GetProperty("reduced").GetBoolean().ShouldBeFalse();
        var obligations = body.GetProperty("obligations").EnumerateArray().ToDictionary(o => o.GetProperty("requirement").GetString()!, o => o.GetProperty("text").GetString()!);
        obligations["Peer review"].ShouldBe("None");
        obligations["Approval for the system to operate"].ShouldStartWith("Assistant deputy minister");

        // The same answers under "answers" score the same.
        var data = JsonDocument.Parse(SavedFile).RootElement.GetProperty("data").GetRawText();
        var (again, same) = await Post($"{{\"answers\":{data}}}");
        again.ShouldBe(HttpStatusCode.OK);
        same.GetProperty("rawScore").GetDouble().ShouldBe(28);
    }

    [Fact]
    public async Task Enough_mitigation_takes_15_percent_off_and_can_lower_the_level()
    {
        // Risk: the eight impact drop-downs at their highest (8 × 4 = 32), impact3 and full automation (4 + 4), risk
        // profile 1, 2 and 7 (3 × 3): 49, level II (over 41.75). Mitigation: every question of the design pages at its
        // highest, 77 points, over 61.6; so 0.85 × 49 = 41.65, rounded 42 — still level II, just.
        var template = await Client.GetFromJsonAsync<JsonElement>("/api/assessment-templates/algorithmic-impact");
        var answers = new Dictionary<string, object>
        {
            ["impact6"] = "item4-4",
            ["impact7"] = "item4-4",
            ["impact9"] = "item4-4",
            ["impact24"] = "item4-4",
            ["impact11"] = "item4-4",
            ["impact13"] = "item4-4",
            ["impact15"] = "item4-4",
            ["impact28"] = "item4-4",
            ["impact3"] = "item1-4",
            ["impact30"] = "item1-4",
            ["riskProfile1"] = "item1-3",
            ["riskProfile2"] = "item1-3",
            ["riskProfile7"] = "item1-3",
        };
        var pages = template.GetProperty("pages").EnumerateArray().ToList();
        foreach (var q in pages.Where(p => p.GetProperty("name").GetString()!.EndsWith("Design", StringComparison.Ordinal))
            .SelectMany(p => p.GetProperty("questions").EnumerateArray()).Where(q => q.GetProperty("scoreType").GetString() == "mitigation"))
        {
            var choices = q.GetProperty("choices").EnumerateArray().ToList();
            answers[q.GetProperty("name").GetString()!] = q.GetProperty("kind").GetString() == "many-choices"
                ? choices.Select(c => c.GetProperty("value").GetString()!).ToArray()
                : choices.MaxBy(c => c.GetProperty("points").GetDouble()).GetProperty("value").GetString()!;
        }
        var withMitigation = JsonSerializer.Serialize(new { answers });
        var (status, body) = await Post(withMitigation);

        status.ShouldBe(HttpStatusCode.OK, body.ToString());
        body.GetProperty("rawScore").GetDouble().ShouldBe(49);
        body.GetProperty("mitigationScore").GetDouble().ShouldBe(77);
        body.GetProperty("reduced").GetBoolean().ShouldBeTrue();
        body.GetProperty("currentScore").GetDouble().ShouldBe(42);
        body.GetProperty("impactLevel").GetInt32().ShouldBe(2);

        // Partial automation (2 points, not 4) makes 47, reduced to 39.95, rounded 40: level I.
        answers["impact30"] = "item2-2";
        var (_, lower) = await Post(JsonSerializer.Serialize(new { answers }));
        lower.GetProperty("rawScore").GetDouble().ShouldBe(47);
        lower.GetProperty("currentScore").GetDouble().ShouldBe(40);
        lower.GetProperty("impactLevel").GetInt32().ShouldBe(1);
    }

    [Theory]
    [InlineData("""{"answers":{"riskProfile99":"item1-3"}}""", "answers.riskProfile99")]
    [InlineData("""{"answers":{"riskProfile1":"item1-4"}}""", "answers.riskProfile1")]
    [InlineData("""{"answers":{"riskProfile1":["item1-3"]}}""", "answers.riskProfile1")]
    [InlineData("""{"answers":{"riskProfile1":3}}""", "answers.riskProfile1")]
    [InlineData("""{"answers":{"aboutDataSource14":["item4-3","item9-9"]}}""", "answers.aboutDataSource14")]
    [InlineData("""{"answers":{"riskProfile1":{"value":"item1-3"}}}""", "answers.riskProfile1")]
    [InlineData("""{"answers":{},"data":{}}""", "answers")]
    [InlineData("""{}""", "answers")]
    public async Task Bad_answers_are_a_400_naming_the_question(string json, string field)
    {
        var (status, body) = await Post(json);

        status.ShouldBe(HttpStatusCode.BadRequest, body.ToString());
        body.GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe([field]);
    }

    [Fact]
    public async Task The_questionnaire_keeps_Canada_s_names_choices_and_points()
    {
        var template = await Client.GetFromJsonAsync<JsonElement>("/api/assessment-templates/algorithmic-impact");

        template.GetProperty("maxRawScore").GetDouble().ShouldBe(167);
        template.GetProperty("maxMitigationScore").GetDouble().ShouldBe(154);
        template.GetProperty("attribution").GetString().ShouldNotBeNull().ShouldContain("MIT licence");
        var question = template.GetProperty("pages").EnumerateArray().SelectMany(p => p.GetProperty("questions").EnumerateArray())
            .Single(q => q.GetProperty("name").GetString() == "aboutSystem11");
        question.GetProperty("scoreType").GetString().ShouldBe("risk");
        question.GetProperty("maxPoints").GetDouble().ShouldBe(4);
        question.GetProperty("choices").EnumerateArray().Select(c => (c.GetProperty("value").GetString(), c.GetProperty("points").GetDouble()))
            .ShouldBe([("item1-1", 1), ("item2-2", 2), ("item3-3", 3), ("item4-4", 4)]);
        template.GetProperty("requirements").GetArrayLength().ShouldBe(7);
    }

    [Fact]
    public async Task The_routes_are_in_the_openapi_document()
    {
        var document = await Client.GetStringAsync("/openapi/v1.json");
        document.ShouldContain("\"/api/assessment-templates/algorithmic-impact/score\"");
        document.ShouldContain("\"/api/assessment-templates/algorithmic-impact\"");
    }
}
