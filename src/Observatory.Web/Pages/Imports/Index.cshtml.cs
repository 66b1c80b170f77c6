using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Observatory.Indicators;
using Observatory.Storage;

namespace Observatory.Web.Pages.Imports;

public sealed class IndexModel(ObservatoryDbContext db) : PageModel
{
    public IReadOnlyList<IndicatorImport> Imports { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Imports = await db.IndicatorImports.AsNoTracking().OrderByDescending(i => i.Id).ToListAsync(cancellationToken);

    public static string When(DateTime utc) => utc.ToString("d MMM yyyy, HH:mm", System.Globalization.CultureInfo.GetCultureInfo("en-GB"));

    public static string FormatName(string format) => format switch
    {
        "els" => "ONS Explore Local Statistics",
        "opensdg" => "Open SDG",
        "tidy" => "Tidy",
        _ => format,
    };

    public static string Who(IndicatorImport import) =>
        import.ImportedBy ?? (import.Source == Observatory.Indicators.Importing.ShippedDataSeeder.ShippedSource ? "The Observatory (shipped data)" : "Not recorded");
}
