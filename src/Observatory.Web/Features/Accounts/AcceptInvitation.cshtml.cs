using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Observatory.Accounts;
using Observatory.Outcomes;

namespace Observatory.Web.Features.Accounts;

/// <summary>
/// The owner of an existing account accepts an invitation sent to its address: signed in as that person (which the
/// rule on every /account page makes sure of, and recently, for the post), they join the organisation.
/// </summary>
[Authorize]
public sealed class AcceptInvitationModel(AccountService accounts, AccountDirectory directory, CurrentActor current) : PageModel
{
    public Invitation? Invitation { get; private set; }
    public Organisation? Organisation { get; private set; }

    /// <summary>Why this person cannot accept (the invitation was sent to another address), when they cannot.</summary>
    public string? Refused { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(token, cancellationToken))
        {
            return NotFound();
        }
        var email = (await directory.PersonAsync(current.Actor.PersonId!.Value, cancellationToken))!.Email;
        if (email != Invitation!.Email)
        {
            Refused = $"This invitation was sent to {Invitation.Email}, and you are signed in as {email}. Sign out, then sign in as {Invitation.Email} to accept it.";
            Response.StatusCode = StatusCodes.Status403Forbidden;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(token, cancellationToken))
        {
            return NotFound();
        }
        var outcome = await accounts.AcceptInvitationAsync(token, current.Actor, cancellationToken);
        if (!outcome.Succeeded(out _, out var refusal))
        {
            if (refusal.Kind != RefusalKind.Forbidden)
            {
                return NotFound();
            }
            Refused = refusal.Message;
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return Page();
        }
        TempData["Notice"] = $"You have joined {Organisation!.Name}.";
        return LocalRedirect($"/organisations/{Organisation.Slug}");
    }

    private async Task<bool> LoadAsync(string token, CancellationToken cancellationToken)
    {
        Invitation = await accounts.FindInvitationAsync(token, cancellationToken);
        if (Invitation is null)
        {
            return false;
        }
        Organisation = await directory.OrganisationAsync(Invitation.OrganisationId, cancellationToken);
        return true;
    }
}
