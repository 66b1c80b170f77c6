using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Observatory.Web.Tests.Assessments;

/// <summary>Results a board can read: strengths and gaps in words, what works for each gap, and the report to download and print.</summary>
public sealed class AssessmentResultsPagesTests(WebAppFixture fixture) : IClassFixture<WebAppFixture>
{
    private HttpClient Client => fixture.Client;

    private static IHtmlDocument Parse(string html) => new HtmlParser().ParseDocument(html);

    private async Task<HttpResponseMessage> PostAsync(string url, string templateId, IReadOnlyDictionary<string, string> answers)
    {
        var page = Parse(await Client.GetStringAsync("/assessments/" + templateId));
        var form = new Dictionary<string, string> { ["__RequestVerificationToken"] = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")! };
        foreach (var (question, answer) in answers)
        {
            form["answers." + question] = answer;
        }
        return await Client.PostAsync(url, new FormUrlEncodedContent(form));
    }

    private async Task<IHtmlDocument> ResultsAsync(string templateId, IReadOnlyDictionary<string, string> answers)
    {
        using var response = await PostAsync("/assessments/" + templateId, templateId, answers);
        var html = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, html);
        return Parse(html);
    }

    private static string[] Sentences(IHtmlDocument doc, string list) =>
        [.. doc.QuerySelectorAll($"[data-results={list}] li").Select(li => li.TextContent.Trim())];

    [Fact]
    public async Task Changing_an_answer_changes_the_strengths_and_gaps_in_words()
    {
        var answers = new Dictionary<string, string>
        {
            ["digital-skills-known"] = "yes",
            ["digital-skills-plan"] = "yes",
            ["digital-adoption-known"] = "no",
            ["digital-adoption-support"] = "no",
        };
        var before = await ResultsAsync("local-digital-capital", answers);
        answers["digital-adoption-known"] = "yes";
        answers["digital-adoption-support"] = "yes";
        answers["digital-skills-plan"] = "no";
        var after = await ResultsAsync("local-digital-capital", answers);

        Sentences(before, "strengths").ShouldContain("Digital skills is your strongest section: of 2 questions that apply, 2 answered yes and 0 no.");
        Sentences(before, "gaps").ShouldContain("Digital adoption is your biggest gap: of 2 questions that apply, 0 answered yes and 2 no.");
        Sentences(after, "strengths").ShouldContain("Digital adoption is your strongest section: of 2 questions that apply, 2 answered yes and 0 no.");
        Sentences(after, "gaps").ShouldContain("Digital skills is your biggest gap: of 2 questions that apply, 1 answered yes and 1 no.");
        after.QuerySelector("[data-results=overview]")!.TextContent.ShouldNotBe(before.QuerySelector("[data-results=overview]")!.TextContent);
    }

    [Fact]
    public async Task Maturity_results_name_levels_in_words_and_keep_the_heat_map_as_a_table()
    {
        var doc = await ResultsAsync("digital-maturity", new Dictionary<string, string> { ["data-use"] = "2", ["data-standards"] = "4" });

        doc.QuerySelector("[data-results=overview]")!.TextContent.ShouldContain("not yet at any level by the weakest link");
        Sentences(doc, "strengths").ShouldBe(["Data is your strongest section: every question in it is at level 2 (Emerging) or higher, with a mean of 3.0."]);
        Sentences(doc, "gaps").ShouldBe(["Connectivity has no answers yet, so it holds the whole assessment back.", "Democracy and participation has no answers yet, so it holds the whole assessment back.", "Economic productivity and growth has no answers yet, so it holds the whole assessment back."]);
        var heat = doc.QuerySelector("table.app-heat-map")!;
        heat.QuerySelector("caption")!.TextContent.ShouldContain("Heat map");
        heat.QuerySelectorAll("thead th").Select(th => th.TextContent).ShouldContain("Level 2 – Emerging");
        var data = heat.QuerySelectorAll("tbody tr").Single(r => r.QuerySelector("th")!.TextContent == "Data");
        data.QuerySelectorAll("td").Select(td => td.TextContent).ShouldBe(["100%", "100%", "50%", "50%", "0%"]);
        data.QuerySelectorAll("td")[0].ClassList.ShouldContain("app-heat--full");
    }

