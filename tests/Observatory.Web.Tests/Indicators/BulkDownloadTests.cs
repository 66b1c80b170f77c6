using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Observatory.Indicators;
using Observatory.Web.Tests.Downloads;

namespace Observatory.Web.Tests.Indicators;

/// <summary>
/// The bulk download: every indicator for every council as one ZIP of ONS Explore Local Statistics CSVs with CSV on
/// the Web metadata that lists each of them and their columns, built once per import.
/// </summary>
public sealed class BulkDownloadTests(WebAppFixture fixture) : IClassFixture<WebAppFixture>
{
    private HttpClient Client => fixture.Client;

    [Fact]
    public async Task The_zip_opens_and_its_metadata_describes_every_CSV_in_it()
    {
        using var response = await Client.GetAsync("/api/indicators.zip");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/zip");
        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), ZipArchiveMode.Read);

        var metadata = JsonDocument.Parse(Read(zip, BulkDownload.MetadataFile)).RootElement;
        metadata.GetProperty("@context").GetString().ShouldBe("http://www.w3.org/ns/csvw");
        var tables = metadata.GetProperty("tables").EnumerateArray().ToList();
        var csvs = zip.Entries.Select(e => e.FullName).Where(n => n.EndsWith(".csv", StringComparison.Ordinal)).Order().ToList();
        tables.Select(t => t.GetProperty("url").GetString()!).Order().ToList().ShouldBe(csvs, "every CSV is listed in the metadata, and nothing else");
        zip.Entries.Count.ShouldBe(csvs.Count + 1);

        // Every indicator with council values is in it: the catalogue's, as /api/indicators lists them.
        var listed = JsonDocument.Parse(await Client.GetStringAsync("/api/indicators")).RootElement.EnumerateArray()
            .Where(i => i.GetProperty("latestPeriod").ValueKind == JsonValueKind.String).Select(i => i.GetProperty("id").GetString() + ".csv").Order().ToList();
        listed.Count.ShouldBeGreaterThan(20);
        csvs.ShouldBe(listed);

        foreach (var table in tables)
        {
            var name = table.GetProperty("url").GetString()!;
            var text = Read(zip, name);
            var rows = Spreadsheets.ReadCsv(text);
            var columns = table.GetProperty("tableSchema").GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("name").GetString()!).ToList();
            rows[0].ShouldBe(columns, $"{name}: the header is the metadata's columns, in order");
            rows.Skip(1).ShouldAllBe(r => r.Count == columns.Count, $"{name}: every row has every column");
            rows.Count.ShouldBeGreaterThan(1, name);
            table.GetProperty("dc:license").GetString().ShouldStartWith("http");
        }

        // Each CSV is the same file as the indicator's own ELS download.
        Read(zip, "claimant-count.csv").ShouldBe(await Client.GetStringAsync("/api/indicators/claimant-count/export?format=els"));
    }

    [Fact]
    public async Task The_zip_is_built_once_per_import_not_per_request()
    {
        await using var first = fixture.App.Services.CreateAsyncScope();
        await using var second = fixture.App.Services.CreateAsyncScope();
        var a = await first.ServiceProvider.GetRequiredService<BulkDownload>().CurrentAsync();
        var b = await second.ServiceProvider.GetRequiredService<BulkDownload>().CurrentAsync();
        b.ShouldBeSameAs(a, "a second request is answered from the file already built");
        (await Client.GetByteArrayAsync("/api/indicators.zip")).ShouldBe(a.Content);
    }

    private static string Read(ZipArchive zip, string name)
    {
        var entry = zip.GetEntry(name).ShouldNotBeNull(name);
        using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
