using Observatory.Content;
using Observatory.Frameworks;

namespace Observatory.Decisions;

/// <summary>The shipped decision wheels (data/decision-wheels/*.yaml), loaded and checked once at start-up.</summary>
public sealed class DecisionWheels
{
    public const string Folder = "decision-wheels";

    /// <summary>The wheel a new decision is scored on unless another is chosen.</summary>
    public const string DefaultId = "doughnut-decision-wheel";

    private readonly Dictionary<string, DecisionWheel> _byId;

    public DecisionWheels(IReadOnlyList<DecisionWheel> wheels)
    {
        // The default first, then by title.
        Wheels = [.. wheels.OrderBy(w => w.Id != DefaultId).ThenBy(w => w.Title, StringComparer.OrdinalIgnoreCase)];
        _byId = Wheels.ToDictionary(w => w.Id);
    }

    public IReadOnlyList<DecisionWheel> Wheels { get; }

    public DecisionWheel? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>Loads every wheel; any problem in any file stops start-up with every problem listed (file, line, field).</summary>
    public static DecisionWheels LoadShipped(DataFolder data, FrameworkCatalogue frameworks)
    {
        var folder = data.Combine(Folder);
        if (!Directory.Exists(folder))
        {
            throw new ContentValidationException([new ContentProblem(data.Relative(folder), 0, 0, "", "does not exist: the Observatory ships its decision wheels there")]);
        }
        var problems = new List<ContentProblem>();
        var wheels = new List<DecisionWheel>();
        foreach (var path in Directory.EnumerateFiles(folder, "*.yaml").Order(StringComparer.Ordinal))
        {
            var (wheel, found) = DecisionWheelReader.Read(data.Relative(path), File.ReadAllText(path), Path.GetFileNameWithoutExtension(path), frameworks.Contains);
            problems.AddRange(found);
            if (wheel is not null)
            {
                wheels.Add(wheel);
            }
        }
        if (problems.Count == 0 && wheels.All(w => w.Id != DefaultId))
        {
            problems.Add(new ContentProblem(data.Relative(folder), 0, 0, "", $"holds no {DefaultId}.yaml, the wheel new decisions are scored on"));
        }
        if (problems.Count > 0)
        {
            throw new ContentValidationException(problems);
        }
        return new DecisionWheels(wheels);
    }
}
