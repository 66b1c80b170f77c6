using System.Text.Json;
using Observatory.Content;
using Observatory.Places;

namespace Observatory.Similarity;

/// <summary>One of ONS's four clusters of councils under its global model, with ONS's description of it.</summary>
public sealed record OnsCluster(string Letter, string Description);

/// <summary>
/// ONS's clusters of similar councils (data/similarity/ons_els_cluster-allocation.csv and
/// ons_els_cluster-descriptions.json): k-means clusters A to D of every lower-tier and unitary council under the
/// global model of "Clustering similar local authorities and statistical nearest neighbours in the UK". Isles of
/// Scilly, City of London and Orkney are unclassified there, so they are in no cluster here. Codes are read
/// through <see cref="PlaceRegistry.RecodedTo"/>, like the nearest neighbours.
/// </summary>
public sealed class OnsClusters
{
    private readonly Dictionary<string, OnsCluster> _byCouncil;

    public OnsClusters(IReadOnlyList<OnsCluster> clusters, IReadOnlyDictionary<string, string> letterByCouncil)
    {
        Clusters = clusters;
        var byLetter = clusters.ToDictionary(c => c.Letter, StringComparer.OrdinalIgnoreCase);
        _byCouncil = letterByCouncil.Where(kv => byLetter.ContainsKey(kv.Value))
            .ToDictionary(kv => kv.Key, kv => byLetter[kv.Value], StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The global model's clusters, A to D.</summary>
    public IReadOnlyList<OnsCluster> Clusters { get; }

    /// <summary>The cluster ONS put a council in under the global model; null for a council it left unclassified or any other place.</summary>
    public OnsCluster? Of(string code) => _byCouncil.GetValueOrDefault(code);

    public static OnsClusters LoadShipped(DataFolder data, PlaceRegistry places)
    {
        var folder = data.Combine("similarity");
        var problems = new List<ContentProblem>();
        var allocationPath = Path.Combine(folder, "ons_els_cluster-allocation.csv");
        var descriptionsPath = Path.Combine(folder, "ons_els_cluster-descriptions.json");
        var letters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var clusters = new List<OnsCluster>();
        if (!File.Exists(allocationPath) || !File.Exists(descriptionsPath))
        {
            throw new ContentValidationException([new ContentProblem(data.Relative(folder), 0, 0, "", "ONS's cluster allocation or descriptions are missing")]);
        }
        var file = data.Relative(allocationPath);
        using (var csv = new CsvRecordReader(new StringReader(File.ReadAllText(allocationPath).TrimStart('\uFEFF')), file))
        {
            if (!csv.Read() || csv.GetString(0) != "AREACD" || csv.FieldCount < 3 || csv.GetString(2) != "Global")
            {
                problems.Add(new ContentProblem(file, 1, 1, "AREACD", "the columns must be AREACD, AREANM, Global, …"));
            }
            while (problems.Count == 0 && csv.Read())
            {
                var published = csv.GetString(0).Trim();
                var code = places.RecodedTo(published) ?? places.Find(published)?.Code;
                var letter = csv.GetString(2).Trim();
                if (code is null)
                {
                    problems.Add(new ContentProblem(file, csv.Line, 1, "AREACD", $"'{published}' is not a known area"));
                }
                else if (letter is "A" or "B" or "C" or "D")
                {
                    letters[code] = letter;
                }
                else if (letter != "[x]")
                {
                    problems.Add(new ContentProblem(file, csv.Line, 3, "Global", $"'{letter}' is not a cluster (A to D, or [x] for unclassified)"));
                }
            }
        }
        var descriptionsFile = data.Relative(descriptionsPath);
        try
        {
            using var json = JsonDocument.Parse(File.ReadAllText(descriptionsPath).TrimStart('\uFEFF'));
            var global = json.RootElement.GetProperty("global");
            foreach (var letter in new[] { "A", "B", "C", "D" })
            {
                clusters.Add(new OnsCluster(letter, global.GetProperty(letter.ToLowerInvariant()).GetString() ?? ""));
            }
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            problems.Add(new ContentProblem(descriptionsFile, 0, 0, "global", $"must describe clusters a to d of the global model ({e.Message})"));
        }
        if (problems.Count > 0)
        {
            throw new ContentValidationException(problems);
        }
        return new OnsClusters(clusters, letters);
    }
}
