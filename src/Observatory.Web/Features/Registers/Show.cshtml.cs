using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Observatory.Registers;
using Observatory.Web.Setup;

namespace Observatory.Web.Features.Registers;

/// <summary>A published record for everyone: its latest version (or an earlier one), what changed in each version and when, and downloads.</summary>
public sealed class ShowModel(AlgorithmRegister register) : PageModel
{
    public PublishedRecord Record { get; private set; } = null!;

    public bool IsLatest => Record.Version.Number == Record.Record.PublishedVersion;

    public async Task<IActionResult> OnGetAsync(long id, int? version, CancellationToken cancellationToken)
    {
        if (!(await register.FindPublishedAsync(id, version, cancellationToken)).Succeeded(out var record, out var refusal))
        {
            return StatusCode(refusal.StatusCode());
        }
        Record = record;
        return Page();
    }
}
