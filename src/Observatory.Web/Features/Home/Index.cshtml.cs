using Microsoft.AspNetCore.Mvc.RazorPages;
using Observatory.Frameworks;
using Observatory.Indicators;

namespace Observatory.Web.Features.Home;

public sealed class IndexModel(FrameworkLibrary library, IndicatorCatalogue indicators) : PageModel
{
    public int FrameworkCount { get; private set; }
    public int ElementCount { get; private set; }
    public int IndicatorCount => indicators.Indicators.Count;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var catalogue = await library.GetCatalogueAsync(cancellationToken);
        FrameworkCount = catalogue.Frameworks.Count;
        ElementCount = catalogue.Frameworks.Sum(f => f.ElementCount);
    }
}
