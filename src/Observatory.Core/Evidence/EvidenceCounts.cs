using Microsoft.EntityFrameworkCore;
using Observatory.Accounts;
using Observatory.Frameworks;
using Observatory.Places;

namespace Observatory.Evidence;

/// <summary>One place's evidence: items about the place itself, and further items about an area it is part of.</summary>
/// <param name="Own">Published items that name the place.</param>
/// <param name="Covering">
/// Published items that do not name the place but name a county, combined authority, region or nation it is part
/// of (never the United Kingdom, which would add every UK-wide paper to every council).
/// </param>
public sealed record PlaceEvidenceCount(Place Place, int Own, int Covering);

/// <summary>How many published items name each place, for the recovery map, its table and the area pages.</summary>
public sealed class PlaceEvidenceCounts
{
    private static readonly HashSet<long> None = [];
    private readonly IReadOnlyDictionary<string, HashSet<long>> _itemsByPlace;
    private readonly PlaceRegistry _places;

    internal PlaceEvidenceCounts(IReadOnlyDictionary<string, HashSet<long>> itemsByPlace, int items, PlaceRegistry places)
    {
        _itemsByPlace = itemsByPlace;
        _places = places;
        Items = items;
    }

    /// <summary>The published items counted (those matching the element filter, with or without places).</summary>
    public int Items { get; }

    /// <summary>Every place code named by at least one counted item, with its number of items.</summary>
    public IReadOnlyDictionary<string, int> ByCode => _itemsByPlace.ToDictionary(p => p.Key, p => p.Value.Count, StringComparer.OrdinalIgnoreCase);

    public int OwnOf(string code) => ItemsOn(code).Count;

    public int CoveringOf(string code)
    {
        var own = ItemsOn(code);
        var covering = new HashSet<long>();
        foreach (var parent in _places.Find(code)?.Parents ?? [])
        {
            if (PlaceTypes.FromCode(parent) != PlaceType.UnitedKingdom)
            {
                covering.UnionWith(ItemsOn(parent).Where(id => !own.Contains(id)));
            }
        }
        return covering.Count;
    }

    public PlaceEvidenceCount For(Place place) => new(place, OwnOf(place.Code), CoveringOf(place.Code));

    /// <summary>The current councils with any evidence of either kind, by name.</summary>
    public IReadOnlyList<PlaceEvidenceCount> Councils() =>
        [.. _places.Councils.Select(For).Where(c => c.Own > 0 || c.Covering > 0)];

    private HashSet<long> ItemsOn(string code) => _itemsByPlace.GetValueOrDefault(code) ?? None;
}

/// <summary>One side of the gap map: the elements of one kind in one framework, in document order.</summary>
public sealed record GapAxis(Framework Framework, string Kind, IReadOnlyList<FrameworkElement> Elements)
{
    /// <summary>What counts for each element: itself and every element within it (an outcome's areas of focus).</summary>
    public IReadOnlyList<ElementRef> Scope(int index) => [.. Elements[index].SelfAndDescendants().Select(e => e.Ref)];

    /// <summary>Whether any element on this side has elements within it, so its cells count more than the element itself.</summary>
    public bool RollsUp => Elements.Any(e => e.Children.Count > 0);
}

/// <summary>
/// The evidence and gap map: for each row element and column element, how many published items are tagged with
/// both. A zero is a gap: no evidence yet for that combination.
/// </summary>
/// <param name="Cells">Cells[row][column].</param>
/// <param name="RowTotals">Distinct items in each row's cells (an item in two cells of a row counts once).</param>
/// <param name="ColumnTotals">Distinct items in each column's cells.</param>
/// <param name="Total">Distinct items in any cell.</param>
public sealed record GapMatrix(GapAxis Rows, GapAxis Columns, IReadOnlyList<IReadOnlyList<int>> Cells, IReadOnlyList<int> RowTotals,
    IReadOnlyList<int> ColumnTotals, int Total)
{
    public int Gaps => Cells.Sum(r => r.Count(c => c == 0));
}

/// <summary>
/// Counts published evidence by place and by pairs of framework elements. Always from
/// <see cref="EvidenceLibrary.Published"/>, so an item the actor may not see never adds to a count.
/// </summary>
public sealed class EvidenceCounts(EvidenceLibrary library, PlaceRegistry places)
{
    /// <summary>The rows of the default gap map: the place-making model's areas of focus.</summary>
    public const string DefaultRowFramework = "place-making";

    public const string DefaultRowKind = "area-of-focus";

    /// <summary>The columns of the default gap map: the 4Rs pillars.</summary>
    public const string DefaultColumnFramework = "four-rs";

    public const string DefaultColumnKind = "pillar";

