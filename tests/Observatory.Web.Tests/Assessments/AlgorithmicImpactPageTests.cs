using System.Net;
using AngleSharp.Html.Parser;

namespace Observatory.Web.Tests.Assessments;

/// <summary>"Assess an algorithm's impact": the questions as a form that works without JavaScript, and the results.</summary>
public sealed class AlgorithmicImpactPageTests(WebAppFixture fixture) : IClassFixture<WebAppFixture>
{
    private const string Url = "/assessments/algorithmic-impact";

    private HttpClient Client => fixture.Client;

    private static AngleSharp.Html.Dom.IHtmlDocument Parse(string html) => new HtmlParser().ParseDocument(html);

    private async Task<(HttpStatusCode Status, AngleSharp.Html.Dom.IHtmlDocument Page)> Post(params (string Field, string Value)[] fields)
    {
        var doc = Parse(await Client.GetStringAsync(Url));
        var token = doc.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var posted = await Client.PostAsync(Url, new FormUrlEncodedContent([new("__RequestVerificationToken", token), .. fields.Select(f => new KeyValuePair<string, string>(f.Field, f.Value))]));
        return (posted.StatusCode, Parse(await posted.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task The_page_is_listed_with_the_self_assessments_and_asks_Canada_s_questions_with_their_points()
    {
        var list = Parse(await Client.GetStringAsync("/assessments"));
        list.QuerySelectorAll("h2 a").Select(a => a.GetAttribute("href")).ShouldContain(Url);

        var doc = Parse(await Client.GetStringAsync(Url));
        doc.QuerySelector("h1")!.TextContent.ShouldBe("Assess an algorithm's impact");
        doc.QuerySelector(".govuk-inset-text")!.TextContent.ShouldContain("MIT licence");
        doc.QuerySelectorAll("input[type=radio][name='answers.aboutSystem11']").Select(i => i.GetAttribute("value")).ShouldBe(["item1-1", "item2-2", "item3-3", "item4-4"]);
        doc.QuerySelectorAll("input[type=checkbox][name='answers.aboutDataSource14']").Length.ShouldBe(6);
        doc.QuerySelector("label[for='answers.aboutSystem11-4']")?.TextContent.Trim().ShouldBe("Very high impact (4 points)");
        // Words and the Canadian departments are not asked here; they score nothing.
        doc.QuerySelectorAll("[name='answers.projectDetailsDepartment-NS']").Length.ShouldBe(0);
        doc.QuerySelectorAll("h3").Select(h => h.TextContent).ShouldContain("Consultations (if the system is being designed)");
        doc.QuerySelector("#results").ShouldBeNull();
    }

    [Fact]
    public async Task Answers_give_the_scores_the_level_and_its_obligations_without_javascript()
    {
        // Hand-worked: 4 (very high impact) + 4 (irreversible) + 3 + 3 (two data sources, boxes) + 3 (risk profile 1) = 17 raw,
        // 2 mitigation (under 61.6), so 17 of 167: level I.
        var (status, page) = await Post(("answers.aboutSystem11", "item4-4"), ("answers.impact6", "item4-4"), ("answers.aboutDataSource14", "item4-3"),
            ("answers.aboutDataSource14", "item5-3"), ("answers.riskProfile1", "item1-3"), ("answers.consultationDesign1", "item1-2"));

        status.ShouldBe(HttpStatusCode.OK);
        page.QuerySelector("#results h2")!.TextContent.ShouldBe("Impact level I");
        var scores = page.QuerySelectorAll("#results table")[0].QuerySelectorAll("tbody tr").Select(r => string.Join("|", r.Children.Select(c => c.TextContent.Trim()))).ToList();
        scores.ShouldBe(["Raw impact score|17|167", "Mitigation score|2|154", "Current score|17|167"]);
        page.QuerySelector("[data-results=level]")!.TextContent.ShouldContain("not reduced");
        var obligations = page.QuerySelector("[data-results=obligations]")!;
        obligations.QuerySelectorAll("tbody th").Select(h => h.TextContent).ShouldContain("Approval for the system to operate");
        obligations.TextContent.ShouldContain("Assistant deputy minister responsible for the program.");
        // The form keeps what was sent.
        page.QuerySelector("input[name='answers.aboutDataSource14'][value='item5-3']")!.HasAttribute("checked").ShouldBeTrue();
        page.QuerySelector("input[name='answers.aboutSystem11'][value='item4-4']")!.HasAttribute("checked").ShouldBeTrue();
    }

    [Fact]
    public async Task A_high_score_reaches_level_IV_and_its_obligations()
    {
        // Every risk question at its highest choice, every risk box ticked, read from the form itself (the mitigation
        // questions are those named for the design or implementation branch): 167 of 167, level IV.
        var doc = Parse(await Client.GetStringAsync(Url));
        var fields = new List<(string, string)>();
        foreach (var group in doc.QuerySelectorAll("input[type=radio], input[type=checkbox]").GroupBy(i => i.GetAttribute("name")!))
        {
            var name = group.Key["answers.".Length..];
            var isMitigation = name.Contains("Design", StringComparison.Ordinal) || name.Contains("Implementation", StringComparison.Ordinal);
            if (isMitigation)
            {
                continue;
            }
            var points = group.Select(i => (Value: i.GetAttribute("value")!,
                Points: double.TryParse(i.GetAttribute("value")!.Split('-')[^1], System.Globalization.CultureInfo.InvariantCulture, out var p) ? p : 0)).ToList();
            if (group.First().GetAttribute("type") == "checkbox")
            {
                fields.AddRange(points.Select(p => (group.Key, p.Value)));
            }
            else
            {
                fields.Add((group.Key, points.MaxBy(p => p.Points).Value));
            }
        }
        var (status, page) = await Post([.. fields]);

        status.ShouldBe(HttpStatusCode.OK);
        page.QuerySelector("#results h2")!.TextContent.ShouldBe("Impact level IV");
        page.QuerySelectorAll("#results table")[0].QuerySelectorAll("tbody tr")[0].TextContent.ShouldContain("167");
        page.QuerySelector("[data-results=obligations]")!.TextContent.ShouldContain("Treasury Board");
    }

    [Fact]
    public async Task A_tampered_answer_is_shown_as_an_error_beside_its_question()
    {
        var (status, page) = await Post(("answers.aboutSystem11", "item9-99"));

        status.ShouldBe(HttpStatusCode.BadRequest);
        page.QuerySelector(".govuk-error-summary")!.TextContent.ShouldContain("is not a choice of 'aboutSystem11'");
        page.QuerySelector(".govuk-error-summary a")!.GetAttribute("href").ShouldBe("#answers.aboutSystem11");
    }
}
