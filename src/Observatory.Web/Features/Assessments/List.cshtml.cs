using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Observatory.Assessments;
using Observatory.Web.Features.Shared;
using Observatory.Web.Setup;

namespace Observatory.Web.Features.Assessments;

/// <summary>
/// An organisation's own assessments: each with how far it has got and the sections assigned to you, and a form to
/// start one (a template and a financial year, copying the previous round forward if wanted). Members only.
/// </summary>
[Authorize]
public sealed class ListModel(OrganisationAssessments assessments, AssessmentTemplates templates, TimeProvider clock) : PageModel
{
    public OrganisationAssessmentList List { get; private set; } = null!;

    /// <summary>The shipped templates, then every framework the person can see as a checklist.</summary>
    public IReadOnlyList<AssessmentTemplate> Templates { get; private set; } = [];

    [BindProperty]
    public string? TemplateId { get; set; }

    [BindProperty]
    public string? Period { get; set; }

    [BindProperty]
    public bool CopyForward { get; set; }

    public FormErrors Errors { get; } = new();

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        if (!(await assessments.ListAsync(slug, ct)).Succeeded(out var list, out var refusal))
        {
            return StatusCode(refusal.StatusCode());
        }
        List = list;
        Templates = await templates.ChoicesAsync(ct);
        Period = AssessmentForm.CurrentPeriod(clock.GetUtcNow());
        return Page();
    }

    public async Task<IActionResult> OnPostStartAsync(string slug, CancellationToken ct)
    {
        if (!(await assessments.StartAsync(slug, TemplateId, Period, CopyForward, ct)).Succeeded(out var record, out var refusal))
        {
            if (!(await assessments.ListAsync(slug, ct)).Succeeded(out var list, out _))
            {
                return StatusCode(refusal.StatusCode());
            }
            List = list;
            Templates = await templates.ChoicesAsync(ct);
            return this.Refuse(refusal, Errors) ?? Page();
        }
        TempData["Notice"] = record.Assessment.CopiedFromId is null
            ? "Your assessment was started."
            : "Your assessment was started with the previous round's answers copied in: check each one is still true.";
        return LocalRedirect($"/assessments/{record.Assessment.Id}/sections/{record.Template.Topics[0].Id}");
    }
}