    /// <summary>
    /// The element references a filter on <paramref name="element"/> matches: the element itself and, when asked,
    /// every element beneath it (an outcome and its areas of focus).
    /// </summary>
    public static IReadOnlyList<ElementRef> Scope(FrameworkCatalogue catalogue, ElementRef element, bool descendants)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        if (!descendants || catalogue.FindElement(element) is not { } found)
        {
            return [element];
        }
        return [.. found.SelfAndDescendants().Select(e => e.Ref)];
    }

    /// <summary>Every element of a framework, for a filter on the framework as a whole.</summary>
    public static IReadOnlyList<ElementRef> Scope(Framework framework)
    {
        ArgumentNullException.ThrowIfNull(framework);
        return [.. framework.AllElements().Select(e => e.Ref)];
    }

    /// <summary>
    /// Published items per place; with <paramref name="elements"/>, only the items tagged with at least one of them.
    /// </summary>
    public async Task<PlaceEvidenceCounts> ByPlaceAsync(Actor actor, IReadOnlyCollection<ElementRef>? elements = null, CancellationToken cancellationToken = default)
    {
        var items = Filtered(actor, elements);
        var total = await items.CountAsync(cancellationToken);
        var pairs = await items.SelectMany(e => e.Places).Select(p => new { p.ItemId, p.PlaceCode }).ToListAsync(cancellationToken);
        var byPlace = pairs.GroupBy(p => p.PlaceCode, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Select(p => p.ItemId).ToHashSet(), StringComparer.OrdinalIgnoreCase);
        return new PlaceEvidenceCounts(byPlace, total, places);
    }

    /// <summary>One place's counts, with two small queries rather than the whole map's.</summary>
    public async Task<PlaceEvidenceCount> ForPlaceAsync(Actor actor, Place place, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(place);
        var code = place.Code;
        var parents = place.Parents.Where(p => PlaceTypes.FromCode(p) != PlaceType.UnitedKingdom).ToList();
        var items = library.Published(actor);
        var own = await items.CountAsync(e => e.Places.Any(p => p.PlaceCode == code), cancellationToken);
        var covering = parents.Count == 0 ? 0 : await items.CountAsync(
            e => !e.Places.Any(p => p.PlaceCode == code) && e.Places.Any(p => parents.Contains(p.PlaceCode)), cancellationToken);
        return new PlaceEvidenceCount(place, own, covering);
    }

    /// <summary>Published items per element reference (exactly as tagged), for choosing filters that find something.</summary>
    public async Task<IReadOnlyDictionary<string, int>> ByElementAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        var counts = await library.Published(actor).SelectMany(e => e.Elements).GroupBy(e => e.Element)
            .Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        return counts.ToDictionary(c => c.Key, c => c.Count, StringComparer.Ordinal);
    }

    /// <summary>The elements of <paramref name="kind"/> in <paramref name="framework"/>, in document order.</summary>
    public static GapAxis Axis(Framework framework, string kind)
    {
        ArgumentNullException.ThrowIfNull(framework);
        return new GapAxis(framework, kind, [.. framework.AllElements().Where(e => e.Kind == kind)]);
    }

    /// <summary>
    /// The gap map of <paramref name="rows"/> against <paramref name="columns"/>. An item counts in a cell when it
    /// is tagged with the row element (or one within it) and the column element (or one within it): evidence for
    /// an area of focus is evidence for its outcome.
    /// </summary>
    public async Task<GapMatrix> GapsAsync(Actor actor, GapAxis rows, GapAxis columns, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(columns);
        var rowIndex = Index(rows);
        var columnIndex = Index(columns);
        var wanted = rowIndex.Keys.Concat(columnIndex.Keys).Distinct().ToList();
        var tags = await library.Published(actor).SelectMany(e => e.Elements).Where(e => wanted.Contains(e.Element))
            .Select(e => new { e.ItemId, e.Element }).ToListAsync(cancellationToken);

        var cells = rows.Elements.Select(_ => new int[columns.Elements.Count]).ToArray();
        var rowItems = rows.Elements.Select(_ => new HashSet<long>()).ToArray();
        var columnItems = columns.Elements.Select(_ => new HashSet<long>()).ToArray();
        var all = new HashSet<long>();
        foreach (var item in tags.GroupBy(t => t.ItemId))
        {
            var inRows = item.SelectMany(t => rowIndex.GetValueOrDefault(t.Element) ?? []).Distinct().ToList();
            var inColumns = item.SelectMany(t => columnIndex.GetValueOrDefault(t.Element) ?? []).Distinct().ToList();
            if (inRows.Count == 0 || inColumns.Count == 0)
            {
                continue;
            }
            all.Add(item.Key);
            foreach (var r in inRows)
            {
                rowItems[r].Add(item.Key);
                foreach (var c in inColumns)
                {
                    cells[r][c]++;
                    columnItems[c].Add(item.Key);
                }
            }
        }
        return new GapMatrix(rows, columns, [.. cells.Select(r => (IReadOnlyList<int>)r)],
            [.. rowItems.Select(s => s.Count)], [.. columnItems.Select(s => s.Count)], all.Count);
    }

    /// <summary>Each element reference that counts on this side, with the positions it counts for.</summary>
    private static Dictionary<string, List<int>> Index(GapAxis axis)
    {
        var index = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < axis.Elements.Count; i++)
        {
            foreach (var reference in axis.Scope(i))
            {
                if (!index.TryGetValue(reference.ToString(), out var positions))
                {
                    index[reference.ToString()] = positions = [];
                }
                positions.Add(i);
            }
        }
        return index;
    }

    private IQueryable<EvidenceRecord> Filtered(Actor actor, IReadOnlyCollection<ElementRef>? elements)
    {
        var items = library.Published(actor);
        if (elements is { Count: > 0 })
        {
            var refs = elements.Select(e => e.ToString()).Distinct().ToList();
            items = items.Where(e => e.Elements.Any(x => refs.Contains(x.Element)));
        }
        return items;
    }
}
