using Observatory.Content;
using Observatory.Frameworks;
using Observatory.Indicators;

namespace Observatory.Portraits;

/// <summary>
/// Every shipped portrait definition (data/portraits/*.yaml), checked at start-up against the framework and
/// indicator catalogues and the national data files. Immutable.
/// </summary>
public sealed class PortraitDefinitions
{
    private readonly Dictionary<string, PortraitDefinition> _byId;

    public PortraitDefinitions(IReadOnlyList<PortraitDefinition> definitions)
    {
        All = [.. definitions.OrderBy(d => d.Id, StringComparer.Ordinal)];
        _byId = All.ToDictionary(d => d.Id);
    }

    public IReadOnlyList<PortraitDefinition> All { get; }

    public PortraitDefinition? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>The folder, under data/, that national definitions' data files are relative to.</summary>
    public const string DataFolderName = "doughnut";

    /// <summary>
    /// Loads data/portraits/*.yaml. Any problem in any file stops the load with every problem listed (file, line,
    /// field, message).
    /// </summary>
    public static PortraitDefinitions LoadShipped(DataFolder data, FrameworkCatalogue frameworks, IndicatorCatalogue indicators)
    {
        var folder = data.Combine("portraits");
        if (!Directory.Exists(folder))
        {
            throw new ContentValidationException([new ContentProblem(data.Relative(folder), 0, 0, "", "does not exist: the portrait definitions are missing")]);
        }
        var context = ContextFor(data, frameworks, indicators);
        var problems = new List<ContentProblem>();
        var definitions = new List<PortraitDefinition>();
        foreach (var path in Directory.EnumerateFiles(folder, "*.yaml").Order(StringComparer.Ordinal))
        {
            var (definition, found) = PortraitReader.Read(data.Relative(path), File.ReadAllText(path), Path.GetFileNameWithoutExtension(path), context);
            problems.AddRange(found);
            if (definition is not null)
            {
                definitions.Add(definition);
            }
        }
        if (problems.Count > 0)
        {
            throw new ContentValidationException(problems);
        }
        return new PortraitDefinitions(definitions);
    }

    /// <summary>What definitions are checked against, from the shipped catalogues and data/doughnut/.</summary>
    public static PortraitContext ContextFor(DataFolder data, FrameworkCatalogue frameworks, IndicatorCatalogue indicators)
    {
        var doughnut = frameworks.Find("doughnut");
        var rings = new Dictionary<ElementRef, Ring>();
        foreach (var (ringId, ring) in new[] { ("social-foundation", Ring.Social), ("ecological-ceiling", Ring.Ecological) })
        {
            if (doughnut?.FindElement(ringId) is { } element)
            {
                foreach (var e in element.SelfAndDescendants())
                {
                    rings[new ElementRef("doughnut", e.Id)] = ring;
                }
            }
        }
        var dimensions = rings.Keys.Where(k => k.ElementId is not "social-foundation" and not "ecological-ceiling").ToList();
        var root = data.Combine(DataFolderName);
        var headers = new Dictionary<string, IReadOnlyList<string>?>(StringComparer.Ordinal);
        return new PortraitContext(
            frameworks.Contains,
            e => rings.TryGetValue(e, out var r) ? r : null,
            indicators.Find,
            file =>
            {
                if (!headers.TryGetValue(file, out var header))
                {
                    header = headers[file] = ReadHeader(root, file);
                }
                return header;
            },
            dimensions);
    }

    private static IReadOnlyList<string>? ReadHeader(string root, string file)
    {
        // Only plain relative paths, so a definition cannot reach outside data/doughnut/.
        if (file.StartsWith('/') || file.Contains('\\') || file.Split('/').Any(p => p is "" or "." or ".."))
        {
            return null;
        }
        var path = Path.Combine(root, file);
        if (!File.Exists(path))
        {
            return null;
        }
        using var csv = new CsvRecordReader(new StreamReader(path), Path.GetFileName(path));
        return csv.Read() ? [.. Enumerable.Range(0, csv.FieldCount).Select(csv.GetString)]
            : csv.Problem is { } stopped ? throw new ContentValidationException([stopped]) : [];
    }
}
