using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Observatory.Indicators;
using Observatory.Testing;
using Observatory.Web.Features.Shared;
using Observatory.Web.Tests.Areas;

namespace Observatory.Web.Tests.Downloads;

/// <summary>
/// Every CSV download has a spreadsheet beside it that a spreadsheet program opens (read here with the Open XML SDK,
/// the library's own reader) and that holds the CSV's table cell for cell, numbers as number cells, with a notes
/// sheet saying what it is, where it comes from, under which licence and when it was made.
/// </summary>
public sealed class SpreadsheetDownloadTests(WebAppFixture fixture) : IClassFixture<WebAppFixture>
{
    private HttpClient Client => fixture.Client;

    public static TheoryData<string, string> Pairs() => new()
    {
        { "/api/areas.csv?nation=Wales", "/api/areas.xlsx?nation=Wales" },
        { "/api/areas/E08000010.csv", "/api/areas/E08000010.xlsx" },
        { "/api/areas/E08000010/data.csv", "/api/areas/E08000010/data.xlsx" },
        { "/api/indicators/claimant-count/data.csv?area=E08000010,E08000001", "/api/indicators/claimant-count/data.xlsx?area=E08000010,E08000001" },
        { "/api/indicators/claimant-count/export?format=els", "/api/indicators/claimant-count/export?format=xlsx" },
        { "/api/portraits/E08000010.csv", "/api/portraits/E08000010.xlsx" },
        { "/api/evidence.csv?q=digital", "/api/evidence.xlsx?q=digital" },
        { "/api/evidence/export?format=csv", "/api/evidence/export?format=xlsx" },
        { "/evidence/gaps?format=csv", "/evidence/gaps?format=xlsx" },
        { "/compare?handler=csv&council=E08000010&council=E08000001", "/compare?handler=xlsx&council=E08000010&council=E08000001" },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public async Task The_spreadsheet_holds_the_same_table_as_the_CSV(string csvUrl, string xlsxUrl)
    {
        var csv = Spreadsheets.ReadCsv(await Client.GetStringAsync(csvUrl));
        using var response = await Client.GetAsync(xlsxUrl);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, xlsxUrl);
        response.Content.Headers.ContentType!.MediaType.ShouldBe(SpreadsheetResults.ContentType);
        response.Content.Headers.ContentDisposition!.FileName!.Trim('"').ShouldEndWith(".xlsx");

        Spreadsheets.SheetNames(bytes).ShouldBe(["Data", "Notes"]);
        var data = Spreadsheets.Read(bytes, "Data");
        csv.Count.ShouldBeGreaterThan(1, $"{csvUrl} has rows to compare");
        data.Count.ShouldBe(csv.Count, xlsxUrl);
        for (var r = 0; r < csv.Count; r++)
        {
            // An empty CSV field is an absent cell: compare the row padded to the CSV's width.
            var row = data[r].Select(c => c.Text).Concat(Enumerable.Repeat("", Math.Max(0, csv[r].Count - data[r].Count))).ToList();
            row.ShouldBe(csv[r], $"{xlsxUrl} row {r + 1}");
        }
        // Figures are number cells a spreadsheet can add up; codes and periods stay text.
        var cells = data.Skip(1).SelectMany(row => row).Where(c => c.Text.Length > 0).ToList();
        cells.Where(c => c.Number).ShouldAllBe(c => double.Parse(c.Text, CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture) == c.Text);
        cells.Where(c => c.Text.StartsWith('E') && c.Text.Length == 9).ShouldAllBe(c => !c.Number);

        var notes = Spreadsheets.Read(bytes, "Notes").Select(row => row.Select(c => c.Text).ToList()).ToList();
        notes[0][0].ShouldBe("Title");
        notes[0][1].ShouldNotBeNullOrWhiteSpace();
        notes[1][0].ShouldBe("Made");
        DateTimeOffset.Parse(notes[1][1], CultureInfo.InvariantCulture).ShouldBe(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(10));
        var sources = notes.SkipWhile(row => row.FirstOrDefault() != "Source").Skip(1).ToList();
        sources.ShouldNotBeEmpty($"{xlsxUrl} names its sources");
        sources.ShouldAllBe(row => row.Count >= 3 && row[2].Length > 0, $"{xlsxUrl}: every source has a licence");
    }

