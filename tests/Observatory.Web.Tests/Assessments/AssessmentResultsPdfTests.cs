using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Observatory.Accounts;
using Observatory.Assessments;
using Observatory.Testing;
using PdfSharp.Pdf;
using PdfSharp.Pdf.Content;
using PdfSharp.Pdf.Content.Objects;
using PdfSharp.Pdf.IO;

namespace Observatory.Web.Tests.Assessments;

/// <summary>
/// An organisation's results as a downloadable A4 PDF for a board paper, over HTTP: read back with PDFsharp's own
/// reader, it names the organisation, the template, every section, the strengths and gaps and the targets; it is
/// shown to whoever may read the results page and to no one else.
/// </summary>
public sealed class AssessmentResultsPdfTests : IAsyncLifetime
{
    private readonly ObservatoryAppFactory _app = new();
    private Person _approver = null!;

    public async Task InitializeAsync()
    {
        _app.Settings["OBSERVATORY_SIGNIN_PER_MINUTE"] = "1000000";
        await _app.EnsurePreparedAsync();
        var wigan = await TestAccounts.OrganisationAsync(_app.Services, "Wigan Council", "E08000010");
        var salford = await TestAccounts.OrganisationAsync(_app.Services, "Salford City Council", "E08000006");
        _approver = await TestAccounts.MemberAsync(_app.Services, "approver@wigan.gov.uk", wigan, Role.Approver);
        await TestAccounts.MemberAsync(_app.Services, "viewer@wigan.gov.uk", wigan, Role.Viewer);
        await TestAccounts.MemberAsync(_app.Services, "admin@salford.gov.uk", salford, Role.OrganisationAdmin);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private AssessmentTemplate DigitalMaturity => _app.Services.GetRequiredService<AssessmentCatalogue>().Find("digital-maturity")!;

    /// <summary>Wigan answers every question at level 3 but data use at 1, with a target and action on data use, and submits.</summary>
    private async Task<long> AssessAsync(HttpClient script)
    {
        using var started = await script.PostAsJsonAsync("/api/organisations/wigan-council/assessments", new { templateId = "digital-maturity", period = "2026/27" });
        started.StatusCode.ShouldBe(HttpStatusCode.Created, await started.Content.ReadAsStringAsync());
        var id = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var answers = DigitalMaturity.Questions.ToDictionary(q => q.Id, object (q) => new { answer = 3, confidence = "high", method = "self" });
        answers["data-use"] = new { answer = 1, confidence = "low", method = "peer", target = 3, action = "Appoint a chief data officer by March" };
        using (var saved = await script.PutAsJsonAsync($"/api/assessments/{id}", new { answers }))
        {
            saved.StatusCode.ShouldBe(HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());
        }
        using var submitted = await script.PostAsync($"/api/assessments/{id}/submit", null);
        submitted.StatusCode.ShouldBe(HttpStatusCode.OK);
        return id;
    }

    /// <summary>Every string the pages draw, read back from the file's content streams, in order, spaces made single.</summary>
    private static (string Text, PdfDocument Document) Read(byte[] pdf)
    {
        var document = PdfReader.Open(new MemoryStream(pdf), PdfDocumentOpenMode.Import);
        var text = new StringBuilder();
        foreach (var page in document.Pages)
        {
            Collect(ContentReader.ReadContent(page), text);
        }
        return (Regex.Replace(text.ToString(), @"\s+", " "), document);
    }

    private static void Collect(CObject item, StringBuilder text)
    {
        switch (item)
        {
            case CString s:
                text.Append(s.Value).Append(' ');
                break;
            case COperator op:
                foreach (var operand in op.Operands)
                {
                    Collect(operand, text);
                }
                break;
            case CSequence sequence:
                foreach (var inner in sequence)
                {
                    Collect(inner, text);
                }
                break;
        }
    }

    [Fact]
    public async Task The_results_download_as_an_a4_pdf_naming_the_organisation_every_section_the_gaps_and_the_targets()
    {
        var id = await AssessAsync(await TestAccounts.TokenClientAsync(_app, _approver));
        var viewer = await TestAccounts.ClientAsync(_app, "viewer@wigan.gov.uk");

        var page = await viewer.GetStringAsync($"/assessments/{id}/results");
        page.ShouldContain($"href=\"/assessments/{id}/results.pdf\"");

        using var response = await viewer.GetAsync($"/assessments/{id}/results.pdf");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        response.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        response.Content.Headers.ContentDisposition.FileNameStar.ShouldBe("wigan-council-digital-maturity-2026-27-results.pdf");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Encoding.ASCII.GetString(bytes, 0, 5).ShouldBe("%PDF-");

        var (text, document) = Read(bytes);
        using (document)
        {
            document.PageCount.ShouldBeGreaterThan(0);
            foreach (var p in document.Pages)
            {
                (Math.Round(p.Width.Point), Math.Round(p.Height.Point)).ShouldBe((595.0, 842.0), "A4");
            }
        }
        text.ShouldContain("Wigan Council");
        text.ShouldContain("2026/27");
        text.ShouldContain($"version {DigitalMaturity.Version}");
        foreach (var topic in DigitalMaturity.Topics)
        {
            text.ShouldContain(topic.Title);
        }
        text.ShouldContain("Strengths and gaps");
        var dataTopic = DigitalMaturity.Topics.Single(t => t.Questions.Any(q => q.Id == "data-use"));
        text.ShouldContain($"{dataTopic.Title} is your weakest section");
        text.ShouldContain("Targets against now");
        text.ShouldContain("Appoint a chief data officer by March");
        text.ShouldContain("Peer assessment for 1 answer");
    }

    [Fact]
    public async Task Private_results_are_not_found_outside_the_organisation_and_public_ones_download_for_anyone()
    {
        var script = await TestAccounts.TokenClientAsync(_app, _approver);
        var id = await AssessAsync(script);
        var outsider = await TestAccounts.ClientAsync(_app, "admin@salford.gov.uk");
        var anonymous = await _app.ClientAsync();

        (await outsider.GetAsync($"/assessments/{id}/results.pdf")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await anonymous.GetAsync($"/assessments/{id}/results.pdf")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await anonymous.GetAsync($"/assessments/{id + 1000}/results.pdf")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        using (var published = await script.PostAsJsonAsync($"/api/assessments/{id}/visibility", new { visibility = "public" }))
        {
            published.StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        using var response = await anonymous.GetAsync($"/assessments/{id}/results.pdf");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var (text, document) = Read(await response.Content.ReadAsByteArrayAsync());
        document.Dispose();
        text.ShouldContain("Wigan Council");
    }
}
