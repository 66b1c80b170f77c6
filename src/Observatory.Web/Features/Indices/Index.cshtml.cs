using Microsoft.AspNetCore.Mvc.RazorPages;
using Observatory.Indices;

namespace Observatory.Web.Features.Indices;

public sealed class IndexModel(IndexDefinitions definitions) : PageModel
{
    public IReadOnlyList<IndexDefinition> Definitions => definitions.All;

    public void OnGet()
    {
    }
}
