using System.Net;
using AngleSharp.Html.Parser;

namespace Observatory.Web.Tests.Assessments;

public sealed class AssessmentPagesTests(WebAppFixture fixture) : IClassFixture<WebAppFixture>
{
    private HttpClient Client => fixture.Client;

    private static AngleSharp.Html.Dom.IHtmlDocument Parse(string html) => new HtmlParser().ParseDocument(html);

    [Fact]
    public async Task The_list_names_each_template_and_its_published_source()
    {
        var html = await Client.GetStringAsync("/assessments");
        var doc = Parse(html);

        doc.QuerySelectorAll("h2 a").Select(a => a.GetAttribute("href")).ShouldContain("/assessments/dmag-2023");
        html.ShouldContain("Central Digital and Data Office, Data Maturity Assessment for Government (2023)");
        html.ShouldNotContain("ASSESSMENTS.md");
    }

    [Fact]
    public async Task A_template_page_has_a_form_of_radios_that_scores_without_javascript()
    {
        var page = await Client.GetAsync("/assessments/digital-maturity");
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        var doc = Parse(await page.Content.ReadAsStringAsync());
        doc.QuerySelectorAll("input[type=radio][name='answers.data-use']").Length.ShouldBe(5);
        doc.Body!.TextContent.ShouldContain("Connected Places Observatory wrote these questions");
        var token = doc.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        var form = new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["answers.data-use"] = "2", ["answers.data-standards"] = "4" };
        using var posted = await Client.PostAsync("/assessments/digital-maturity", new FormUrlEncodedContent(form));
        var result = Parse(await posted.Content.ReadAsStringAsync());

        posted.StatusCode.ShouldBe(HttpStatusCode.OK);
        result.QuerySelector("figure svg[role=img]").ShouldNotBeNull();
        var dataRow = result.QuerySelectorAll("table")[0].QuerySelectorAll("tr").Single(r => r.QuerySelector("th")?.TextContent == "Data");
        dataRow.TextContent.ShouldContain("2 – Emerging");
        dataRow.TextContent.ShouldContain("3.0");
        var heat = result.QuerySelectorAll("table")[1].QuerySelectorAll("tr").Single(r => r.QuerySelector("th")?.TextContent == "Data");
        heat.QuerySelectorAll("td").Select(c => c.TextContent).ShouldBe(["100%", "100%", "50%", "50%", "0%"]);
        result.QuerySelector("input[type=radio][name='answers.data-use'][value='2']")!.HasAttribute("checked").ShouldBeTrue();
    }

    [Fact]
    public async Task A_tampered_answer_is_shown_as_an_error_not_a_failure()
    {
        var doc = Parse(await Client.GetStringAsync("/assessments/ethical-attributes"));
        var token = doc.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        using var posted = await Client.PostAsync("/assessments/ethical-attributes", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["answers.justice-fairness"] = "7",
        }));

        posted.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var html = await posted.Content.ReadAsStringAsync();
        Parse(html).QuerySelector(".govuk-error-summary")!.TextContent.ShouldContain("'7' is not on the scale of question 'justice-fairness'");
    }

    [Fact]
    public async Task A_framework_checklist_and_an_unknown_template()
    {
        (await Client.GetAsync("/assessments/framework-four-rs")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Client.GetAsync("/assessments/no-such")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
