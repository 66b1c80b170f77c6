using Microsoft.AspNetCore.Mvc.RazorPages;
using Observatory.Decisions;

namespace Observatory.Web.Features.Decisions;

/// <summary>Published decisions, and the decision wheels they are scored on.</summary>
public sealed class IndexModel(OrganisationDecisions decisions) : PageModel
{
    public IReadOnlyList<DecisionSummary> Published { get; private set; } = [];

    public IReadOnlyList<DecisionWheel> Wheels => decisions.Wheels.Wheels;

    public async Task OnGetAsync(CancellationToken ct) => Published = await decisions.PublishedAsync(ct);
}
