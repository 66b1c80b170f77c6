using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Observatory.Indicators;
using Observatory.Storage;

namespace Observatory.Web.Pages.Imports;

public sealed class ShowModel(ObservatoryDbContext db, IndicatorCatalogue catalogue) : PageModel
{
    public IndicatorImport Import { get; private set; } = null!;

    /// <summary>The indicators the file held; an id the catalogue no longer has is listed as it was recorded.</summary>
    public IReadOnlyList<(string Id, IndicatorDefinition? Indicator)> Indicators { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        if (await db.IndicatorImports.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, cancellationToken) is not { } import)
        {
            return NotFound();
        }
        Import = import;
        Indicators = [.. import.Indicators.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(i => (i, catalogue.Find(i)))];
        return Page();
    }
}
