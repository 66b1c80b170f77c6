using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Observatory.Assessments.Surveys;
using Observatory.Outcomes;
using Observatory.Web.Features.Shared;
using Observatory.Web.Setup;

namespace Observatory.Web.Features.Surveys;

/// <summary>
/// A survey's page: what it asks, when and of whom. An invited organisation's members start or continue its
/// response here and say whether its written answers may be published without names; site administrators and
/// curators open, close and publish it and see how many have answered (counts only). Not found for anyone else
/// until its results are published.
/// </summary>
public sealed class ShowModel(SectorSurveys surveys, TimeProvider clock) : PageModel
{
    public SurveyView View { get; private set; } = null!;

    public FormErrors Errors { get; } = new();

    public DateOnly Today => SurveyWindow.Today(clock);

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    public Task<IActionResult> OnPostOpenAsync(long id, CancellationToken ct) =>
        MoveAsync(id, surveys.OpenAsync(id, ct), "The survey is open. The organisations it was sent to can see it on their self-assessments page.", ct);

    public Task<IActionResult> OnPostCloseAsync(long id, CancellationToken ct) =>
        MoveAsync(id, surveys.CloseAsync(id, ct), "The survey is closed: no more answers are taken.", ct);

    public async Task<IActionResult> OnPostPublishAsync(long id, CancellationToken ct)
    {
        if (!(await surveys.PublishAsync(id, ct)).Succeeded(out _, out var refusal))
        {
            return await LoadAsync(id, ct) ?? this.Refuse(refusal, Errors) ?? Page();
        }
        TempData["Notice"] = "The results are published.";
        return LocalRedirect($"/surveys/{id}/results");
    }

    /// <summary>Starts or continues an organisation's response, recording its choice about its written answers.</summary>
    public async Task<IActionResult> OnPostRespondAsync(long id, string? organisation, string? publishWords, CancellationToken ct)
    {
        bool? agree = publishWords switch { "yes" => true, "no" => false, _ => null };
        if (!(await surveys.RespondAsync(id, organisation, agree, ct)).Succeeded(out var invitation, out var refusal))
        {
            return await LoadAsync(id, ct) ?? this.Refuse(refusal, Errors) ?? Page();
        }
        return LocalRedirect($"/assessments/{invitation.Response!.Id}/check");
    }

    private async Task<IActionResult> MoveAsync(long id, Task<Outcome<SurveyView>> move, string notice, CancellationToken ct)
    {
        if (!(await move).Succeeded(out _, out var refusal))
        {
            return await LoadAsync(id, ct) ?? this.Refuse(refusal, Errors) ?? Page();
        }
        TempData["Notice"] = notice;
        return LocalRedirect($"/surveys/{id}");
    }

    private async Task<IActionResult?> LoadAsync(long id, CancellationToken ct)
    {
        if (!(await surveys.GetAsync(id, ct)).Succeeded(out var view, out var refusal))
        {
            return StatusCode(refusal.StatusCode());
        }
        View = view;
        return null;
    }
}
