using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Observatory.Accounts;
using Observatory.Web.Setup;

namespace Observatory.Web.Features.Accounts;

/// <summary>
/// An organisation's page for its members: who belongs, with which role, and open invitations. Its admins invite
/// people, change roles and remove members. Anyone else gets 404: they need not learn who is a member.
/// </summary>
[Authorize]
public sealed class OrganisationModel(AccountDirectory directory, AccountService accounts, CurrentActor current, TimeProvider clock) : PageModel
{
    public sealed record MemberRow(Membership Membership, Person Person);

    public Organisation Organisation { get; private set; } = null!;
    public IReadOnlyList<MemberRow> Members { get; private set; } = [];
    public IReadOnlyList<Invitation> Invitations { get; private set; } = [];
    public bool IsAdmin { get; private set; }

    /// <summary>The address an invitation was just sent to.</summary>
    public string? InvitedEmail { get; private set; }

    /// <summary>
    /// The link of an invitation just made, to pass on, only when there is no mail server (the message waits in the
    /// outbox) and the address has no account: never for an existing account, whose owner signs in to accept.
    /// </summary>
    public string? InvitationLink { get; private set; }

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public Role Role { get; set; } = Role.Viewer;

    public FormErrors Errors { get; } = new();

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken) =>
        await LoadAsync(slug, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostInviteAsync(string slug, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(slug, cancellationToken))
        {
            return NotFound();
        }
        if (!IsAdmin)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }
        var outcome = await accounts.InviteAsync(current.Actor, Organisation.Id, Email ?? "", Role, cancellationToken);
        if (!outcome.Succeeded(out var sent, out var refusal))
        {
            return this.Refuse(refusal, Errors) ?? Page();
        }
        (InvitedEmail, InvitationLink, Email) = (sent.Invitation.Email, sent.LinkToPassOn, null);
        await LoadAsync(slug, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRoleAsync(string slug, long membershipId, Role role, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(slug, cancellationToken) || Members.All(m => m.Membership.Id != membershipId))
        {
            return NotFound();
        }
        if (!IsAdmin)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }
        if (!(await accounts.ChangeRoleAsync(current.Actor, membershipId, role, cancellationToken)).Succeeded(out var refusal))
        {
            return StatusCode(refusal.StatusCode());
        }
        TempData["Notice"] = "The role was changed.";
        return LocalRedirect($"/organisations/{slug}");
    }

    public async Task<IActionResult> OnPostRemoveAsync(string slug, long membershipId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(slug, cancellationToken) || Members.All(m => m.Membership.Id != membershipId))
        {
            return NotFound();
        }
        if (!IsAdmin)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }
        if (!(await accounts.RemoveMemberAsync(current.Actor, membershipId, cancellationToken)).Succeeded(out var refusal))
        {
            return StatusCode(refusal.StatusCode());
        }
        TempData["Notice"] = "The member was removed.";
        return LocalRedirect($"/organisations/{slug}");
    }

    private async Task<bool> LoadAsync(string slug, CancellationToken cancellationToken)
    {
        var organisation = await directory.OrganisationAsync(slug, cancellationToken);
        var actor = current.Actor;
        if (organisation is null || !(actor.IsSiteAdministrator || actor.RoleIn(organisation.Id) is not null))
        {
            return false;
        }
        Organisation = organisation;
        IsAdmin = AccessPolicy.CanAdministerOrganisation(actor, organisation.Id);
        Members = [.. (await directory.MembersAsync(organisation.Id, cancellationToken)).Select(m => new MemberRow(m.Membership, m.Person))];
        Invitations = IsAdmin ? await directory.OpenInvitationsAsync(organisation.Id, clock.GetUtcNow().UtcDateTime, cancellationToken) : [];
        return true;
    }
}
