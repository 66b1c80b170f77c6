using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Observatory.Accounts;
using Observatory.Evidence;
using Observatory.Web.Setup;

namespace Observatory.Web.Features.Evidence;

/// <summary>
/// "Report a problem with this item": open to every reader, signed in or not, so it is rate-limited like sign-in
/// (a form anyone can post to is a form a script can flood the curators' mail with).
/// </summary>
[EnableRateLimiting(Authentication.SignInLimit)]
public sealed class ReportModel(EvidenceLibrary library, EvidenceCuration curation, CurrentActor current) : PageModel
{
    [BindProperty]
    public string? Message { get; set; }

    [BindProperty]
    public string? Email { get; set; }

    public FormErrors Errors { get; } = new();

    public EvidenceRecord Record { get; private set; } = null!;

    public bool Sent { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        if (!(await curation.ReportProblemAsync(current.Actor, Record.Slug, Message ?? "", Email, cancellationToken)).Succeeded(out _, out var refusal))
        {
            return this.Refuse(refusal, Errors) ?? Page();
        }
        Sent = true;
        return Page();
    }

    private async Task<bool> LoadAsync(string id, CancellationToken cancellationToken)
    {
        Record = (await library.FindAsync(current.Actor, id, cancellationToken))!;
        return Record is not null;
    }
}
