using System.Globalization;
using Observatory.Content;
using Observatory.Indicators;
using Observatory.Places;

namespace Observatory.Similarity;

public enum SetTransform
{
    None,

    /// <summary>Natural logarithm, for indicators spanning orders of magnitude; values of 0 or less have no logarithm and count as missing.</summary>
    Log,
}

public sealed record SetIndicator(string IndicatorId, double Weight, SetTransform Transform);

/// <summary>The indicators the Observatory's own similar areas are measured on.</summary>
public sealed record SimilarAreaSet(string Id, string Name, string Description, IReadOnlyList<SetIndicator> Indicators);

/// <summary>The three ONS statistical nearest-neighbour models, as published.</summary>
public sealed record OnsNeighbourModel(string Id, string Model, string Name, IReadOnlyDictionary<string, IReadOnlyList<string>> Lists);

/// <summary>
/// The indicator sets (data/similarity/indicator-sets.yaml) and ONS's published nearest neighbours
/// (data/similarity/ons_els_*-neighbours.csv), checked at start-up. ONS codes are read through
/// <see cref="PlaceRegistry.RecodedTo"/>, so lists published before a recode name today's councils.
/// </summary>
public sealed class SimilarAreaSets
{
    public const string OnsPrefix = "ons-";

    public static readonly IReadOnlyList<string> OnsModels = ["global", "economic", "demographic"];

    public SimilarAreaSets(IReadOnlyList<SimilarAreaSet> sets, IReadOnlyList<OnsNeighbourModel> ons)
    {
        Sets = sets;
        Ons = ons;
    }

    public IReadOnlyList<SimilarAreaSet> Sets { get; }

    public IReadOnlyList<OnsNeighbourModel> Ons { get; }

    /// <summary>The set people get unless they choose another: the first in the file.</summary>
    public SimilarAreaSet Default => Sets[0];

    public SimilarAreaSet? Find(string id) => Sets.FirstOrDefault(s => s.Id == id);

    public OnsNeighbourModel? FindOns(string id) => Ons.FirstOrDefault(o => o.Id == id);

    public static SimilarAreaSets LoadShipped(DataFolder data, IndicatorCatalogue indicators, PlaceRegistry places)
    {
        var folder = data.Combine("similarity");
        var problems = new List<ContentProblem>();
        var setsPath = Path.Combine(folder, "indicator-sets.yaml");
        var sets = File.Exists(setsPath)
            ? ReadSets(data.Relative(setsPath), File.ReadAllText(setsPath), indicators.Find, problems)
            : [];
        if (sets.Count == 0 && problems.Count == 0)
        {
            problems.Add(new ContentProblem(data.Relative(setsPath), 0, 0, "sets", "must list at least one indicator set"));
        }
        var ons = new List<OnsNeighbourModel>();
        foreach (var model in OnsModels)
        {
            var path = Path.Combine(folder, $"ons_els_{model}-neighbours.csv");
            if (!File.Exists(path))
            {
                problems.Add(new ContentProblem(data.Relative(path), 0, 0, "", "does not exist: ONS's nearest neighbours are missing"));
                continue;
            }
            ons.Add(ReadOns(data.Relative(path), model, File.ReadAllText(path), places, problems));
        }
        if (problems.Count > 0)
        {
            throw new ContentValidationException(problems);
        }
        return new SimilarAreaSets(sets, ons);
    }

