using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Observatory.Assessments;
using Observatory.Web.Features.Shared;
using Observatory.Web.Setup;

namespace Observatory.Web.Features.Assessments;

/// <summary>
/// Check your answers: every section with its answers and a Change link to its question page, who each section is
/// assigned to (a contributor can give a section to a colleague), and the submit button. Members only.
/// </summary>
[Authorize]
public sealed class CheckModel(OrganisationAssessments assessments) : PageModel
{
    public AssessmentRecord Record { get; private set; } = null!;

    public IReadOnlyList<(long PersonId, string Name)> Assignable { get; private set; } = [];

    public FormErrors Errors { get; } = new();

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) =>
        await LoadAsync(id, ct) is { } refused ? refused : Page();

    public async Task<IActionResult> OnPostSubmitAsync(long id, CancellationToken ct)
    {
        if (!(await assessments.SubmitAsync(id, ct)).Succeeded(out _, out var refusal))
        {
            return await LoadAsync(id, ct) ?? this.Refuse(refusal, Errors) ?? Page();
        }
        TempData["Notice"] = "Your assessment was submitted. Its answers are now fixed.";
        return LocalRedirect($"/assessments/{id}/results");
    }

    public async Task<IActionResult> OnPostAssignAsync(long id, string? sectionId, string? personId, CancellationToken ct)
    {
        long? person = long.TryParse(personId, out var p) ? p : null;
        if (!(await assessments.AssignAsync(id, sectionId ?? "", person, ct)).Succeeded(out var record, out var refusal))
        {
            return await LoadAsync(id, ct) ?? this.Refuse(refusal, Errors) ?? Page();
        }
        var section = record.Template.Topics.First(t => t.Id == sectionId);
        TempData["Notice"] = record.AssigneeOf(section.Id) is { } assignee
            ? $"“{section.Title}” is assigned to {assignee.Name}."
            : $"“{section.Title}” is no longer assigned to anyone.";
        return LocalRedirect($"/assessments/{id}/check");
    }

    private async Task<IActionResult?> LoadAsync(long id, CancellationToken ct)
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
        if (record.CanEdit && (await assessments.AssignableAsync(id, ct)).Succeeded(out var people, out _))
        {
            Assignable = people;
        }
        return null;
    }
}
