using System.Text.Encodings.Web;
using System.Text.Json;
using YamlDotNet.Serialization;

namespace Observatory.Frameworks;

/// <summary>
/// Writes a framework back out in the documented file format (docs/data-formats.md), as YAML or JSON, so an
/// exported file can be edited and imported again.
/// </summary>
public static class FrameworkWriter
{
    public static string ToYaml(Framework framework) =>
        new SerializerBuilder()
            .WithIndentedSequences()
            .DisableAliases()
            .Build()
            .Serialize(ToDocument(framework));

    public static string ToJson(Framework framework) =>
        JsonSerializer.Serialize(ToDocument(framework), new JsonSerializerOptions
        {
            WriteIndented = true,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        });

    public static OrderedDictionary<string, object> ToDocument(Framework framework)
    {
        var doc = new OrderedDictionary<string, object>
        {
            ["id"] = framework.Id,
            ["name"] = framework.Name,
        };
        AddIf(doc, "short-name", framework.ShortName);
        doc["version"] = framework.Version;
        doc["publisher"] = framework.Publisher;
        doc["group"] = framework.Group;
        doc["summary"] = framework.Summary;
        doc["source"] = framework.Sources.Select(Citation).ToList();
        AddIf(doc, "diagram", framework.Diagram);
        doc["elements"] = framework.Elements.Select(Element).ToList();
        return doc;
    }

    private static OrderedDictionary<string, object> Element(FrameworkElement element)
    {
        var map = new OrderedDictionary<string, object>
        {
            ["id"] = element.Id,
            ["name"] = element.Name,
            ["kind"] = element.Kind,
            ["description"] = element.Description,
        };
        if (element.Source is { } source)
        {
            map["source"] = Citation(source);
        }
        if (element.Labels.Count > 0)
        {
            map["labels"] = new OrderedDictionary<string, object>(element.Labels.Select(l => KeyValuePair.Create(l.Key, (object)l.Value)));
        }
        foreach (var list in element.Lists)
        {
            map[list.Key] = list.Items.ToList();
        }
        if (element.Notes.Count > 0)
        {
            map["extra"] = element.Notes.Select(n =>
            {
                var note = new OrderedDictionary<string, object> { ["label"] = n.Label, ["text"] = n.Text };
                if (n.Source is { } s)
                {
                    note["source"] = Citation(s);
                }
                return note;
            }).ToList();
        }
        if (element.Children.Count > 0)
        {
            map["children"] = element.Children.Select(Element).ToList();
        }
        return map;
    }

    private static OrderedDictionary<string, object> Citation(SourceCitation c) => new() { ["file"] = c.File, ["section"] = c.Section };

    private static void AddIf(OrderedDictionary<string, object> map, string key, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            map[key] = value;
        }
    }
}
