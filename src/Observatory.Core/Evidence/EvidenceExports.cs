using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Observatory.Accounts;
using Observatory.Content;
using Observatory.Evidence.Search;
using Observatory.Frameworks;
using Observatory.Places;

namespace Observatory.Evidence;

/// <summary>
/// The library as files to take away: CSV (one row per item), JSON (the items as the data format writes them) and
/// schema.org JSON-LD. Only published items the actor may see, and never the organisations of an anonymous item.
/// </summary>
public sealed class EvidenceExports(EvidenceLibrary library, PlaceRegistry places)
{
    /// <summary>How lists are joined in one CSV field.</summary>
    public const string ListSeparator = "; ";

    public static readonly IReadOnlyList<string> CsvHeader =
    [
        "id", "title", "kind", "status", "strength", "strength_name", "year", "summary", "body", "places", "place_names", "organisations",
        "anonymous", "elements", "links", "source", "collection", "url",
    ];

    // Files to download, not markup: readable accents and dashes rather than \u escapes.
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// The items matching the list's filters (the text and page of <paramref name="filter"/> are not read: an
    /// export holds every match), ordered by title then id, as readers see them (organisations hidden when anonymous).
    /// The filters mean what they mean to the search: OR within a list, AND across them, a region by
    /// <see cref="EvidenceSearch.RegionOf"/>.
    /// </summary>
    public async Task<IReadOnlyList<EvidenceItem>> ItemsAsync(Actor actor, EvidenceQuery filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var items = library.Published(actor);
        foreach (var all in filter.AllElements.Select(e => e.ToString()).Distinct())
        {
            items = items.Where(e => e.Elements.Any(x => x.Element == all));
        }
        if (filter.Elements.Count > 0)
        {
            var any = filter.Elements.Select(e => e.ToString()).Distinct().ToList();
            items = items.Where(e => e.Elements.Any(x => any.Contains(x.Element)));
        }
        if (filter.Places.Count > 0)
        {
            var codes = filter.Places.ToList();
            items = items.Where(e => e.Places.Any(p => codes.Contains(p.PlaceCode)));
        }
        if (filter.Region is { } region)
        {
            var codes = places.Places.Where(p => EvidenceSearch.RegionOf(p) == region).Select(p => p.Code).ToList();
            items = items.Where(e => e.Places.Any(p => codes.Contains(p.PlaceCode)));
        }
        if (filter.Nation is { } nation)
        {
            var codes = places.Places.Where(p => p.Nation == nation).Select(p => p.Code).ToList();
            items = items.Where(e => e.Places.Any(p => codes.Contains(p.PlaceCode)));
        }
        if (filter.Kinds.Count > 0)
        {
            var kinds = filter.Kinds.ToList();
            items = items.Where(e => kinds.Contains(e.Kind));
        }
        if (filter.MinimumStrength is { } strength)
        {
            items = items.Where(e => e.Strength >= strength);
        }
        if (filter.Year is { } year)
        {
            items = items.Where(e => e.Year == year);
        }
        var records = await items.OrderBy(e => e.Title).ThenBy(e => e.Slug).ToListAsync(cancellationToken);
        return [.. records.Select(r => Shown(r.Item))];
    }

    /// <summary>The item as a reader may see it: an anonymous item loses its organisation names here, before any format.</summary>
    public static EvidenceItem Shown(EvidenceItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return item.Anonymous ? item with { Organisations = [] } : item;
    }

    public static string Csv(IEnumerable<EvidenceItem> items, string siteUrl) =>
        CsvWriter.Write(CsvHeader, items.Select(i => (IEnumerable<string?>)
        [
            i.Id, i.Title, EvidenceSpellings.Of(i.Kind), EvidenceSpellings.Of(i.Status), i.Strength.ToString(CultureInfo.InvariantCulture),
            StrengthOfEvidence.NameOf(i.Strength), i.Year?.ToString(CultureInfo.InvariantCulture), i.Summary, i.Body,
            string.Join(ListSeparator, i.Places), string.Join(ListSeparator, i.PlaceNames), string.Join(ListSeparator, i.ShownOrganisations),
            i.Anonymous ? "true" : "false", string.Join(ListSeparator, i.Elements), string.Join(ListSeparator, i.Links.Select(l => $"{l.Title} <{l.Url}>")),
            i.Source is { } s ? new SourceCitation(s.File, s.Section).ToString() : "", i.Collection, ItemUrl(siteUrl, i.Id),
        ]));

    /// <summary>A JSON array of the items in the data format's shape, each with its address.</summary>
    public static string Json(IEnumerable<EvidenceItem> items, string siteUrl)
    {
        var array = new JsonArray();
        foreach (var item in items)
        {
            var node = JsonNode.Parse(EvidenceRecord.Serialise(Shown(item)))!.AsObject();
            node["url"] = ItemUrl(siteUrl, item.Id);
            array.Add(node);
        }
        return array.ToJsonString(Indented);
    }

