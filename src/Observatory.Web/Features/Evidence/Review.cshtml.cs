using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Observatory.Accounts;
using Observatory.Evidence;
using Observatory.Frameworks;
using Observatory.Outcomes;
using Observatory.Places;
using Observatory.Web.Setup;

namespace Observatory.Web.Features.Evidence;

/// <summary>One item under review: everything it says, who sent it, and the curator's decisions.</summary>
[Authorize]
public sealed class ReviewModel(EvidenceLibrary library, EvidenceCuration curation, AccountDirectory directory, PlaceRegistry places, FrameworkCatalogue frameworks, CurrentActor current)
    : PageModel
{
    public EvidenceRecord Record { get; private set; } = null!;
    public ItemDetailsView Details { get; private set; } = null!;
    public string? Submitter { get; private set; }
    public string? Organisation { get; private set; }

    [BindProperty]
    public string? Reason { get; set; }

    public FormErrors Errors { get; } = new();

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ?? Page();

    public Task<IActionResult> OnPostPublishAsync(string id, CancellationToken cancellationToken) =>
        DecideAsync(id, () => curation.PublishAsync(current.Actor, id, anonymous: false, cancellationToken), "The item is published.", cancellationToken);

    public Task<IActionResult> OnPostPublishAnonymouslyAsync(string id, CancellationToken cancellationToken) =>
        DecideAsync(id, () => curation.PublishAsync(current.Actor, id, anonymous: true, cancellationToken), "The item is published without organisation names.", cancellationToken);

    public Task<IActionResult> OnPostReturnAsync(string id, CancellationToken cancellationToken) =>
        DecideAsync(id, () => curation.ReturnAsync(current.Actor, id, Reason ?? "", cancellationToken), "The item was returned to its submitter with your reason.", cancellationToken);

    public Task<IActionResult> OnPostWithdrawAsync(string id, CancellationToken cancellationToken) =>
        DecideAsync(id, () => curation.WithdrawAsync(current.Actor, id, Reason ?? "", cancellationToken), "The item was withdrawn: it is a draft again, seen only by its submitter, its organisation and the curators.", cancellationToken);

    private async Task<IActionResult> DecideAsync(string id, Func<Task<Outcome<EvidenceRecord>>> decision, string notice, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }
        if (!(await decision()).Succeeded(out _, out var refusal))
        {
            return this.Refuse(refusal, Errors) ?? Page();
        }
        TempData["Notice"] = notice;
        return LocalRedirect("/evidence/curation");
    }

    private async Task<IActionResult?> LoadAsync(string id, CancellationToken cancellationToken)
    {
        if (!EvidenceAccess.CanCurate(current.Actor))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }
        if (await library.FindAsync(current.Actor, id, cancellationToken) is not { } record)
        {
            return NotFound();
        }
        Record = record;
        Details = new ItemDetailsView(record.Item, ShowOrganisations: true, places, frameworks);
        Submitter = record.SubmittedById is { } by && await directory.PersonAsync(by, cancellationToken) is { } person ? $"{person.DisplayName} ({person.Email})" : null;
        Organisation = record.OrganisationId is { } org ? (await directory.OrganisationAsync(org, cancellationToken))?.Name : null;
        return null;
    }
}
