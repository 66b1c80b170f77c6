using System.Globalization;
using Observatory.Assessments;
using Observatory.Web.Setup;

namespace Observatory.Web.Features.Assessments;

/// <summary>
/// <c>GET /assessments/{id}/results.pdf</c>: the results page as an A4 PDF to download for a board paper. The same
/// access as the page: the organisation's members (and those it shared with) read it, anyone reads results it made
/// public, and to everyone else the assessment does not exist.
/// </summary>
public static class ResultsPdfEndpoint
{
    public static void MapAssessmentResultsPdf(this WebApplication app) =>
        app.MapGet("/assessments/{id:long}/results.pdf", DownloadAsync).AllowAnonymous().ExcludeFromDescription();

    private static async Task<IResult> DownloadAsync(long id, OrganisationAssessments assessments, TimeProvider clock, CancellationToken ct)
    {
        if (!(await assessments.ResultsAsync(id, ct)).Succeeded(out var results, out var refusal))
        {
            return Results.StatusCode(refusal.StatusCode());
        }
        var a = results.Record.Assessment;
        var pdf = AssessmentPdf.Write(results, ResultWords.Describe(results.Score), clock.GetUtcNow());
        var name = string.Create(CultureInfo.InvariantCulture, $"{results.Record.Organisation.Slug}-{a.TemplateId}-{a.Period.Replace('/', '-')}-results.pdf");
        return Results.File(pdf, AssessmentPdf.ContentType, name);
    }
}
