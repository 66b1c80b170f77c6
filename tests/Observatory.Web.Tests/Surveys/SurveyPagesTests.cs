using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Observatory.Accounts;
using Observatory.Assessments;
using Observatory.Assessments.Surveys;
using Observatory.Testing;
using Observatory.Web.Tests.Accounts;

namespace Observatory.Web.Tests.Surveys;

/// <summary>
/// Running and answering a survey through the pages, with JavaScript off as the HTTP client is: a site administrator
/// creates and opens it, an invited council sees it waiting on its self-assessments page and starts its response
/// (saying whether its written answers may be published), and the published results page shows the response rate,
/// the figures and the consenting answers with names removed.
/// </summary>
public sealed class SurveyPagesTests : IAsyncLifetime
{
    private static readonly (string Name, string Code)[] Councils =
    [
        ("Wigan Council", "E08000010"), ("Salford City Council", "E08000006"), ("Bolton Council", "E08000001"), ("Bury Council", "E08000002"),
        ("Oldham Council", "E08000004"), ("Rochdale Borough Council", "E08000005"),
    ];

    private readonly TestClock _clock = new(new DateTimeOffset(2027, 1, 10, 10, 0, 0, TimeSpan.Zero));
    private readonly ClockedAppFactory _app;
    private readonly Dictionary<string, Person> _officers = [];
    private HttpClient _admin = null!;
    private HttpClient _wigan = null!;
    private HttpClient _anonymous = null!;

    public SurveyPagesTests() => _app = new ClockedAppFactory(_clock);

