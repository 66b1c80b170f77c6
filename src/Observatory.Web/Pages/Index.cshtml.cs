using Microsoft.AspNetCore.Mvc.RazorPages;
using Observatory.Frameworks;

namespace Observatory.Web.Pages;

public sealed class IndexModel(FrameworkLibrary library) : PageModel
{
    public int FrameworkCount { get; private set; }
    public int ElementCount { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var catalogue = await library.GetCatalogueAsync(cancellationToken);
        FrameworkCount = catalogue.Frameworks.Count;
        ElementCount = catalogue.Frameworks.Sum(f => f.ElementCount);
    }
}
