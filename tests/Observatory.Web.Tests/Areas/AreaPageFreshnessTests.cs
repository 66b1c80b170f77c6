using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AngleSharp.Html.Dom;
using Microsoft.Extensions.DependencyInjection;
using Observatory.Indicators;
using Observatory.Testing;

namespace Observatory.Web.Tests.Areas;

/// <summary>
/// Pages read what they show from models kept between requests; an import must reach them at once. A resident who
/// opens Wigan's page after a new claimant count is published sees the new figure, never the one it replaced.
/// </summary>
public sealed class AreaPageFreshnessTests(ContributorAppFixture fixture) : IClassFixture<ContributorAppFixture>
{
    private const string Area = "/areas/E08000010";

    private HttpClient Client => fixture.Client;

    private IndicatorDefinition Claimant => fixture.App.Services.GetRequiredService<IndicatorCatalogue>().Find("claimant-count")!;

    private static string LatestCell(IHtmlDocument page) =>
        page.QuerySelector("a[href='/indicators/claimant-count']").ShouldNotBeNull().Closest("tr")!.QuerySelectorAll("td")[0].TextContent.Normalised();

    [Fact]
    public async Task The_area_page_the_indicator_page_and_the_api_show_an_imported_value_at_once()
    {
        // Wigan's latest claimant count as served now, read before the import so every model is built and kept.
        var data = JsonDocument.Parse(await Client.GetStringAsync("/api/indicators/claimant-count/data?area=E08000010")).RootElement;
        var latest = data.EnumerateArray().Where(p => p.GetProperty("value").ValueKind == JsonValueKind.Number)
            .Select(p => (Period: Period.Parse(p.GetProperty("period").GetString()!), Value: p.GetProperty("value").GetDouble())).MaxBy(p => p.Period);
        var before = await Client.GetHtmlAsync(Area);
        LatestCell(before).ShouldContain(Claimant.FormatValue(latest.Value));
        await Client.GetHtmlAsync($"/indicators/claimant-count?period={latest.Period.ToIso()}");

        // A value no council has, so the page can only show it if it read the import.
        var revised = Math.Round(latest.Value + 7.3, 1);
        using var response = await UploadAsync($"E08000010,claimant-count,{latest.Period.ToIso()},{revised.ToString(CultureInfo.InvariantCulture)},,,,Revised\n");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ParseHtml().QuerySelector(".govuk-notification-banner--success").ShouldNotBeNull("the import was refused");

        var after = await Client.GetHtmlAsync(Area);
        LatestCell(after).ShouldContain(Claimant.FormatValue(revised));
        LatestCell(after).ShouldNotContain(Claimant.FormatValue(latest.Value));
        var indicatorPage = await Client.GetHtmlAsync($"/indicators/claimant-count?period={latest.Period.ToIso()}");
        indicatorPage.QuerySelectorAll("#areas-table tbody tr").Single(tr => tr.QuerySelector("[data-code]")?.GetAttribute("data-code") == "E08000010")
            .Children[2].TextContent.Normalised().ShouldBe(Claimant.FormatValue(revised));
        var served = JsonDocument.Parse(await Client.GetStringAsync($"/api/indicators/claimant-count/data?area=E08000010&period={latest.Period.ToIso()}")).RootElement;
        served.EnumerateArray().Single().GetProperty("value").GetDouble().ShouldBe(revised);
    }

    private async Task<HttpResponseMessage> UploadAsync(string rows)
    {
        var page = await Client.GetHtmlAsync("/indicators/import");
        var form = new MultipartFormDataContent
        {
            { new StringContent(page.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!), "__RequestVerificationToken" },
        };
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes("area,indicator,period,value,lci95,uci95,status,note\n" + rows));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "claimant-revised.csv");
        form.Add(new StringContent("tidy"), "format");
        form.Add(new StringContent("Revised claimant count"), "source");
        return await Client.PostAsync("/indicators/import", form);
    }
}
