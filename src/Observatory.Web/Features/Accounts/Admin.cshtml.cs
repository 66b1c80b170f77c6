using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Observatory.Accounts;
using Observatory.Web.Setup;

namespace Observatory.Web.Features.Accounts;

/// <summary>Site administration: every organisation (and a form to add one), every person, and the outbox.</summary>
[Authorize]
public sealed class AdminModel(AccountDirectory directory, AccountService accounts, Observatory.Evidence.EvidenceCuration curation, CurrentActor current) : PageModel
{
    public IReadOnlyList<Organisation> Organisations { get; private set; } = [];
    public IReadOnlyList<Person> People { get; private set; } = [];
    public int OutboxCount { get; private set; }

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public OrganisationKind Kind { get; set; } = OrganisationKind.Council;

    [BindProperty]
    public string? Places { get; set; }

    public FormErrors Errors { get; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!current.Actor.IsSiteAdministrator)
        {
            return NotFound();
        }
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!AccessPolicy.CanAdministerSite(current.Actor))
        {
            return NotFound();
        }
        var outcome = await accounts.CreateOrganisationAsync(current.Actor, Name ?? "", Kind, (Places ?? "").Split(',', ' ', '\n'), cancellationToken);
        if (!outcome.Succeeded(out var organisation, out var refusal))
        {
            await LoadAsync(cancellationToken);
            return this.Refuse(refusal, Errors) ?? Page();
        }
        TempData["Notice"] = $"{organisation.Name} was created. Invite its first admin from its page.";
        return LocalRedirect($"/organisations/{organisation.Slug}");
    }

    /// <summary>Makes a person a curator of the evidence library, or no longer one.</summary>
    public async Task<IActionResult> OnPostCuratorAsync(long personId, bool curator, CancellationToken cancellationToken)
    {
        if (!AccessPolicy.CanAdministerSite(current.Actor))
        {
            return NotFound();
        }
        if (!(await curation.SetCuratorAsync(current.Actor, personId, curator, cancellationToken)).Succeeded(out var refusal))
        {
            return StatusCode(refusal.StatusCode());
        }
        var name = await directory.PersonNameAsync(personId, cancellationToken);
        TempData["Notice"] = curator ? $"{name} is now a curator of the evidence library." : $"{name} is no longer a curator.";
        return LocalRedirect("/admin");
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Organisations = await directory.OrganisationsAsync(cancellationToken);
        People = await directory.PeopleAsync(cancellationToken);
        OutboxCount = await directory.OutboxCountAsync(cancellationToken);
    }
}
