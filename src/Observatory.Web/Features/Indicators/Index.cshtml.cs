using Microsoft.AspNetCore.Mvc.RazorPages;
using Observatory.Frameworks;
using Observatory.Indicators;

namespace Observatory.Web.Features.Indicators;

public sealed class IndexModel(IndicatorCatalogue catalogue, IndicatorCoverage coverage, FrameworkLibrary library) : PageModel
{
    public sealed record ElementGroup(Framework Framework, FrameworkElement Element, IReadOnlyList<IndicatorDefinition> Indicators);

    public IndicatorCatalogue Catalogue => catalogue;
    public IReadOnlyDictionary<string, IndicatorCoverageSummary> Coverage { get; private set; } = new Dictionary<string, IndicatorCoverageSummary>();
    public IReadOnlyList<IGrouping<string, IndicatorDefinition>> ByTopic { get; private set; } = [];
    public IReadOnlyList<IGrouping<Framework, ElementGroup>> ByFramework { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Coverage = await coverage.AllAsync(cancellationToken);
        var frameworks = await library.GetCatalogueAsync(cancellationToken);
        ByTopic = [.. catalogue.Indicators.GroupBy(i => catalogue.FindDataset(i.DatasetId)!.Topic)];
        // Frameworks in catalogue order and elements in the order the model lists them, so the view reads like the model.
        ByFramework = [.. catalogue.Indicators.SelectMany(i => i.Evidences).Distinct()
            .Select(e => frameworks.FindElement(e) is { } element && frameworks.Find(e.FrameworkId) is { } framework
                ? new ElementGroup(framework, element, catalogue.ByElement(e))
                : null)
            .OfType<ElementGroup>()
            .OrderBy(g => IndexOf(frameworks.Frameworks, g.Framework))
            .ThenBy(g => g.Framework.AllElements().ToList().IndexOf(g.Element))
            .GroupBy(g => g.Framework)];
    }

    private static int IndexOf(IReadOnlyList<Framework> list, Framework item)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (ReferenceEquals(list[i], item))
            {
                return i;
            }
        }
        return int.MaxValue;
    }
}
