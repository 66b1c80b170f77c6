using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Observatory.Testing;

namespace Observatory.Web.Tests.Indicators;

/// <summary>A note imported as a spreadsheet formula comes out of every CSV download as text, never as a formula (OWASP's CSV injection rule).</summary>
public sealed class CsvInjectionTests(ContributorAppFixture fixture) : IClassFixture<ContributorAppFixture>
{
    private const string Formula = "=HYPERLINK(\"http://evil.example\",\"Open\")";

    [Fact]
    public async Task An_imported_formula_is_written_as_text_in_the_els_and_data_downloads()
    {
        var page = await fixture.Client.GetHtmlAsync("/indicators/import");
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes("area,indicator,period,value,note\nE08000010,claimant-count,2041-01-01/P1Y,4.2,\"=HYPERLINK(\"\"http://evil.example\"\",\"\"Open\"\")\"\n"));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(page.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!), "__RequestVerificationToken" },
            { file, "file", "formula.csv" },
            { new StringContent("tidy"), "format" },
            { new StringContent("A test"), "source" },
        };
        using (var imported = await fixture.Client.PostAsync("/indicators/import", form))
        {
            imported.StatusCode.ShouldBe(HttpStatusCode.OK, await imported.Content.ReadAsStringAsync());
        }

        var els = TestCsv.ReadRecords(await fixture.Client.GetStringAsync("/api/indicators/claimant-count/export?format=els")).ToList();
        var notes = els[0].IndexOf("notes");
        els.Single(r => r[4] == "2041-01-01/P1Y" && r[0] == "E08000010")[notes].ShouldBe("'" + Formula);

        var data = TestCsv.ReadRecords(await fixture.Client.GetStringAsync("/api/indicators/claimant-count/data.csv?area=E08000010&period=2041-01-01/P1Y")).ToList();
        data.Skip(1).Single().ShouldContain("'" + Formula);
    }
}
