using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Observatory.Indicators;
using Observatory.Indicators.Importing;

namespace Observatory.Web.Features.Indicators;

public sealed class ImportRecordModel(ImportHistory history, IndicatorCatalogue catalogue) : PageModel
{
    public IndicatorImport Import { get; private set; } = null!;

    /// <summary>The indicators the file held; an id the catalogue no longer has is listed as it was recorded.</summary>
    public IReadOnlyList<(string Id, IndicatorDefinition? Indicator)> Indicators { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        if (await history.FindAsync(id, cancellationToken) is not { } import)
        {
            return NotFound();
        }
        Import = import;
        Indicators = [.. import.Indicators.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(i => (i, catalogue.Find(i)))];
        return Page();
    }
}
