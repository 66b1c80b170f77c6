using Observatory.Accounts;

namespace Observatory.Evidence.Search;

/// <summary>
/// Every item a search matches, in the order its pages list them: what a reader downloads as "these results".
/// It reads the search page by page, the largest page at a time and without facets, so it answers exactly what
/// the pages answer (the same words, filters, place and neighbours, ranking and visibility) through any
/// <see cref="IEvidenceSearch"/>.
/// </summary>
public static class EveryMatch
{
    public static async Task<IReadOnlyList<EvidenceHit>> EveryMatchAsync(this IEvidenceSearch search, Actor actor, EvidenceQuery query,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(search);
        ArgumentNullException.ThrowIfNull(query);
        var hits = new List<EvidenceHit>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var page = 1; ; page++)
        {
            var result = await search.SearchAsync(actor, query with { Page = page, PageSize = EvidenceQuery.MaxPageSize, WithFacets = false }, cancellationToken);
            // An item published or withdrawn between two pages moves the rest along by one; counting ids keeps
            // each item once rather than twice.
            hits.AddRange(result.Items.Where(h => seen.Add(h.Item.Id)));
            if (result.Items.Count < result.PageSize || page >= result.PageCount)
            {
                return hits;
            }
        }
    }
}
