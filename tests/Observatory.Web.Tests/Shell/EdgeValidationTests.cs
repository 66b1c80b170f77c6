using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Observatory.Testing;

namespace Observatory.Web.Tests.Shell;

/// <summary>
/// Periods, ids and text are checked where they enter: a period outside 1800–2200 is a 400 (or refused at import), an
/// id that is blank or holds control characters is a 404, and a query holding control characters is a 400 — never a 500.
/// (A NUL in a path never reaches the app: Kestrel refuses it with 400, and the test server will not send it.)
/// </summary>
public sealed class EdgeValidationTests(ContributorAppFixture fixture) : IClassFixture<ContributorAppFixture>
{
    private HttpClient Client => fixture.Client;

    [Theory]
    [InlineData("/api/portraits/E08000010?period=9999-01-01/P1Y")]
    [InlineData("/api/portraits/E08000010?period=9999-10")]
    [InlineData("/api/portraits?period=9999-01-01/P1Y")]
    [InlineData("/api/indices/thriving-places/scores?period=9999-10")]
    [InlineData("/api/indices/thriving-places/scores?period=9999-01-01/P1Y")]
    [InlineData("/portraits/uk-council?period=9999-01-01/P1Y")]
    [InlineData("/portraits/uk-council/E08000010?period=9999-10")]
    [InlineData("/areas/E08000010/portrait?period=9999-01-01/P1Y")]
    [InlineData("/indicators/claimant-count?period=9999-01-01/P1Y")]
    [InlineData("/api/indicators/claimant-count/data?period=9999-01-01/P1Y")]
    public async Task A_period_outside_1800_to_2200_is_refused_with_400(string url)
    {
        using var response = await Client.GetAsync(url);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_imported_row_with_a_period_past_2200_is_refused_and_the_indicator_page_keeps_working()
    {
        var page = await Client.GetHtmlAsync("/indicators/import");
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes("area,indicator,period,value\nE08000010,claimant-count,2024-01-01/P1Y,4.1\nE08000010,claimant-count,9999-01-01/P5Y,4.2\n"));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(page.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!), "__RequestVerificationToken" },
            { file, "file", "far-future.csv" },
            { new StringContent("tidy"), "format" },
            { new StringContent("A test"), "source" },
        };

        using var response = await Client.PostAsync("/indicators/import", form);
        var errors = (await response.Content.ReadAsStringAsync()).ParseHtml().QuerySelectorAll(".govuk-error-summary__list li").Select(li => li.TextContent.Normalised()).ToList();

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        errors.ShouldBe(["far-future.csv line 3, column 3: period: '9999-01-01/P5Y' is outside 1800 to 2200, the years a period may cover"]);
        (await Client.GetAsync("/indicators/claimant-count")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("/indicators/%20")]
    [InlineData("/portraits/%20")]
    [InlineData("/portraits/%20/E08000010")]
    [InlineData("/portraits/uk-council/%20")]
    [InlineData("/frameworks/%20")]
    [InlineData("/frameworks/%20/%20")]
    [InlineData("/indices/%20")]
    [InlineData("/indices/thriving-places/%20")]
    [InlineData("/areas/%20")]
    [InlineData("/areas/%20/portrait")]
    [InlineData("/areas/%20/similar")]
    [InlineData("/invitations/%20")]
    [InlineData("/account/reset/%20")]
    [InlineData("/organisations/%20")]
    [InlineData("/evidence/%20")]
    [InlineData("/evidence/%20/versions")]
    [InlineData("/api/frameworks/%20")]
    [InlineData("/api/indicators/%20")]
    [InlineData("/api/areas/%20")]
    [InlineData("/api/portraits/%20")]
    [InlineData("/api/indices/%20/scores")]
    [InlineData("/api/evidence/%20")]
    [InlineData("/indicators/claimant%01count")]
    [InlineData("/frameworks/%01")]
    [InlineData("/api/areas/E08000010%1F")]
    [InlineData("/invitations/%09%0A")]
    public async Task A_blank_id_or_one_holding_control_characters_is_not_found(string url)
    {
        using var response = await Client.GetAsync(url);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/evidence/submit", 2_000_000, HttpStatusCode.RequestEntityTooLarge)]
    [InlineData("/sign-in", 1_100_000, HttpStatusCode.RequestEntityTooLarge)]
    [InlineData("/evidence/submit", 600_000, HttpStatusCode.BadRequest)]
    [InlineData("/api/areas", 100_000, HttpStatusCode.RequestEntityTooLarge)]
    public async Task A_body_larger_than_its_route_takes_is_refused_before_it_is_read(string url, int bytes, HttpStatusCode expected)
    {
        var fields = new Dictionary<string, string> { ["title"] = new string('t', bytes) };
        if (!url.StartsWith("/api", StringComparison.Ordinal))
        {
            fields["__RequestVerificationToken"] = await TestAccounts.FormTokenAsync(Client, url);
        }
        using var request = new HttpRequestMessage(url.StartsWith("/api", StringComparison.Ordinal) ? HttpMethod.Get : HttpMethod.Post, url) { Content = new FormUrlEncodedContent(fields) };

        using var response = await Client.SendAsync(request);

        response.StatusCode.ShouldBe(expected);
    }

    [Theory]
    [InlineData("/evidence?q=%00")]
    [InlineData("/api/evidence?q=food%00")]
    [InlineData("/areas?q=%01")]
    [InlineData("/frameworks/search?q=%00")]
    [InlineData("/api/areas?q=%1B")]
    public async Task A_query_holding_control_characters_is_refused_with_400(string url)
    {
        using var response = await Client.GetAsync(url);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
    }
}
