using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Observatory.Content;
using Observatory.Frameworks;

namespace Observatory.Web.Features.Frameworks;

public sealed class SearchModel(FrameworkLibrary library) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    public IReadOnlyList<ElementSearchHit> Hits { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(Q))
        {
            Q = Q.Trim()[..Math.Min(Q.Trim().Length, 200)];
            Hits = (await library.GetCatalogueAsync(cancellationToken)).Search(Q);
        }
    }

    public string Highlight(string snippet) => Highlighter.Highlight(snippet, Q);
}
