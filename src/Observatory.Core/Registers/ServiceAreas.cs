using Observatory.Content;

namespace Observatory.Registers;

/// <summary>One council service area an application can serve: revenues and benefits, adult social care…</summary>
public sealed record ServiceArea(string Id, string Name, string Description);

/// <summary>
/// The shared list of council service areas (data/registers/service-areas.yaml), versioned data loaded and checked
/// once at start-up, so that every council's applications are mapped to the same words and the sector view can
/// count who runs what.
/// </summary>
public sealed class ServiceAreas
{
    public const string File = "registers/service-areas.yaml";

    private static readonly string[] ListKeys = ["id", "title", "version", "publisher", "areas"];
    private static readonly string[] AreaKeys = ["id", "name", "description"];

    private readonly Dictionary<string, ServiceArea> _byId;

    public ServiceAreas(string title, string version, string publisher, IReadOnlyList<ServiceArea> areas)
    {
        Title = title;
        Version = version;
        Publisher = publisher;
        Areas = areas;
        _byId = areas.ToDictionary(a => a.Id, StringComparer.Ordinal);
    }

    public string Title { get; }

    public string Version { get; }

    public string Publisher { get; }

    public IReadOnlyList<ServiceArea> Areas { get; }

    public ServiceArea? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>Reads and checks a list, naming the file, line and field of each problem.</summary>
    public static (ServiceAreas? List, IReadOnlyList<ContentProblem> Problems) Read(string file, string text)
    {
        var doc = YamlFile.Parse(file, text);
        if (doc.Root is not { } root)
        {
            return (null, doc.Problems);
        }
        doc.RejectUnknownKeys(root, "", ListKeys);
        doc.RequiredId(root, "id", "");
        var title = doc.RequiredString(root, "title", "", 200);
        var version = doc.RequiredString(root, "version", "", 50);
        var publisher = doc.RequiredString(root, "publisher", "", 200);
        var areas = new List<ServiceArea>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (map, path) in doc.MappingList(root, "areas", "", required: true))
        {
            doc.RejectUnknownKeys(map, path, AreaKeys);
            var id = doc.RequiredId(map, "id", path);
            if (id.Length > 0 && !seen.Add(id))
            {
                doc.Problem(doc.Get(map, "id"), YamlFile.Join(path, "id"), $"'{id}' is already a service area in this list");
            }
            areas.Add(new ServiceArea(id, doc.RequiredString(map, "name", path, 200), doc.RequiredString(map, "description", path, 1000)));
        }
        return doc.ProblemCount > 0 ? (null, doc.Problems) : (new ServiceAreas(title, version, publisher, areas), []);
    }

    /// <summary>Loads the shipped list; any problem stops start-up with every problem listed.</summary>
    public static ServiceAreas LoadShipped(DataFolder data)
    {
        var path = data.Combine("registers", "service-areas.yaml");
        if (!System.IO.File.Exists(path))
        {
            throw new ContentValidationException([new ContentProblem(data.Relative(path), 0, 0, "", "does not exist: the Observatory ships its list of council service areas there")]);
        }
        var (list, problems) = Read(data.Relative(path), System.IO.File.ReadAllText(path));
        return list ?? throw new ContentValidationException(problems);
    }
}