    public static IReadOnlyList<SimilarAreaSet> ReadSets(string file, string text, Func<string, IndicatorDefinition?> catalogue, List<ContentProblem> problems)
    {
        var doc = YamlFile.Parse(file, text);
        var sets = new List<SimilarAreaSet>();
        if (doc.Root is { } root)
        {
            doc.RejectUnknownKeys(root, "", ["sets"]);
            var ids = new HashSet<string>();
            foreach (var (map, path) in doc.MappingList(root, "sets", "", required: true))
            {
                doc.RejectUnknownKeys(map, path, ["id", "name", "description", "indicators"]);
                var id = doc.RequiredId(map, "id", path);
                if (id.StartsWith(OnsPrefix, StringComparison.Ordinal))
                {
                    doc.Problem(doc.Get(map, "id"), YamlFile.Join(path, "id"), $"'{OnsPrefix}' is kept for ONS's published lists");
                }
                else if (id.Length > 0 && !ids.Add(id))
                {
                    doc.Problem(doc.Get(map, "id"), YamlFile.Join(path, "id"), $"'{id}' is used twice");
                }
                var members = new List<SetIndicator>();
                foreach (var (item, itemPath) in doc.MappingList(map, "indicators", path, required: true))
                {
                    doc.RejectUnknownKeys(item, itemPath, ["id", "weight", "transform"]);
                    var indicatorId = doc.RequiredString(item, "id", itemPath);
                    if (indicatorId.Length > 0 && catalogue(indicatorId) is null)
                    {
                        doc.Problem(doc.Get(item, "id"), YamlFile.Join(itemPath, "id"), $"'{indicatorId}' is not an indicator in the catalogue");
                    }
                    else if (members.Any(m => m.IndicatorId == indicatorId))
                    {
                        doc.Problem(doc.Get(item, "id"), YamlFile.Join(itemPath, "id"), $"'{indicatorId}' is listed twice");
                    }
                    var weightText = doc.OptionalString(item, "weight", itemPath);
                    var weight = 1.0;
                    if (weightText is not null && (!double.TryParse(weightText, NumberStyles.Float, CultureInfo.InvariantCulture, out weight) || !double.IsFinite(weight) || weight <= 0))
                    {
                        doc.Problem(doc.Get(item, "weight"), YamlFile.Join(itemPath, "weight"), $"'{weightText}' must be a number above 0");
                    }
                    var transformText = doc.OptionalString(item, "transform", itemPath);
                    var transform = transformText switch
                    {
                        null or "none" => SetTransform.None,
                        "log" => SetTransform.Log,
                        _ => (SetTransform?)null,
                    };
                    if (transform is null)
                    {
                        doc.Problem(doc.Get(item, "transform"), YamlFile.Join(itemPath, "transform"), $"'{transformText}' is not one of: none, log");
                    }
                    members.Add(new SetIndicator(indicatorId, weight, transform ?? SetTransform.None));
                }
                sets.Add(new SimilarAreaSet(id, doc.RequiredString(map, "name", path), doc.RequiredString(map, "description", path), members));
            }
        }
        problems.AddRange(doc.Problems);
        return doc.Problems.Count == 0 ? sets : [];
    }

    private static OnsNeighbourModel ReadOns(string file, string model, string text, PlaceRegistry places, List<ContentProblem> problems)
    {
        var lists = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        using var csv = new CsvRecordReader(new StringReader(text.TrimStart('\uFEFF')), file);
        if (!csv.Read() || csv.GetString(0) != "AREACD")
        {
            problems.Add(new ContentProblem(file, 1, 1, "AREACD", "the first column must be AREACD"));
        }
        while (csv.Read())
        {
            var code = Current(places, csv.GetString(0));
            if (code is null)
            {
                problems.Add(new ContentProblem(file, csv.Line, 1, "AREACD", $"'{csv.GetString(0)}' is not a known area"));
                continue;
            }
            var neighbours = new List<string>();
            for (var i = 1; i < csv.FieldCount; i++)
            {
                var cell = csv.GetString(i).Trim();
                if (cell.Length == 0)
                {
                    continue;
                }
                if (Current(places, cell) is { } neighbour)
                {
                    neighbours.Add(neighbour);
                }
                else
                {
                    problems.Add(new ContentProblem(file, csv.Line, i + 1, i.ToString(CultureInfo.InvariantCulture), $"'{cell}' is not a known area"));
                }
            }
            lists[code] = neighbours;
        }
        problems.AddRange(csv.Problem is { } stopped ? [stopped] : []);
        var name = $"ONS statistical nearest neighbours ({model} model)";
        return new OnsNeighbourModel(OnsPrefix + model, model, name, lists);
    }

    private static string? Current(PlaceRegistry places, string code) =>
        places.RecodedTo(code) is { } recoded ? recoded : places.Find(code)?.Code;
}
