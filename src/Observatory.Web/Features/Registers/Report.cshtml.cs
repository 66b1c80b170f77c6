using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Observatory.Registers;
using Observatory.Web.Features.Shared;
using Observatory.Web.Setup;

namespace Observatory.Web.Features.Registers;

/// <summary>
/// "Report a problem with this record": open to everyone, signed in or not, so it is rate-limited like sign-in. The
/// report is kept for the organisation that owns the record; nobody is e-mailed.
/// </summary>
[EnableRateLimiting(Authentication.SignInLimit)]
public sealed class ReportModel(AlgorithmRegister register) : PageModel
{
    [BindProperty]
    public string? Description { get; set; }

    [BindProperty]
    public string? Contact { get; set; }

    public FormErrors Errors { get; } = new();

    public PublishedRecord Record { get; private set; } = null!;

    public bool Sent { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        if (!(await register.ReportProblemAsync(id, Description, Contact, cancellationToken)).Succeeded(out _, out var refusal))
        {
            return this.Refuse(refusal, Errors) ?? Page();
        }
        Sent = true;
        return Page();
    }

    private async Task<bool> LoadAsync(long id, CancellationToken cancellationToken)
    {
        if (!(await register.FindPublishedAsync(id, null, cancellationToken)).Succeeded(out var record, out _))
        {
            return false;
        }
        Record = record;
        return true;
    }
}
