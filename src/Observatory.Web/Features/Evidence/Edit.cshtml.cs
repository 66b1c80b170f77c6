using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Observatory.Accounts;
using Observatory.Evidence;
using Observatory.Places;
using Observatory.Web.Setup;

namespace Observatory.Web.Features.Evidence;

/// <summary>Changes an item: the submitter until it is published, a curator at any time. The earlier text is kept as a version.</summary>
[Authorize]
public sealed class EditModel(EvidenceLibrary library, EvidenceCuration curation, PlaceRegistry places, CurrentActor current) : PageModel
{
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
        var item = Form.ToItem(places, Errors);
        if (item is not null && !Errors.Any)
        {
            try
            {
                var outcome = await curation.UpdateAsync(current.Actor, Record.Slug, item, Form.Note, Form.Version, cancellationToken);
                if (!outcome.Succeeded(out var record, out var refusal))
                {
                    // Changed meanwhile: the form keeps what they wrote, now based on the current version.
                    Form.Version = (await library.FindAsync(current.Actor, id, cancellationToken))?.Version;
                    return this.Refuse(refusal, Errors) ?? Page();
                }
                TempData["Notice"] = record.State == WorkflowState.Submitted && Record.State == WorkflowState.Draft
                    ? "Your changes were saved and the item was sent back to the curators for review."
                    : "Your changes were saved. The earlier text is kept in the version history.";
                return LocalRedirect($"/evidence/{record.Slug}");
            }
            catch (Exception ex) when (ex is UnauthorizedAccessException or KeyNotFoundException)
            {
                return EvidencePageSupport.Refusal(ex);
            }
            catch (Exception ex) when (EvidencePageSupport.AddToForm(ex, Errors))
            {
            }
        }
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
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
