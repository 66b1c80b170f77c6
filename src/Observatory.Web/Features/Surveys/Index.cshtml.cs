using Microsoft.AspNetCore.Mvc.RazorPages;
using Observatory.Accounts;
using Observatory.Assessments.Surveys;

namespace Observatory.Web.Features.Surveys;

/// <summary>
/// Sector surveys: published ones for everyone, those sent to your organisations, and every survey with how many
/// have answered for site administrators and curators, who may create one from here.
/// </summary>
public sealed class IndexModel(SectorSurveys surveys, CurrentActor current) : PageModel
{
    public IReadOnlyList<SurveyView> Surveys { get; private set; } = [];

    public bool CanRun => SectorSurveys.CanRun(current.Actor);

    public async Task OnGetAsync(CancellationToken ct) => Surveys = await surveys.ListAsync(ct);
}
