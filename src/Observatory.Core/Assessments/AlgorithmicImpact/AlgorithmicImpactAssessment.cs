using Observatory.Content;
using Observatory.Outcomes;

namespace Observatory.Assessments.AlgorithmicImpact;

/// <summary>
/// The shipped Algorithmic Impact Assessment (data/assessments/algorithmic-impact/), loaded and checked once at
/// start-up like the other templates, and scoring answers to it without keeping them: anyone may try it.
/// </summary>
public sealed class AlgorithmicImpactAssessment(AlgorithmicImpactTemplate template)
{
    public const string Folder = "algorithmic-impact";

    public AlgorithmicImpactTemplate Template { get; } = template;

    public Outcome<ImpactScore> Score(IReadOnlyDictionary<string, ImpactAnswer?> answers) =>
        AlgorithmicImpactScoring.Read(Template, answers).Map(a => AlgorithmicImpactScoring.Score(Template, a));

    /// <summary>
    /// Loads <c>data/assessments/algorithmic-impact/algorithmic-impact.yaml</c> and the files it names. Any problem
    /// stops start-up with every problem listed (file, line, field), as a broken template of the catalogue does.
    /// </summary>
    public static AlgorithmicImpactAssessment LoadShipped(DataFolder data)
    {
        var folder = Path.Combine(data.Combine("assessments"), Folder);
        var path = Path.Combine(folder, Folder + ".yaml");
        if (!File.Exists(path))
        {
            throw new ContentValidationException([new ContentProblem(data.Relative(path), 0, 0, "", "does not exist: the Observatory ships the Algorithmic Impact Assessment there")]);
        }
        (string, string)? ReadBeside(string name)
        {
            var file = Path.Combine(folder, name);
            return File.Exists(file) ? (data.Relative(file), File.ReadAllText(file)) : null;
        }
        var (template, problems) = AlgorithmicImpactReader.Read(data.Relative(path), File.ReadAllText(path), Folder, ReadBeside);
        return template is null ? throw new ContentValidationException(problems) : new AlgorithmicImpactAssessment(template);
    }
}
