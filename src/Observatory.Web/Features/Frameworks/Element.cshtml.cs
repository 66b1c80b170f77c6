using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Observatory.Frameworks;

namespace Observatory.Web.Features.Frameworks;

public sealed class ElementModel(FrameworkLibrary library) : PageModel
{
    public Framework Framework { get; private set; } = null!;
    public FrameworkElement Element { get; private set; } = null!;
    public IReadOnlyList<RelatedElement> Related { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string id, string elementId, CancellationToken cancellationToken)
    {
        var catalogue = await library.GetCatalogueAsync(cancellationToken);
        if (catalogue.Find(id) is not { } framework || framework.FindElement(elementId) is not { } element)
        {
            return NotFound();
        }
        Framework = framework;
        Element = element;
        Related = catalogue.Related(element.Ref);
        return Page();
    }
}
