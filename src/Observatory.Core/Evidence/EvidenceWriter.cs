using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.EventEmitters;

namespace Observatory.Evidence;

/// <summary>
/// Writes evidence items as a collection file in the data-file format (docs/data-formats.md, "Evidence"), so
/// contributions can leave the database as a file a curator reviews, edits and ships, and a file read with
/// <see cref="EvidenceReader"/> gives back the same items.
/// </summary>
public static class EvidenceWriter
{
    public static string ToYaml(string id, string name, string description, IEnumerable<EvidenceItem> items) =>
        new SerializerBuilder()
            .WithIndentedSequences()
            .DisableAliases()
            // A title such as "yes" or "2021" must stay text when the file is read again.
            .WithQuotingNecessaryStrings()
            .WithEventEmitter(next => new BlockTextEmitter(next))
            .Build()
            .Serialize(ToDocument(id, name, description, items));

    /// <summary>Contributions (items not shipped) as one collection, to review and ship or to move to another Observatory.</summary>
    public static string Contributions(IEnumerable<EvidenceItem> items, DateTime at) =>
        ToYaml("contributions", "Contributions to the evidence library",
            $"Items contributed through the Observatory, exported from its database on {at.ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture)}. " +
            "Each needs a source (file and section) before it can ship in data/evidence/.", items);

    public static OrderedDictionary<string, object> ToDocument(string id, string name, string description, IEnumerable<EvidenceItem> items) => new()
    {
        ["id"] = id,
        ["name"] = name,
        ["description"] = description,
        ["items"] = items.Select(Item).ToList(),
    };

    /// <summary>One item with the keys in the documented order; empty optional fields are left out, as a person writing the file would.</summary>
    public static OrderedDictionary<string, object> Item(EvidenceItem item)
    {
        var map = new OrderedDictionary<string, object>
        {
            ["id"] = item.Id,
            ["title"] = item.Title,
            ["kind"] = EvidenceSpellings.Of(item.Kind),
            ["summary"] = item.Summary,
        };
        if (!string.IsNullOrEmpty(item.Body))
        {
            map["body"] = item.Body;
        }
        map["places"] = item.Places.ToList();
        AddList(map, "place-names", item.PlaceNames);
        AddList(map, "organisations", item.Organisations);
        if (item.Year is { } year)
        {
            map["year"] = year;
        }
        if (item.Links.Count > 0)
        {
            map["links"] = item.Links.Select(l => new OrderedDictionary<string, object> { ["title"] = l.Title, ["url"] = l.Url }).ToList();
        }
        // An element with a reason is written as a mapping of element and because, as the shipped files write it.
        map["elements"] = item.Elements.Select(e => item.BecauseOf(e) is { } because
            ? (object)new OrderedDictionary<string, object> { ["element"] = e.ToString(), ["because"] = because }
            : e.ToString()).ToList();
        map["strength"] = item.Strength;
        if (!string.IsNullOrEmpty(item.StrengthReason))
        {
            map["strength-reason"] = item.StrengthReason;
        }
        if (!string.IsNullOrEmpty(item.NoAreaOfFocus))
        {
            map["no-area-of-focus"] = item.NoAreaOfFocus;
        }
        map["status"] = EvidenceSpellings.Of(item.Status);
        if (item.Anonymous)
        {
            map["anonymous"] = true;
        }
        if (item.Source is { } source)
        {
            map["source"] = new OrderedDictionary<string, object> { ["file"] = source.File, ["section"] = source.Section };
        }
        return map;
    }

    private static void AddList(OrderedDictionary<string, object> map, string key, IReadOnlyList<string> values)
    {
        if (values.Count > 0)
        {
            map[key] = values.ToList();
        }
    }

    /// <summary>Text of several lines (a body in Markdown) is written as a literal block, as the shipped files write it, not as one escaped line.</summary>
    private sealed class BlockTextEmitter(IEventEmitter next) : ChainedEventEmitter(next)
    {
        public override void Emit(ScalarEventInfo eventInfo, IEmitter emitter)
        {
            if (eventInfo.Source.Value is string text && text.Contains('\n'))
            {
                eventInfo.Style = ScalarStyle.Literal;
            }
            base.Emit(eventInfo, emitter);
        }
    }
}
