using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Observatory.Assessments;
using Observatory.Web.Features.Shared;
using Observatory.Web.Setup;

namespace Observatory.Web.Features.Assessments;

/// <summary>
/// One section (or topic) of an organisation's assessment as a GOV.UK question page: each question's answer, and
/// folded away beneath it the evidence, confidence, method, target and action. "Save and continue" goes on to the
/// next section and then to check your answers; "Save and come back later" back to the organisation's list.
/// </summary>
[Authorize]
public sealed class SectionModel(OrganisationAssessments assessments) : PageModel
{
    public AssessmentRecord Record { get; private set; } = null!;

    public AssessmentTopic Section { get; private set; } = null!;

    public int Number { get; private set; }

    public Dictionary<string, string?> Values { get; private set; } = [];

    public FormErrors Errors { get; } = new();

    public AssessmentTemplate Template => Record.Template;

    public string CheckPath => $"/assessments/{Record.Assessment.Id}/check";

    public async Task<IActionResult> OnGetAsync(long id, string sectionId, CancellationToken ct)
    {
        if (await LoadAsync(id, sectionId, ct) is { } refused)
        {
            return refused;
        }
        if (!Record.CanEdit)
        {
            // A viewer, or a submitted assessment: the answers are read on the check page.
            return LocalRedirect(CheckPath);
        }
        Values = AssessmentForm.Values(Template, Record);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, string sectionId, string? then, CancellationToken ct)
    {
        if (await LoadAsync(id, sectionId, ct) is { } refused)
        {
            return refused;
        }
        var (inputs, values) = AssessmentForm.Read(Request.Form, Section.Questions);
        if (!(await assessments.SaveAnswersAsync(id, inputs, ct)).Succeeded(out var saved, out var refusal))
        {
            Values = values;
            return this.Refuse(refusal, Errors) ?? Page();
        }
        if (then == "later")
        {
            TempData["Notice"] = $"Your answers to “{Section.Title}” were saved. Come back to the assessment when you are ready.";
            return LocalRedirect($"/organisations/{saved.Organisation.Slug}/assessments");
        }
        var next = Template.Topics.SkipWhile(t => t.Id != Section.Id).Skip(1).FirstOrDefault();
        return LocalRedirect(next is null ? CheckPath : $"/assessments/{id}/sections/{next.Id}");
    }

    private async Task<IActionResult?> LoadAsync(long id, string sectionId, CancellationToken ct)
    {
        if (!(await assessments.GetAsync(id, ct)).Succeeded(out var record, out var refusal))
        {
            return StatusCode(refusal.StatusCode());
        }
        if (!record.IsOwn)
        {
            // The organisation's working pages (who answered what, when): an assessment it shared or made public is read on its results page.
            return NotFound();
        }
        Record = record;
        var index = record.Template.Topics.ToList().FindIndex(t => t.Id == sectionId);
        if (index < 0)
        {
            return NotFound();
        }
        Section = record.Template.Topics[index];
        Number = index + 1;
        return null;
    }
}
