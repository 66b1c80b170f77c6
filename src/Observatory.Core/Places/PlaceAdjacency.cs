using System.Text.Json;
using Observatory.Content;

namespace Observatory.Places;

/// <summary>
/// Which councils border which, read from the shipped boundary topology: in a TopoJSON topology two areas that
/// share a border share an arc, so adjacency needs no geometry. The topology keeps the codes of its release (May
/// 2024); <see cref="NeighboursOf(PlaceRegistry, string)"/> joins them to places across recodes. Immutable: hold
/// one per process.
/// </summary>
public sealed class PlaceAdjacency
{
    /// <summary>The shipped boundaries: the 361 local authority districts of the UK, May 2024.</summary>
    public const string ShippedFile = "lad_uk_2024_05.topo.json";

    private readonly HashSet<string> _codes;

    private readonly ILookup<string, string> _neighbours;

    private PlaceAdjacency(HashSet<string> codes, ILookup<string, string> neighbours)
    {
        _codes = codes;
        _neighbours = neighbours;
    }

    /// <summary>Whether the topology has an area with this code (of its own release).</summary>
    public bool Contains(string code) => _codes.Contains(code);

    /// <summary>The areas sharing a border with <paramref name="code"/>, by the topology's own codes.</summary>
    public IReadOnlyList<string> NeighboursOf(string code) => [.. _neighbours[code]];

    /// <summary>
    /// The places sharing a border with the place, by name, under today's codes: Barnsley (E08000038 since 2025)
    /// finds its neighbours under E08000016. Empty when the place has no boundary (merged away before May 2024).
    /// </summary>
    public IReadOnlyList<Place> NeighboursOf(PlaceRegistry places, string code)
    {
        ArgumentNullException.ThrowIfNull(places);
        if (places.CodeIn(code, Contains) is not { } own)
        {
            return [];
        }
        return [.. NeighboursOf(own)
            .Select(places.Current)
            .OfType<Place>()
            .Where(p => !string.Equals(p.Code, code, StringComparison.OrdinalIgnoreCase))
            .DistinctBy(p => p.Code)
            .OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>Reads the shipped UK local authority districts from the data folder.</summary>
    public static PlaceAdjacency LoadShipped(DataFolder data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var path = data.Combine("places", ShippedFile);
        using var stream = File.OpenRead(path);
        try
        {
            return Load(stream);
        }
        catch (Exception e) when (e is JsonException or InvalidDataException or KeyNotFoundException or InvalidOperationException)
        {
            throw new InvalidDataException($"{Path.GetFileName(path)}: {e.Message}", e);
        }
    }

    /// <summary>Reads a TopoJSON topology whose first object is a collection of areas carrying an <c>id</c> property.</summary>
    public static PlaceAdjacency Load(Stream topoJson)
    {
        using var document = JsonDocument.Parse(topoJson);
        var root = document.RootElement;
        if (!root.TryGetProperty("type", out var type) || type.GetString() != "Topology")
        {
            throw new InvalidDataException("not a TopoJSON topology (type is not \"Topology\").");
        }
        var codes = new HashSet<string>(StringComparer.Ordinal);
        var users = new Dictionary<int, List<string>>();
        foreach (var feature in FirstObject(root).GetProperty("geometries").EnumerateArray())
        {
            var code = feature.GetProperty("properties").GetProperty("id").GetString() ?? throw new InvalidDataException("a feature has no id.");
            codes.Add(code);
            if (!feature.TryGetProperty("arcs", out var arcs))
            {
                continue;
            }
            foreach (var arc in ArcIndexes(arcs))
            {
                (users.TryGetValue(arc, out var list) ? list : users[arc] = []).Add(code);
            }
        }
        var neighbours = users.Values.Where(u => u.Count > 1)
            .SelectMany(u => u.SelectMany(a => u.Where(b => b != a).Select(b => (a, b))))
            .Distinct()
            .ToLookup(p => p.a, p => p.b, StringComparer.Ordinal);
        return new PlaceAdjacency(codes, neighbours);
    }

    /// <summary>Every arc a geometry uses; a negative index means arc ~i walked backwards, the same border.</summary>
    private static IEnumerable<int> ArcIndexes(JsonElement arcs)
    {
        if (arcs.ValueKind == JsonValueKind.Number)
        {
            var i = arcs.GetInt32();
            yield return i >= 0 ? i : ~i;
            yield break;
        }
        foreach (var item in arcs.EnumerateArray())
        {
            foreach (var i in ArcIndexes(item))
            {
                yield return i;
            }
        }
    }

    private static JsonElement FirstObject(JsonElement root)
    {
        foreach (var property in root.GetProperty("objects").EnumerateObject())
        {
            return property.Value;
        }
        throw new InvalidDataException("the topology has no objects.");
    }
}
