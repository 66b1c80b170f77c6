using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Observatory.Accounts;
using Observatory.Auditing;
using Observatory.Storage;
using Observatory.Testing;
using Observatory.Web.Tests.Accounts;

namespace Observatory.Web.Tests.Surveys;

/// <summary>
/// Changing a survey, over the API and on its page: before it opens, its title, dates and recipients; once open,
/// only a later close date; once closed, nothing. Only site administrators and curators may, every change is
/// audited, and the organisations it is then sent to find it on their self-assessments page.
/// </summary>
public sealed class SurveyEditingTests : IAsyncLifetime
{
    private static readonly (string Name, string Code)[] Councils =
    [
        ("Wigan Council", "E08000010"), ("Salford City Council", "E08000006"), ("Bolton Council", "E08000001"),
    ];

    private readonly TestClock _clock = new(new DateTimeOffset(2027, 1, 10, 10, 0, 0, TimeSpan.Zero));
    private readonly ClockedAppFactory _app;
    private HttpClient _admin = null!;
    private HttpClient _officer = null!;

    public SurveyEditingTests() => _app = new ClockedAppFactory(_clock);

    public async Task InitializeAsync()
    {
        _app.Settings["OBSERVATORY_SIGNIN_PER_MINUTE"] = "1000000";
        await _app.EnsurePreparedAsync();
        Person? wiganOfficer = null;
        foreach (var (name, code) in Councils)
        {
            var organisation = await TestAccounts.OrganisationAsync(_app.Services, name, code);
            var officer = await TestAccounts.MemberAsync(_app.Services, $"officer@{organisation.Slug}.gov.uk", organisation, Role.OrganisationAdmin);
            wiganOfficer ??= officer;
        }
        var admin = await TestAccounts.SiteAdministratorAsync(_app.Services, "admin@socitm.net");
        _admin = await TestAccounts.TokenClientAsync(_app, admin.Id);
        _officer = await TestAccounts.TokenClientAsync(_app, wiganOfficer!.Id);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<long> DraftAsync()
    {
        var (created, survey) = await ApiCalls.SendAsync(_admin, HttpMethod.Post, "/api/surveys", new
        {
            title = "Covid-19 impact survey 2027",
            templateId = "covid-impact-survey",
            period = "2026/27",
            opensOn = "2027-01-12",
            closesOn = "2027-01-20",
            audience = "chosen",
            organisations = new[] { "wigan-council", "salford-city-council" },
        });
        created.ShouldBe(HttpStatusCode.Created, survey.ToString());
        return survey.GetProperty("id").GetInt64();
    }

    private async Task<int> AuditCountAsync(string entityType)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ObservatoryDbContext>().AuditEntries.CountAsync(e => e.EntityType == entityType);
    }

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string url, params (string Name, string Value)[] fields)
    {
        var token = await TestAccounts.FormTokenAsync(client, url.Split('?')[0]);
        return await client.PostAsync(url, new FormUrlEncodedContent([.. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)), new("__RequestVerificationToken", token)]));
    }

    [Fact]
    public async Task A_draft_changes_title_dates_and_recipients_and_an_open_survey_only_a_later_close_date()
    {
        var id = await DraftAsync();
        (await ApiCalls.SendAsync(_officer, HttpMethod.Put, $"/api/surveys/{id}", new { title = "Mine now" })).Status.ShouldBe(HttpStatusCode.NotFound, "only those who run surveys change them");

        var (bad, problem) = await ApiCalls.SendAsync(_admin, HttpMethod.Put, $"/api/surveys/{id}", new { title = "", closesOn = "2027-01-05", audience = "chosen", organisations = new[] { "nowhere-council" } });
        bad.ShouldBe(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order().ShouldBe(["closesOn", "organisations", "title"]);
        (await ApiCalls.SendAsync(_admin, HttpMethod.Get, $"/api/surveys/{id}")).Body.GetProperty("title").GetString().ShouldBe("Covid-19 impact survey 2027", "nothing kept from a refused change");

        var recipientAudits = await AuditCountAsync("SurveyRecipient");
        var (changed, survey) = await ApiCalls.SendAsync(_admin, HttpMethod.Put, $"/api/surveys/{id}", new
        {
            title = "Covid-19 impact survey, January 2027",
            opensOn = "2027-01-11",
            closesOn = "2027-01-25",
            audience = "chosen",
            organisations = new[] { "wigan-council", "bolton-council" },
        });
        changed.ShouldBe(HttpStatusCode.OK, survey.ToString());
        (survey.GetProperty("title").GetString(), survey.GetProperty("opensOn").GetString(), survey.GetProperty("closesOn").GetString(), survey.GetProperty("progress").GetProperty("invited").GetInt32())
            .ShouldBe(("Covid-19 impact survey, January 2027", "2027-01-11", "2027-01-25", 2));
        (await AuditCountAsync("SurveyRecipient")).ShouldBe(recipientAudits + 2, "Salford taken off and Bolton added, each audited");

        (await ApiCalls.SendAsync(_admin, HttpMethod.Post, $"/api/surveys/{id}/open")).Status.ShouldBe(HttpStatusCode.OK);
        // Sent: Bolton finds it where its members start work; Salford, taken off, does not.
        var bolton = await TestAccounts.ClientAsync(_app, "officer@bolton-council.gov.uk");
        var salford = await TestAccounts.ClientAsync(_app, "officer@salford-city-council.gov.uk");
        var boltonPage = await bolton.GetStringAsync("/organisations/bolton-council/assessments");
        boltonPage.ShouldContain("Surveys waiting for your answer");
        boltonPage.ShouldContain("Covid-19 impact survey, January 2027");
        (await salford.GetStringAsync("/organisations/salford-city-council/assessments")).ShouldNotContain("Covid-19 impact survey, January 2027");

        (await ApiCalls.SendAsync(_admin, HttpMethod.Put, $"/api/surveys/{id}", new { title = "Renamed once open" })).Status.ShouldBe(HttpStatusCode.Conflict);
        (await ApiCalls.SendAsync(_admin, HttpMethod.Put, $"/api/surveys/{id}", new { audience = "all" })).Status.ShouldBe(HttpStatusCode.Conflict);
        (await ApiCalls.SendAsync(_admin, HttpMethod.Put, $"/api/surveys/{id}", new { closesOn = "2027-01-22" })).Status.ShouldBe(HttpStatusCode.Conflict, "an open survey's close date only moves later");
        var surveyAudits = await AuditCountAsync("Survey");
        var (extended, after) = await ApiCalls.SendAsync(_admin, HttpMethod.Put, $"/api/surveys/{id}", new { closesOn = "2027-02-01", title = "Covid-19 impact survey, January 2027" });
        extended.ShouldBe(HttpStatusCode.OK, after.ToString());
        after.GetProperty("closesOn").GetString().ShouldBe("2027-02-01");
        (await AuditCountAsync("Survey")).ShouldBe(surveyAudits + 1);

        (await ApiCalls.SendAsync(_admin, HttpMethod.Post, $"/api/surveys/{id}/close")).Status.ShouldBe(HttpStatusCode.OK);
        (await ApiCalls.SendAsync(_admin, HttpMethod.Put, $"/api/surveys/{id}", new { closesOn = "2027-03-01" })).Status.ShouldBe(HttpStatusCode.Conflict, "a closed survey cannot be changed");
    }

    [Fact]
    public async Task The_page_changes_a_draft_and_once_open_asks_only_for_a_later_close_date()
    {
        var id = await DraftAsync();
        var admin = await TestAccounts.ClientAsync(_app, "admin@socitm.net");
        var officer = await TestAccounts.ClientAsync(_app, "officer@wigan-council.gov.uk");
        (await officer.GetAsync($"/surveys/{id}/edit")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await admin.GetStringAsync($"/surveys/{id}")).ShouldContain($"href=\"/surveys/{id}/edit\"");

        var form = await admin.GetStringAsync($"/surveys/{id}/edit");
        form.ShouldContain("value=\"Covid-19 impact survey 2027\"");
        form.ShouldContain("wigan-council");
        using (var saved = await PostFormAsync(admin, $"/surveys/{id}/edit",
            ("title", "Covid-19 impact survey, spring 2027"), ("opensOn-day", "12"), ("opensOn-month", "1"), ("opensOn-year", "2027"),
            ("closesOn-day", "28"), ("closesOn-month", "1"), ("closesOn-year", "2027"), ("audience", "chosen"), ("organisations", "wigan-council\nbolton-council")))
        {
            saved.StatusCode.ShouldBe(HttpStatusCode.Redirect, await saved.Content.ReadAsStringAsync());
            saved.Headers.Location!.ToString().ShouldBe($"/surveys/{id}");
        }
        var show = await admin.GetStringAsync($"/surveys/{id}");
        show.ShouldContain("Covid-19 impact survey, spring 2027");
        show.ShouldContain("28 January 2027");

        using (var bad = await PostFormAsync(admin, $"/surveys/{id}/edit", ("title", ""), ("opensOn-day", "12"), ("opensOn-month", "1"), ("opensOn-year", "2027"),
            ("closesOn-day", "31"), ("closesOn-month", "2"), ("closesOn-year", "2027"), ("audience", "chosen"), ("organisations", "wigan-council")))
        {
            bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            var html = await bad.Content.ReadAsStringAsync();
            html.ShouldContain("Enter the survey");
            html.ShouldContain("a real date");
        }

        (await ApiCalls.SendAsync(_admin, HttpMethod.Post, $"/api/surveys/{id}/open")).Status.ShouldBe(HttpStatusCode.OK);
        var open = await admin.GetStringAsync($"/surveys/{id}/edit");
        open.ShouldContain("Move the close date");
        open.ShouldNotContain("name=\"title\"");
        open.ShouldNotContain("name=\"opensOn-day\"");
        using (var earlier = await PostFormAsync(admin, $"/surveys/{id}/edit", ("closesOn-day", "20"), ("closesOn-month", "1"), ("closesOn-year", "2027")))
        {
            earlier.StatusCode.ShouldBe(HttpStatusCode.Conflict);
            (await earlier.Content.ReadAsStringAsync()).ShouldContain("not earlier");
        }
        using (var later = await PostFormAsync(admin, $"/surveys/{id}/edit", ("closesOn-day", "7"), ("closesOn-month", "2"), ("closesOn-year", "2027")))
        {
            later.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        }
        (await admin.GetStringAsync($"/surveys/{id}")).ShouldContain("7 February 2027");
    }
}
