using Observatory.Accounts;
using Observatory.Frameworks;
using Observatory.Places;

namespace Observatory.Evidence.Search;

/// <summary>
/// Full-text search over the evidence library with facets and filters, the same on SQLite and PostgreSQL
/// (<see cref="IndexedEvidenceSearch"/>). Only what <see cref="EvidenceLibrary.Published"/> gives the actor is ever
/// counted or returned. The rules are in docs/evidence-search.md.
/// </summary>
public interface IEvidenceSearch
{
    Task<EvidenceSearchResult> SearchAsync(Actor actor, EvidenceQuery query, CancellationToken cancellationToken = default);
}

/// <summary>
/// What a reader asked for. Filters combine with AND across fields and OR within one list (any of the kinds
/// chosen); <see cref="AllElements"/> is the exception: an item must carry every one of them.
/// </summary>
public sealed record EvidenceQuery
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    /// <summary>Longer text than this is cut: no title or place name is longer, and it only makes the search slower.</summary>
    public const int MaxTextLength = 200;

    public string? Text { get; init; }

    /// <summary>Any of these elements.</summary>
    public IReadOnlyList<ElementRef> Elements { get; init; } = [];

    /// <summary>Every one of these elements (the gap map's cells).</summary>
    public IReadOnlyList<ElementRef> AllElements { get; init; } = [];

    /// <summary>Any of these places (GSS or ISO 3166 alpha-3 codes).</summary>
    public IReadOnlyList<string> Places { get; init; } = [];

    /// <summary>A GSS region code (for Wales, Scotland and Northern Ireland, the nation's code).</summary>
    public string? Region { get; init; }

    /// <summary>England, Wales, Scotland or Northern Ireland.</summary>
    public string? Nation { get; init; }

    public IReadOnlyList<EvidenceKind> Kinds { get; init; } = [];

    /// <summary>At least this level of the standards of evidence scale.</summary>
    public int? MinimumStrength { get; init; }

    public int? Year { get; init; }

    /// <summary>1-based.</summary>
    public int Page { get; init; } = 1;

    public int PageSize { get; init; } = DefaultPageSize;

    /// <summary>Facets cost most of a search's time; a caller that shows none can say so.</summary>
    public bool WithFacets { get; init; } = true;
}

/// <summary>
/// One page of results. <see cref="Total"/> and the facets cover the whole match set, not only the page; each
/// facet's counts apply every filter except its own, so they say what choosing that value would give.
/// </summary>
public sealed record EvidenceSearchResult(int Total, int Page, int PageSize, IReadOnlyList<EvidenceHit> Items, EvidenceFacets Facets, PlaceInText? Place)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>
/// One result: the item as a reader may see it (organisations already omitted when anonymous), its rank (higher
/// is better; 0 when it matched by place or filter alone), a snippet as safe HTML with the matched words in
/// &lt;mark&gt;, and why it matched when that was its place rather than its words.
/// </summary>
public sealed record EvidenceHit(EvidenceItem Item, Accounts.WorkflowState State, int Version, DateTime UpdatedAt, double Rank, string SnippetHtml, string? Reason);

public sealed record FacetValue(string Value, int Count);

/// <summary>Counts per value, largest first. Kinds use their spellings (case-study), elements framework-id/element-id.</summary>
public sealed record EvidenceFacets(
    IReadOnlyList<FacetValue> Elements,
    IReadOnlyList<FacetValue> Places,
    IReadOnlyList<FacetValue> Regions,
    IReadOnlyList<FacetValue> Nations,
    IReadOnlyList<FacetValue> Kinds,
    IReadOnlyList<FacetValue> Strengths,
    IReadOnlyList<FacetValue> Years)
{
    public static readonly EvidenceFacets None = new([], [], [], [], [], [], []);
}

/// <summary>A place the search text names ("Wigan"), with the neighbours whose evidence is included too.</summary>
public sealed record PlaceInText(Place Place, IReadOnlyList<Place> Neighbours, string Words);
