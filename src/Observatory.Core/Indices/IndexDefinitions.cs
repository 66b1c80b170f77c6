using Observatory.Content;
using Observatory.Frameworks;
using Observatory.Indicators;

namespace Observatory.Indices;

/// <summary>
/// Every shipped composite index (data/indices/*.yaml), checked at start-up against the indicator and framework
/// catalogues. Immutable.
/// </summary>
public sealed class IndexDefinitions
{
    private readonly Dictionary<string, IndexDefinition> _byId;

    public IndexDefinitions(IReadOnlyList<IndexDefinition> definitions)
    {
        All = [.. definitions.OrderBy(d => d.Name, StringComparer.OrdinalIgnoreCase)];
        _byId = All.ToDictionary(d => d.Id);
    }

    public IReadOnlyList<IndexDefinition> All { get; }

    public IndexDefinition? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>Loads data/indices/*.yaml; any problem in any file stops the load with every problem listed.</summary>
    public static IndexDefinitions LoadShipped(DataFolder data, FrameworkCatalogue frameworks, IndicatorCatalogue indicators)
    {
        var folder = data.Combine("indices");
        if (!Directory.Exists(folder))
        {
            throw new ContentValidationException([new ContentProblem(data.Relative(folder), 0, 0, "", "does not exist: the index definitions are missing")]);
        }
        var problems = new List<ContentProblem>();
        var definitions = new List<IndexDefinition>();
        foreach (var path in Directory.EnumerateFiles(folder, "*.yaml").Order(StringComparer.Ordinal))
        {
            var (definition, found) = IndexReader.Read(data.Relative(path), File.ReadAllText(path), Path.GetFileNameWithoutExtension(path),
                indicators.Find, frameworks.Contains);
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
        return new IndexDefinitions(definitions);
    }
}