    [Fact]
    public async Task Each_gap_links_to_the_evidence_tagged_to_the_same_framework_elements()
    {
        // Every practice in place except those of Workstyles: Workstyles is the one gap.
        var template = Parse(await Client.GetStringAsync("/assessments/planting-the-flag"));
        var questions = template.QuerySelectorAll("input[type=radio][value=yes]").Select(i => i.GetAttribute("name")!["answers.".Length..]).ToList();
        var workstyles = new[] { "wellbeing-mindset", "reduce-commute", "balance", "paid-and-volunteer-roles", "organic-collaborative", "add-value", "digital-and-data-skills" };
        questions.ShouldContain("reduce-commute");
        var answers = questions.ToDictionary(q => q, q => workstyles.Contains(q) ? "no" : "yes");

        var doc = await ResultsAsync("planting-the-flag", answers);

        Sentences(doc, "gaps").ShouldBe(["Workstyles is your biggest gap: of 7 questions that apply, 0 answered yes and 7 no."]);
        var whatWorks = doc.QuerySelector("#what-works")!.ParentElement!;
        whatWorks.QuerySelector("h4")!.TextContent.ShouldBe("Workstyles");
        var links = whatWorks.QuerySelectorAll("[data-results=evidence] a").Select(a => a.GetAttribute("href")).ToList();
        links.ShouldContain("/evidence/ptf-liverpool-workstyles");
        links.Count.ShouldBeLessThanOrEqualTo(5);
        // Every item named is tagged to Workstyles: its own page lists the element.
        foreach (var link in links)
        {
            var item = await Client.GetStringAsync(link);
            item.ShouldContain("Workstyles");
        }
    }

    [Fact]
    public async Task The_covid_survey_asks_statements_to_agree_with_and_questions_in_words_and_gives_medians()
    {
        var page = Parse(await Client.GetStringAsync("/assessments/covid-impact-survey"));
        page.QuerySelectorAll("textarea").Length.ShouldBe(5);
        page.QuerySelectorAll("input[type=radio][name='answers.leaders-gave-direction']").Length.ShouldBe(5);

        var doc = await ResultsAsync("covid-impact-survey", new Dictionary<string, string>
        {
            ["leaders-gave-direction"] = "5",
            ["staff-had-skills"] = "4",
            ["managers-led-remote-teams"] = "1",
            ["leadership-lessons"] = "Keep the daily stand-up.",
        });

        var row = doc.QuerySelectorAll("table tbody tr").First(r => r.QuerySelector("th")!.TextContent == "Leadership and skills");
        row.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ShouldBe(["Agree (4)", "1", "0", "0", "1", "1", "3 of 3"]);
        doc.QuerySelector("textarea[name='answers.leadership-lessons']")!.TextContent.ShouldBe("Keep the daily stand-up.");
    }

    [Fact]
    public async Task The_report_downloads_as_one_html_file_with_the_scores_table_and_the_sentences()
    {
        var answers = new Dictionary<string, string> { ["data-use"] = "2", ["data-standards"] = "4", ["connectivity-coverage"] = "5" };
        var page = await ResultsAsync("digital-maturity", answers);
        page.QuerySelector("form[action='/assessments/digital-maturity/report.html'] input[name='answers.data-use']")!.GetAttribute("value").ShouldBe("2");

        using var response = await PostAsync("/assessments/digital-maturity/report.html", "digital-maturity", answers);
        var html = await response.Content.ReadAsStringAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.OK, html);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        response.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        response.Content.Headers.ContentDisposition.FileName!.Trim('"').ShouldBe("digital-maturity-results.html");
        var doc = Parse(html);
        var scores = doc.QuerySelectorAll("table").Single(t => t.QuerySelector("caption")?.TextContent == "Scores by section");
        scores.QuerySelectorAll("tr").Single(r => r.QuerySelector("th")?.TextContent == "Data").TextContent.ShouldContain("2 – Emerging");
        doc.QuerySelector("[data-results=overview]")!.TextContent.ShouldBe(page.QuerySelector("[data-results=overview]")!.TextContent);
        Sentences(doc, "strengths").ShouldBe(Sentences(page, "strengths"));
        Sentences(doc, "gaps").ShouldBe(Sentences(page, "gaps"));
        // Self-contained: its styles inside (A4, a page per part), nothing fetched from the Observatory, no script.
        doc.QuerySelector("style")!.TextContent.ShouldContain("size: A4");
        doc.QuerySelector("style")!.TextContent.ShouldContain("break-before: page");
        doc.QuerySelectorAll("link[rel=stylesheet], script, img[src]").Length.ShouldBe(0);
        doc.QuerySelectorAll("a[href]").ShouldAllBe(a => a.GetAttribute("href")!.StartsWith("http"));
        // The answers themselves, by level name.
        doc.QuerySelectorAll("#answers ~ table tr").Single(r => r.QuerySelector("th")!.TextContent.StartsWith("How well do you know and improve digital connectivity")).TextContent.ShouldContain("5 – Mastering");
    }

    [Fact]
    public async Task The_report_address_typed_in_goes_to_the_template_and_bad_answers_are_refused()
    {
        using var noRedirect = fixture.App.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var get = await noRedirect.GetAsync("/assessments/digital-maturity/report.html");
        get.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        get.Headers.Location!.OriginalString.ShouldBe("/assessments/digital-maturity");

        using var bad = await PostAsync("/assessments/digital-maturity/report.html", "digital-maturity", new Dictionary<string, string> { ["data-use"] = "9" });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bad.Content.ReadAsStringAsync()).ShouldContain("'9' is not on the scale of question 'data-use'");
    }
}