    /// <summary>A schema.org JSON-LD document: one @graph node per item.</summary>
    public static string JsonLd(IEnumerable<EvidenceItem> items, string siteUrl, FrameworkCatalogue catalogue, PlaceRegistry places)
    {
        var graph = new JsonArray();
        foreach (var item in items)
        {
            graph.Add(JsonLdNode(item, siteUrl, catalogue, places));
        }
        return new JsonObject { ["@context"] = "https://schema.org", ["@graph"] = graph }.ToJsonString(Indented);
    }

    /// <summary>One item as a schema.org JSON-LD document of its own, for its page.</summary>
    public static string JsonLd(EvidenceItem item, string siteUrl, FrameworkCatalogue catalogue, PlaceRegistry places)
    {
        var node = JsonLdNode(item, siteUrl, catalogue, places);
        var document = new JsonObject { ["@context"] = "https://schema.org" };
        foreach (var (key, value) in node.ToList())
        {
            node.Remove(key);
            document[key] = value;
        }
        return document.ToJsonString();
    }

    public static string ItemUrl(string siteUrl, string id) => $"{siteUrl.TrimEnd('/')}/evidence/{Uri.EscapeDataString(id)}";

    /// <summary>
    /// Case studies and written papers are Articles, datasets Datasets, media other CreativeWorks. Places and
    /// framework elements are what it is about: a Place with its GSS or ISO code, a DefinedTerm in its framework's
    /// DefinedTermSet.
    /// </summary>
    private static JsonObject JsonLdNode(EvidenceItem item, string siteUrl, FrameworkCatalogue catalogue, PlaceRegistry places)
    {
        var shown = Shown(item);
        var url = ItemUrl(siteUrl, item.Id);
        var about = new JsonArray();
        foreach (var code in shown.Places)
        {
            about.Add(new JsonObject
            {
                ["@type"] = places.Find(code)?.Type == PlaceType.Country ? "Country" : "Place",
                ["identifier"] = code,
                ["name"] = places.Find(code)?.Name ?? code,
            });
        }
        var keywords = new JsonArray();
        foreach (var reference in shown.Elements)
        {
            var element = catalogue.FindElement(reference);
            var framework = catalogue.Find(reference.FrameworkId);
            about.Add(new JsonObject
            {
                ["@type"] = "DefinedTerm",
                ["termCode"] = reference.ToString(),
                ["name"] = element?.Name ?? reference.ElementId,
                ["url"] = $"{siteUrl.TrimEnd('/')}/frameworks/{reference.FrameworkId}/{reference.ElementId}",
                ["inDefinedTermSet"] = new JsonObject
                {
                    ["@type"] = "DefinedTermSet",
                    ["identifier"] = reference.FrameworkId,
                    ["name"] = framework?.Name ?? reference.FrameworkId,
                    ["url"] = $"{siteUrl.TrimEnd('/')}/frameworks/{reference.FrameworkId}",
                },
            });
            keywords.Add(element?.Name ?? reference.ToString());
        }
        var node = new JsonObject
        {
            ["@type"] = item.Kind switch { EvidenceKind.Dataset => "Dataset", EvidenceKind.Media => "CreativeWork", _ => "Article" },
            ["@id"] = url,
            ["url"] = url,
            ["identifier"] = item.Id,
            ["name"] = item.Title,
            ["genre"] = EvidenceSpellings.KindName(item.Kind),
            ["abstract"] = item.Summary,
        };
        if (item.Body is { Length: > 0 } body)
        {
            node["text"] = body;
        }
        node["about"] = about;
        node["keywords"] = keywords;
        if (item.Year is { } year)
        {
            node["dateCreated"] = year.ToString(CultureInfo.InvariantCulture);
        }
        if (shown.ShownOrganisations.Count > 0)
        {
            node["author"] = new JsonArray([.. shown.ShownOrganisations.Select(o => (JsonNode)new JsonObject { ["@type"] = "Organization", ["name"] = o })]);
        }
        var citations = new JsonArray();
        if (item.Source is { } source)
        {
            var citation = new SourceCitation(source.File, source.Section);
            citations.Add(new JsonObject { ["@type"] = "CreativeWork", ["name"] = citation.DocumentTitle, ["description"] = $"Section: {source.Section}" });
        }
        foreach (var link in item.Links)
        {
            citations.Add(new JsonObject { ["@type"] = "CreativeWork", ["name"] = link.Title, ["url"] = link.Url });
        }
        if (citations.Count > 0)
        {
            node["citation"] = citations;
        }
        return node;
    }
}