    public async Task InitializeAsync()
    {
        await _app.EnsurePreparedAsync();
        foreach (var (name, code) in Councils)
        {
            var organisation = await TestAccounts.OrganisationAsync(_app.Services, name, code);
            _officers[organisation.Slug] = await TestAccounts.MemberAsync(_app.Services, $"officer@{organisation.Slug}.gov.uk", organisation, Role.Contributor);
        }
        await TestAccounts.SiteAdministratorAsync(_app.Services, "admin@socitm.net");
        _admin = await TestAccounts.ClientAsync(_app, "admin@socitm.net");
        _wigan = await TestAccounts.ClientAsync(_app, "officer@wigan-council.gov.uk");
        _anonymous = await _app.ClientAsync();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, params (string Name, string Value)[] fields)
    {
        var token = await TestAccounts.FormTokenAsync(client, url.Split('?')[0]);
        return await client.PostAsync(url, new FormUrlEncodedContent([.. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)), new("__RequestVerificationToken", token)]));
    }

    private async Task<long> CreateAndOpenAsync()
    {
        using var created = await PostAsync(_admin, "/surveys/new",
            ("title", "Covid-19 impact survey 2027"), ("templateId", "covid-impact-survey"), ("period", "2026/27"),
            ("opensOn-day", "10"), ("opensOn-month", "1"), ("opensOn-year", "2027"), ("closesOn-day", "20"), ("closesOn-month", "1"), ("closesOn-year", "2027"),
            ("audience", "chosen"), ("organisations", string.Join('\n', _officers.Keys)));
        created.StatusCode.ShouldBe(HttpStatusCode.Redirect, await created.Content.ReadAsStringAsync());
        var url = created.Headers.Location!.ToString();
        var id = long.Parse(url.Split('/').Last(), System.Globalization.CultureInfo.InvariantCulture);
        using var opened = await PostAsync(_admin, $"/surveys/{id}?handler=Open");
        opened.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return id;
    }

    /// <summary>An organisation's response answered and submitted through the services, as its officer.</summary>
    private async Task RespondAsync(string slug, long survey, int level, string words, bool publishWords)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
        scope.ServiceProvider.GetRequiredService<CurrentActor>().Actor = await accounts.ActorForAsync(_officers[slug], TokenScopes.Read | TokenScopes.Write);
        var invitation = await scope.ServiceProvider.GetRequiredService<SectorSurveys>().RespondAsync(survey, slug, publishWords).ShouldSucceed();
        var assessments = scope.ServiceProvider.GetRequiredService<OrganisationAssessments>();
        var template = scope.ServiceProvider.GetRequiredService<AssessmentCatalogue>().Find("covid-impact-survey")!;
        await assessments.SaveAnswersAsync(invitation.Response!.Id, [.. template.Questions.Select(q => new AnswerInput(q.Id, q.InWords ? words : level.ToString(System.Globalization.CultureInfo.InvariantCulture)))]).ShouldSucceed();
        await assessments.SubmitAsync(invitation.Response.Id).ShouldSucceed();
    }

    [Fact]
    public async Task A_site_administrator_creates_and_opens_a_survey_and_an_invited_council_starts_its_response_from_its_assessments_page()
    {
        var form = await _admin.GetHtmlAsync("/surveys/new");
        form.QuerySelector("select[name=templateId] option[value=covid-impact-survey]").ShouldNotBeNull();
        (await _wigan.GetAsync("/surveys/new")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using var refused = await PostAsync(_admin, "/surveys/new", ("title", ""), ("templateId", ""), ("period", "2026/27"), ("audience", "group"), ("group", ""));
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await refused.Content.ReadAsStringAsync()).ParseHtml().QuerySelectorAll(".govuk-error-summary a").Select(a => a.GetAttribute("href")).ToList();
        errors.ShouldContain("#title");
        errors.ShouldContain("#templateId");
        errors.ShouldContain("#opensOn");
        errors.ShouldContain("#group");

        var (before, _) = (await _wigan.GetHtmlAsync("/organisations/wigan-council/assessments"), 0);
        before.QuerySelector("#surveys-waiting").ShouldBeNull();
        var id = await CreateAndOpenAsync();

        var list = await _wigan.GetHtmlAsync("/organisations/wigan-council/assessments");
        list.QuerySelector("#surveys-waiting")!.TextContent.ShouldBe("Surveys waiting for your answer");
        list.QuerySelector($"a[href='/surveys/{id}']")!.ParentElement!.TextContent.Normalised().ShouldContain("Not started; closes on 20 January 2027");

        var page = await _wigan.GetHtmlAsync($"/surveys/{id}");
        page.QuerySelector("legend")!.TextContent.Normalised().ShouldBe("May we publish your written answers without your organisation's name?");
        page.QuerySelector("#publishWords-wigan-council")!.GetAttribute("value").ShouldBe("yes");
        page.Body!.TextContent.ShouldNotContain("Progress", Case.Sensitive, "a council is not shown how many others answered");
        using var started = await PostAsync(_wigan, $"/surveys/{id}?handler=Respond", ("organisation", "wigan-council"), ("publishWords", "yes"));
        started.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var check = started.Headers.Location!.ToString();
        check.ShouldMatch("^/assessments/[0-9]+/check$");
        (await _wigan.GetHtmlAsync(check)).QuerySelector("h1")!.TextContent.ShouldBe("Check your answers");
        (await _wigan.GetHtmlAsync($"/surveys/{id}")).QuerySelector("input[name=publishWords][value=yes]")!.HasAttribute("checked").ShouldBeTrue();

        var admin = await _admin.GetHtmlAsync($"/surveys/{id}");
        admin.Body!.TextContent.Normalised().ShouldContain("Sent to 6 organisations: 1 started a response and 0 submitted it.");
        (await _anonymous.GetAsync($"/surveys/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await _anonymous.GetAsync($"/surveys/{id}/results")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_results_page_shows_the_response_rate_the_figures_and_only_the_agreed_written_answers_without_names()
    {
        var id = await CreateAndOpenAsync();
        var slugs = _officers.Keys.ToList();
        for (var i = 0; i < 5; i++)
        {
            await RespondAsync(slugs[i], id, i + 1, i == 1 ? "SALFORD-SAID-NO-3141" : $"Staff at {Councils[i].Name} coped", publishWords: i != 1);
        }
        (await PostAsync(_admin, $"/surveys/{id}?handler=Publish")).StatusCode.ShouldBe(HttpStatusCode.Conflict, "an open survey before its close date is closed first");
        (await PostAsync(_admin, $"/surveys/{id}?handler=Close")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        using var published = await PostAsync(_admin, $"/surveys/{id}?handler=Publish");
        published.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        published.Headers.Location!.ToString().ShouldBe($"/surveys/{id}/results");

        var results = await _anonymous.GetHtmlAsync($"/surveys/{id}/results");
        var text = results.Body!.TextContent.Normalised();
        text.ShouldContain("5 of 6 organisations responded.");
        results.QuerySelector("figure svg").ShouldNotBeNull();
        results.QuerySelector("figure figcaption")!.TextContent.ShouldNotBeNullOrWhiteSpace();
        var row = results.QuerySelectorAll("table tbody tr").Single(r => r.TextContent.Contains("My organisation supported the wellbeing of staff working from home.", StringComparison.Ordinal));
        row.QuerySelectorAll("td").Skip(1).Select(c => c.TextContent.Trim()).ShouldBe(["5", "2", "3", "4"]);
        text.ShouldContain("edited to remove names");
        text.ShouldContain("Staff at [organisation] coped");
        text.ShouldNotContain("SALFORD-SAID-NO-3141");
        text.ShouldNotContain("Wigan");
        (await _anonymous.GetHtmlAsync("/surveys")).QuerySelector($"a[href='/surveys/{id}']").ShouldNotBeNull();
        (await _wigan.GetHtmlAsync("/organisations/wigan-council/assessments")).QuerySelector("#surveys-waiting").ShouldBeNull();
    }
}
