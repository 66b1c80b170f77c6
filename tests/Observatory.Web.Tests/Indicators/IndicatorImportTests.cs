using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Observatory.Indicators;
using Observatory.Storage;
using Observatory.Testing;

namespace Observatory.Web.Tests.Indicators;

/// <summary>Importing indicator data through the upload page: all or nothing, problems named by line and column.</summary>
public sealed class IndicatorImportTests(ContributorAppFixture fixture) : IClassFixture<ContributorAppFixture>
{
    private const string Header = "area,indicator,period,value,lci95,uci95,status,note\n";

    private HttpClient Client => fixture.Client;

    private async Task<HttpResponseMessage> Upload(string fileName, string content, string format = "tidy", string source = "Test upload", bool withToken = true)
    {
        var form = new MultipartFormDataContent();
        if (withToken)
        {
            var page = await Client.GetHtmlAsync("/indicators/import");
            form.Add(new StringContent(page.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!), "__RequestVerificationToken");
        }
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(content));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", fileName);
        form.Add(new StringContent(format), "format");
        form.Add(new StringContent(source), "source");
        return await Client.PostAsync("/indicators/import", form);
    }

    private async Task<(int Observations, int Imports)> StoreCounts()
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ObservatoryDbContext>();
        return (await db.Observations.CountAsync(), await db.IndicatorImports.CountAsync());
    }

    [Fact]
    public async Task A_valid_tidy_file_is_imported_its_counts_shown_and_its_data_served()
    {
        var csv = Header + "E08000010,claimant-count,2030-01-01/P1Y,4.2,3.9,4.5,,Test value\nE08000006,claimant-count,2030-01-01/P1Y,5.1,,,u,\n";

        using var response = await Upload("claimant-2030.csv", csv);
        var page = (await response.Content.ReadAsStringAsync()).ParseHtml();

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var banner = page.QuerySelector(".govuk-notification-banner--success")!;
        var counts = banner.QuerySelectorAll("#import-counts li").Select(li => li.TextContent.Normalised()).ToList();
        counts.ShouldContain("Rows read: 2");
        counts.ShouldContain("Added: 2");
        counts.ShouldContain("Changed: 0");
        counts.ShouldContain("Unchanged: 0");
        counts.ShouldContain("Skipped: 0");
        var history = banner.QuerySelector("a[href^='/imports/']")!.GetAttribute("href")!;

        var record = await Client.GetHtmlAsync(history);
        record.QuerySelector("h1")!.TextContent.Normalised().ShouldBe("claimant-2030.csv");
        record.QuerySelector(".govuk-summary-list")!.TextContent.ShouldContain("Test upload");

        var data = JsonDocument.Parse(await Client.GetStringAsync("/api/indicators/claimant-count/data?area=E08000010,E08000006&period=2030-01-01/P1Y")).RootElement;
        data.GetArrayLength().ShouldBe(2);
        var wigan = data.EnumerateArray().Single(p => p.GetProperty("area").GetString() == "E08000010");
        wigan.GetProperty("value").GetDouble().ShouldBe(4.2);
        wigan.GetProperty("lci95").GetDouble().ShouldBe(3.9);
        data.EnumerateArray().Single(p => p.GetProperty("area").GetString() == "E08000006").GetProperty("status").GetString().ShouldBe("u");
    }

    [Fact]
    public async Task A_file_with_an_error_on_its_last_line_is_refused_and_nothing_is_written()
    {
        var before = await StoreCounts();
        var csv = Header + "E08000010,claimant-count,2031-01-01/P1Y,4.2,,,,\nE08000006,claimant-count,2031-01-01/P1Y,5.1,,,,\nE08000001,claimant-count,2031-01-01/P1Y,lots,,,,\n";

        using var response = await Upload("broken.csv", csv);
        var page = (await response.Content.ReadAsStringAsync()).ParseHtml();

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        page.Title.ShouldStartWith("Error:");
        var errors = page.QuerySelectorAll(".govuk-error-summary__list li").Select(li => li.TextContent.Normalised()).ToList();
        errors.ShouldBe(["broken.csv line 4, column 4: value: 'lots' is not a number"]);
        page.QuerySelector("#file-error").ShouldNotBeNull();
        (await StoreCounts()).ShouldBe(before);
        JsonDocument.Parse(await Client.GetStringAsync("/api/indicators/claimant-count/data?period=2031-01-01/P1Y")).RootElement.GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task The_same_file_again_is_recognised_and_changes_nothing()
    {
        var csv = Header + "E08000010,claimant-count,2032-01-01/P1Y,3.3,,,,\n";
        (await Upload("again.csv", csv)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var before = await StoreCounts();

        using var response = await Upload("again.csv", csv);
        var page = (await response.Content.ReadAsStringAsync()).ParseHtml();

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        page.QuerySelector(".govuk-notification-banner")!.TextContent.ShouldContain("already imported");
        page.QuerySelector(".govuk-notification-banner")!.TextContent.ShouldContain("Nothing changed");
        page.QuerySelector(".govuk-notification-banner--success").ShouldBeNull();
        (await StoreCounts()).ShouldBe(before);
    }

    [Fact]
    public async Task A_post_without_the_anti_forgery_token_is_rejected_and_changes_nothing()
    {
        var before = await StoreCounts();

        using var response = await Upload("forged.csv", Header + "E08000010,claimant-count,2033-01-01/P1Y,3.3,,,,\n", withToken: false);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await StoreCounts()).ShouldBe(before);
    }

    [Fact]
    public async Task A_form_without_a_source_or_with_another_file_type_is_refused()
    {
        using var response = await Upload("data.xlsx", Header, source: " ");
        var page = (await response.Content.ReadAsStringAsync()).ParseHtml();

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = page.QuerySelectorAll(".govuk-error-summary__list a").Select(a => (a.GetAttribute("href"), a.TextContent.Normalised())).ToList();
        errors.ShouldContain(("#file", "The selected file must be a CSV file (.csv)"));
        errors.ShouldContain(("#source", "Enter where the data comes from"));
    }

    [Fact]
    public async Task The_upload_page_has_a_file_input_format_radios_source_and_token()
    {
        var page = await Client.GetHtmlAsync("/indicators/import");

        var form = page.QuerySelector("main form[method='post']")!;
        form.GetAttribute("enctype").ShouldBe("multipart/form-data");
        form.QuerySelector("input[type='file'][name='file']").ShouldNotBeNull();
        form.QuerySelectorAll("input[type='radio'][name='format']").Select(r => r.GetAttribute("value")).ShouldBe(["detect", "els", "opensdg", "tidy"]);
        form.QuerySelector("input[type='radio'][value='detect']")!.HasAttribute("checked").ShouldBeTrue();
        form.QuerySelector("input[name='source']").ShouldNotBeNull();
        form.QuerySelector("input[name='__RequestVerificationToken']").ShouldNotBeNull();
    }

    [Fact]
    public async Task An_oversized_upload_is_sent_back_to_the_form_with_the_limit()
    {
        var page = await Client.GetAsync("/indicators/import?too-large=true");
        var html = (await page.Content.ReadAsStringAsync()).ParseHtml();

        page.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        html.QuerySelector(".govuk-error-summary a[href='#file']")!.TextContent.ShouldContain("smaller than 100 MB");
    }
}
