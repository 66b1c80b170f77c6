using Observatory.Content;
using Observatory.Frameworks;
using Observatory.Places;

namespace Observatory.Evidence;

/// <summary>
/// The evidence collections shipped in data/evidence/*.yaml, checked at start-up against the framework catalogue
/// and the place registry. The seeder copies them into the database, where search and contributions live.
/// </summary>
public sealed class ShippedEvidence
{
    public ShippedEvidence(IReadOnlyList<EvidenceCollection> collections)
    {
        Collections = collections;
        Items = [.. collections.SelectMany(c => c.Items)];
    }

    public IReadOnlyList<EvidenceCollection> Collections { get; }

    public IReadOnlyList<EvidenceItem> Items { get; }

    /// <summary>Loads every collection; any problem in any file stops the load with every problem listed.</summary>
    public static ShippedEvidence LoadShipped(DataFolder data, FrameworkCatalogue frameworks, PlaceRegistry places)
    {
        var folder = data.Combine("evidence");
        if (!Directory.Exists(folder))
        {
            throw new ContentValidationException([new ContentProblem(data.Relative(folder), 0, 0, "", "does not exist: the shipped evidence is missing")]);
        }
        var problems = new List<ContentProblem>();
        var collections = new List<EvidenceCollection>();
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFiles(folder, "*.yaml").Order(StringComparer.Ordinal))
        {
            var file = data.Relative(path);
            var (collection, found) = EvidenceReader.Read(file, File.ReadAllText(path), Path.GetFileNameWithoutExtension(path),
                frameworks.Contains, code => places.Find(code) is not null, elementKind: e => frameworks.FindElement(e)?.Kind);
            problems.AddRange(found);
            if (collection is null)
            {
                continue;
            }
            foreach (var item in collection.Items)
            {
                if (owners.TryGetValue(item.Id, out var other))
                {
                    problems.Add(new ContentProblem(file, 0, 0, "items.id", $"'{item.Id}' is also used in {other}; item ids are unique across all evidence files"));
                }
                else
                {
                    owners[item.Id] = file;
                }
            }
            collections.Add(collection);
        }
        if (problems.Count > 0)
        {
            throw new ContentValidationException(problems);
        }
        return new ShippedEvidence(collections);
    }
}
