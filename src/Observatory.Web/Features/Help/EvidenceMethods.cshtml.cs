using Microsoft.AspNetCore.Mvc.RazorPages;
using Observatory.Evidence;
using Observatory.Frameworks;

namespace Observatory.Web.Features.Help;

/// <summary>
/// How the evidence library grades and tags its items: the standards of evidence scale with how the Observatory
/// applies each level, and the rules for 4Rs pillar and area-of-focus tags. The tables are read from the shipped
/// items themselves, so the page cannot drift from what the library holds.
/// </summary>
public sealed class EvidenceMethodsModel(ShippedEvidence shipped, FrameworkLibrary frameworks) : PageModel
{
    /// <summary>The collection whose items carry pillars by the stated rule rather than by their source's words.</summary>
    public const string RuleCollection = "rr-table-1";

    public sealed record LevelRow(int Level, string Name, string Meaning, int Items);

    public sealed record AreaRow(FrameworkElement Area, IReadOnlyList<FrameworkElement> Pillars, int Items);

    public IReadOnlyList<LevelRow> Levels { get; private set; } = [];

    /// <summary>Each area of focus of Table 1 with the pillars its items are given by the rule.</summary>
    public IReadOnlyList<AreaRow> TableOneRule { get; private set; } = [];

    public int ShippedItems { get; private set; }

    /// <summary>Shipped items whose source names no area of focus, and which say so.</summary>
    public IReadOnlyList<EvidenceItem> WithoutArea { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var catalogue = await frameworks.GetCatalogueAsync(cancellationToken);
        var items = shipped.Items;
        ShippedItems = items.Count;
        Levels = [.. StrengthOfEvidence.Levels.Select(l => new LevelRow(l.Level, l.Name, l.Meaning, items.Count(i => i.Strength == l.Level)))];
        bool IsA(ElementRef e, string framework, string kind) => e.FrameworkId == framework && catalogue.FindElement(e)?.Kind == kind;
        TableOneRule =
        [
            .. items.Where(i => i.Collection == RuleCollection)
                .SelectMany(i => i.Elements.Where(e => IsA(e, EvidenceCounts.DefaultRowFramework, EvidenceCounts.DefaultRowKind)).Select(area => (Area: area, Item: i)))
                .GroupBy(x => x.Area)
                .Select(g => new AreaRow(catalogue.FindElement(g.Key)!,
                    [.. g.SelectMany(x => x.Item.Elements.Where(e => IsA(e, EvidenceCounts.DefaultColumnFramework, EvidenceCounts.DefaultColumnKind))).Distinct().Select(e => catalogue.FindElement(e)!)],
                    g.Count()))
                .OrderBy(r => Order(catalogue, r.Area.Ref)),
        ];
        WithoutArea = [.. items.Where(i => i.NoAreaOfFocus is not null)];
    }

    /// <summary>The areas in the order the place-making model lists them.</summary>
    private static int Order(FrameworkCatalogue catalogue, ElementRef area) =>
        catalogue.Find(area.FrameworkId) is { } framework ? framework.AllElements().ToList().FindIndex(e => e.Ref == area) : 0;
}
