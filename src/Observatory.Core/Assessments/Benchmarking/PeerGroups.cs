using Observatory.Places;
using Observatory.Similarity;

namespace Observatory.Assessments.Benchmarking;

/// <summary>The fixed ways organisations are grouped for benchmarking.</summary>
public enum PeerGroupKind
{
    /// <summary>Every contributing organisation.</summary>
    All,

    /// <summary>The kind of council: London borough, metropolitan district, unitary authority and so on.</summary>
    CouncilType,

    /// <summary>England, Wales, Scotland or Northern Ireland.</summary>
    Nation,

    /// <summary>One of England's nine regions.</summary>
    Region,

    /// <summary>One of ONS's four clusters of similar councils (global model).</summary>
    Cluster,
}

/// <summary>A peer group: fixed, never chosen ad hoc, so that no one can draw a group round a few councils.</summary>
public sealed record PeerGroup(string Id, PeerGroupKind Kind, string Name);

/// <summary>
/// The Observatory's fixed peer groups and which an organisation belongs to. An organisation's groups come from the
/// first of its places that is a council (a current lower-tier, unitary or county council): its type, its nation,
/// its region (England only) and its ONS cluster (lower-tier and unitary councils ONS classified). An organisation
/// with no council among its places (a sector body, a company) is in "all" only.
/// </summary>
public sealed class PeerGroupDirectory
{
    public const string AllId = "all";

    private readonly PlaceRegistry _places;
    private readonly OnsClusters _clusters;
    private readonly Dictionary<string, PeerGroup> _byId;

    public PeerGroupDirectory(PlaceRegistry places, OnsClusters clusters)
    {
        _places = places;
        _clusters = clusters;
        var councils = places.Places.Where(IsCouncil).ToList();
        var groups = new List<PeerGroup> { new(AllId, PeerGroupKind.All, "All contributing organisations") };
        groups.AddRange(councils.Select(p => p.Type).Distinct().Order().Select(TypeGroup));
        groups.AddRange(councils.Select(p => p.Nation).OfType<string>().Distinct().Order(StringComparer.Ordinal).Select(NationGroup));
        groups.AddRange(councils.Select(p => p.RegionCode).OfType<string>().Distinct().Select(places.Find).OfType<Place>().Where(r => r.Type == PlaceType.Region)
            .OrderBy(r => r.Name, StringComparer.Ordinal).Select(RegionGroup));
        groups.AddRange(clusters.Clusters.Select(ClusterGroup));
        Groups = groups;
        _byId = groups.ToDictionary(g => g.Id, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Every peer group, in the order pages list them: all, council types, nations, regions, clusters.</summary>
    public IReadOnlyList<PeerGroup> Groups { get; }

    public PeerGroup? Find(string? id) => id is null ? null : _byId.GetValueOrDefault(id.Trim());

    /// <summary>The groups of an organisation with these places, "all" first.</summary>
    public IReadOnlyList<PeerGroup> GroupsOf(IReadOnlyList<string> placeCodes)
    {
        var groups = new List<PeerGroup> { Groups[0] };
        var council = placeCodes.Select(_places.Find).OfType<Place>().FirstOrDefault(IsCouncil);
        if (council is null)
        {
            return groups;
        }
        groups.Add(TypeGroup(council.Type));
        if (council.Nation is { } nation)
        {
            groups.Add(NationGroup(nation));
        }
        // The register gives Welsh, Scottish and Northern Irish councils their nation as a region; only England has regions (E12).
        if (council.RegionCode is { } regionCode && _places.Find(regionCode) is { Type: PlaceType.Region } region)
        {
            groups.Add(RegionGroup(region));
        }
        if (_clusters.Of(council.Code) is { } cluster)
        {
            groups.Add(ClusterGroup(cluster));
        }
        return [.. groups.Select(g => _byId[g.Id])];
    }

    private static bool IsCouncil(Place p) => p.IsCouncil || (p.IsCurrent && p.Type == PlaceType.County);

    private static PeerGroup TypeGroup(PlaceType type) => new($"type-{PlaceTypes.Slug(type)}", PeerGroupKind.CouncilType, Plural(PlaceTypes.Name(type)));

    private static PeerGroup NationGroup(string nation) => new($"nation-{Slug(nation)}", PeerGroupKind.Nation, $"Organisations in {nation}");

    private static PeerGroup RegionGroup(Place region) => new($"region-{Slug(region.Name)}", PeerGroupKind.Region, $"Organisations in {region.Name}");

    private static PeerGroup ClusterGroup(OnsCluster cluster) =>
        new($"cluster-{cluster.Letter.ToLowerInvariant()}", PeerGroupKind.Cluster, $"ONS cluster {cluster.Letter} of similar councils");

    private static string Plural(string typeName) => typeName switch
    {
        "County" => "County councils",
        _ when typeName.EndsWith('y') => typeName[..^1] + "ies",
        _ => typeName + "s",
    };

    private static string Slug(string name) =>
        string.Join('-', name.ToLowerInvariant().Split([' ', ',', '\''], StringSplitOptions.RemoveEmptyEntries));
}
