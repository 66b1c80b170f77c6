using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Observatory.Accounts;
using Observatory.Evidence;
using Observatory.Places;

namespace Observatory.Web.Features.Evidence;

/// <summary>"Anyone signed in may submit an item": the submission form, and what happens next once it is sent.</summary>
[Authorize]
public sealed class SubmitModel(EvidenceCuration curation, PlaceRegistry places, AccountDirectory directory, CurrentActor current) : PageModel
{
    [BindProperty]
    public EvidenceForm Form { get; set; } = new();

    public FormErrors Errors { get; } = new();

    /// <summary>The organisations the actor may submit for (contributor or above).</summary>
    public IReadOnlyList<Organisation> Organisations { get; private set; } = [];

    public EvidenceRecord? Submitted { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!EvidenceAccess.CanSubmit(current.Actor))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!EvidenceAccess.CanSubmit(current.Actor))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }
        var item = Form.ToItem(places, Errors);
        if (item is not null && !Errors.Any)
        {
            try
            {
                Submitted = await curation.SubmitAsync(current.Actor, item, Form.Organisation, Form.Note, cancellationToken);
                return Page();
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
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Organisations = await directory.ContributableByAsync(current.Actor, cancellationToken);
    }
}
