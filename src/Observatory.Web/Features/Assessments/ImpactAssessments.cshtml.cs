using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Observatory.Assessments.AlgorithmicImpact;
using Observatory.Web.Features.Shared;
using Observatory.Web.Setup;

namespace Observatory.Web.Features.Assessments;

/// <summary>An organisation's algorithmic impact assessments, one per system, and a form to start one. Members only.</summary>
[Authorize]
public sealed class ImpactAssessmentsModel(OrganisationImpactAssessments assessments) : PageModel
{
    public OrganisationImpactAssessmentList List { get; private set; } = null!;

    [BindProperty]
    public string? Name { get; set; }

    public FormErrors Errors { get; } = new();

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct) => await LoadAsync(slug, ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(string slug, CancellationToken ct)
    {
        if (await LoadAsync(slug, ct) is { } failed)
        {
            return failed;
        }
        if (!(await assessments.StartAsync(slug, Name, null, ct)).Succeeded(out var view, out var refusal))
        {
            return this.Refuse(refusal, Errors) ?? Page();
        }
        TempData["Notice"] = "Started. Answer the questions, save as you go, and complete the assessment when you are done.";
        return Redirect($"/impact-assessments/{view.Assessment.Id}");
    }

    private async Task<IActionResult?> LoadAsync(string slug, CancellationToken ct)
    {
        if (!(await assessments.ListAsync(slug, ct)).Succeeded(out var list, out var refusal))
        {
            return StatusCode(refusal.StatusCode());
        }
        List = list;
        return null;
    }
}
