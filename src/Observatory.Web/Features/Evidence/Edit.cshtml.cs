using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Observatory.Accounts;
using Observatory.Evidence;
using Observatory.Frameworks;
using Observatory.Places;
using Observatory.Web.Setup;

namespace Observatory.Web.Features.Evidence;

/// <summary>Changes an item: the submitter until it is published, a curator at any time. The earlier text is kept as a version.</summary>
[Authorize]
public sealed class EditModel(EvidenceLibrary library, EvidenceCuration curation, PlaceRegistry places, FrameworkCatalogue frameworks, CurrentActor current) : PageModel
{
    /// <summary>The frameworks whose elements the form offers as choices (those the rules accept).</summary>
    public FrameworkCatalogue Frameworks => frameworks;

    [BindProperty]
    public EvidenceForm Form { get; set; } = new();

    public FormErrors Errors { get; } = new();

    public EvidenceRecord Record { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }
        Form = EvidenceForm.From(Record.Item);
        Form.Version = Record.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }
        // Every problem in one pass: the form's own and the data-file rules', so one error summary lists them all.
        var (item, problems) = Form.Read(places);
        if (problems.Count > 0)
        {
            return this.Refuse(EvidenceForm.Refusal(problems, curation.CheckSubmission(item with { Id = Record.Slug }, Form.Note).Problems), Errors) ?? Page();
        }
        var outcome = await curation.UpdateAsync(current.Actor, Record.Slug, item, Form.Note, Form.Version, cancellationToken);
        if (!outcome.Succeeded(out var record, out var refusal))
        {
            if (refusal.Kind == Observatory.Outcomes.RefusalKind.Conflict)
            {
                // Changed meanwhile: the form keeps what they wrote, now based on the current version.
                Form.Version = (await library.FindAsync(current.Actor, id, cancellationToken))?.Version;
            }
            return this.Refuse(EvidenceForm.InFormWords(refusal), Errors) ?? Page();
        }
        TempData["Notice"] = record.State == WorkflowState.Submitted && Record.State == WorkflowState.Draft
            ? "Your changes were saved and the item was sent back to the curators for review."
            : "Your changes were saved. The earlier text is kept in the version history.";
        return LocalRedirect($"/evidence/{record.Slug}");
    }

    /// <summary>404 when the actor cannot see the item, 403 when they see it but may not change it.</summary>
    private async Task<IActionResult?> LoadAsync(string id, CancellationToken cancellationToken)
    {
        if (await library.FindAsync(current.Actor, id, cancellationToken) is not { } record)
        {
            return NotFound();
        }
        if (!EvidenceAccess.CanEdit(current.Actor, record))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }
        Record = record;
        return null;
    }
}
