using Microsoft.AspNetCore.Mvc.RazorPages;
using Observatory.Frameworks;

namespace Observatory.Web.Features.Frameworks;

public sealed class IndexModel(FrameworkLibrary library) : PageModel
{
    public FrameworkCatalogue Catalogue { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Catalogue = await library.GetCatalogueAsync(cancellationToken);
}