    [Fact]
    public async Task An_indicators_spreadsheet_names_its_published_source_and_licence()
    {
        var catalogue = fixture.App.Services.GetRequiredService<IndicatorCatalogue>();
        var dataset = catalogue.FindDataset(catalogue.Find("claimant-count")!.DatasetId)!;
        var notes = Spreadsheets.Read(await Client.GetByteArrayAsync("/api/indicators/claimant-count/export?format=xlsx"), "Notes")
            .Select(row => row.Select(c => c.Text).ToList()).ToList();
        var source = notes.SkipWhile(row => row.FirstOrDefault() != "Source").Skip(1).ShouldHaveSingleItem();
        source[0].ShouldContain(dataset.Source.Organisation);
        source[1].ShouldBe(dataset.Source.Url);
        source[2].ShouldBe(SpreadsheetResults.LicenceName(dataset.Source.Licence));
        source[2].ShouldNotBe(dataset.Source.Licence, "a reader sees the licence's name, not the catalogue's identifier");
    }

    [Fact]
    public async Task The_area_file_holds_the_published_value_of_each_indicator()
    {
        // The claimant count as ONS publishes it in the shipped file, against the area file's row for the same period.
        var (period, value) = AreaPagesTests.LatestInShippedCsv("ons_els/claimant-count/claimant-count.csv", "E08000010");
        var rows = Spreadsheets.ReadCsv(await Client.GetStringAsync("/api/areas/E08000010/data.csv"));
        var header = rows[0];
        var row = rows.Skip(1).Single(r => r[header.IndexOf("indicator")] == "claimant-count" && r[header.IndexOf("period")] == period.ToIso());
        double.Parse(row[header.IndexOf("value")], CultureInfo.InvariantCulture).ShouldBe(value);
        row[header.IndexOf("area")].ShouldBe("E08000010");
        row[header.IndexOf("licence")].ShouldNotBeNullOrEmpty();

        // Every indicator with a value for Wigan is in the file.
        var queries = fixture.App.Services.CreateScope().ServiceProvider.GetRequiredService<ObservationQueries>();
        var held = (await queries.ForAreasAsync(["E08000010"])).Select(p => p.IndicatorId).Distinct().Order().ToList();
        rows.Skip(1).Select(r => r[header.IndexOf("indicator")]).Distinct().Order().ShouldBe(held);
        held.Count.ShouldBeGreaterThan(10);
    }

    [Theory]
    [InlineData("/api/areas/E99999999/data.xlsx", HttpStatusCode.NotFound)]
    [InlineData("/api/areas/E99999999/data.csv", HttpStatusCode.NotFound)]
    [InlineData("/api/areas/E99999999.xlsx", HttpStatusCode.NotFound)]
    [InlineData("/api/indicators/no-such-indicator/data.xlsx", HttpStatusCode.NotFound)]
    [InlineData("/api/indicators/claimant-count/data.xlsx?period=last-tuesday", HttpStatusCode.BadRequest)]
    [InlineData("/api/evidence.xlsx?page=2", HttpStatusCode.BadRequest)]
    [InlineData("/api/evidence/export?format=xlsx&q=food", HttpStatusCode.BadRequest)]
    [InlineData("/evidence/gaps?format=ods", HttpStatusCode.BadRequest)]
    public async Task A_spreadsheet_of_something_that_does_not_exist_is_refused_with_a_reason(string url, HttpStatusCode expected)
    {
        using var response = await Client.GetAsync(url);
        response.StatusCode.ShouldBe(expected, url);
        response.Content.Headers.ContentType!.MediaType.ShouldNotBe(SpreadsheetResults.ContentType);
    }

    [Fact]
    public async Task Each_page_offers_the_spreadsheet_beside_its_CSV()
    {
        foreach (var (page, href) in new[]
        {
            ("/areas", "/api/areas.xlsx"),
            ("/areas/E08000010", "/api/areas/E08000010/data.xlsx"),
            ("/areas/E08000010", "/api/areas/E08000010.xlsx"),
            ("/indicators/claimant-count", "/api/indicators/claimant-count/export?format=xlsx"),
            ("/indicators/claimant-count", "/api/indicators.zip"),
            ("/evidence/gaps", "format=xlsx"),
            ("/evidence/map", "format=xlsx"),
            ("/evidence?q=digital", "/api/evidence.xlsx"),
            ("/compare?council=E08000010&council=E08000001", "handler=xlsx"),
            ("/portraits/uk-council/E08000010", ".xlsx?definition=uk-council"),
        })
        {
            var document = await Client.GetHtmlAsync(page);
            var links = document.QuerySelectorAll("a[download]").Select(a => a.GetAttribute("href")!).ToList();
            links.ShouldContain(l => l.Contains(href, StringComparison.Ordinal), $"{page} links to {href}");
            foreach (var link in links.Where(l => l.Contains(href, StringComparison.Ordinal)))
            {
                using var response = await Client.GetAsync(link.Replace("&amp;", "&", StringComparison.Ordinal));
                response.StatusCode.ShouldBe(HttpStatusCode.OK, $"{page}: {link}");
            }
        }
    }
}
