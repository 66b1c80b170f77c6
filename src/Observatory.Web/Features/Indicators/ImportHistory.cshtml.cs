using Microsoft.AspNetCore.Mvc.RazorPages;
using Observatory.Indicators;
using Observatory.Indicators.Importing;

namespace Observatory.Web.Features.Indicators;

public sealed class ImportHistoryModel(ImportHistory history) : PageModel
{
    public IReadOnlyList<IndicatorImport> Imports { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Imports = await history.AllAsync(cancellationToken);

    public static string When(DateTime utc) => utc.ToString("d MMM yyyy, HH:mm", System.Globalization.CultureInfo.GetCultureInfo("en-GB"));

    public static string FormatName(string format) => format switch
    {
        "els" => "ONS Explore Local Statistics",
        "opensdg" => "Open SDG",
        "tidy" => "Tidy",
        _ => format,
    };

    public static string Who(IndicatorImport import) =>
        import.ImportedBy ?? (import.Source == ShippedDataSeeder.ShippedSource ? "The Observatory (shipped data)" : "Not recorded");
}
