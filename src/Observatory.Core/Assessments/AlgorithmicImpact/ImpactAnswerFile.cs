using Observatory.Content;
using Observatory.Outcomes;
using YamlDotNet.RepresentationModel;

namespace Observatory.Assessments.AlgorithmicImpact;

/// <summary>
/// Answers read from a file, with the line of each question's answer so a problem can name it. A file saved from
/// Canada's tool (<see cref="IsWhole"/>) is the whole assessment; <c>{answers}</c> names only the questions it changes.
/// </summary>
public sealed record ImpactAnswerFile(string File, IReadOnlyDictionary<string, ImpactAnswer?> Answers, IReadOnlyDictionary<string, int> LineOf, bool IsWhole)
{
    /// <summary>A refusal of these answers with each problem placed at its question's line in the file.</summary>
    public Refusal Locate(Refusal refusal) => refusal.Kind != RefusalKind.Invalid ? refusal
        : Refusal.Invalid([.. refusal.Problems.Select(p => p with
        {
            File = File,
            Line = p.Field.StartsWith("answers.", StringComparison.Ordinal) && LineOf.TryGetValue(p.Field["answers.".Length..], out var line) ? line : p.Line,
        })]);
}

/// <summary>
/// Reads an answer file saved from Canada's tool as it is — <c>{"currentPage": n, "data": {questionName: value |
/// [value…]}}</c> — or the Observatory's own <c>{"answers": {…}}</c>. JSON is read as YAML (it is a subset), which
/// keeps the line of every answer.
/// </summary>
public static class ImpactAnswerFiles
{
    public static Outcome<ImpactAnswerFile> Read(string file, string text)
    {
        var doc = YamlFile.Parse(file, text);
        if (doc.Root is not { } root)
        {
            return Refusal.Invalid(doc.Problems);
        }
        var data = doc.Get(root, "data");
        var answers = doc.Get(root, "answers");
        if ((data is null) == (answers is null))
        {
            return Refusal.Invalid([new ContentProblem(file, 1, 0, "data",
                "The file must hold the answers as a file saved from Canada's tool does, {\"data\": {…}}, or as {\"answers\": {…}}; not both, and not neither")]);
        }
        var key = data is null ? "answers" : "data";
        if ((data ?? answers) is not YamlMappingNode map)
        {
            doc.Problem(data ?? answers, key, "must be an object of question names and their answers");
            return Refusal.Invalid(doc.Problems);
        }
        var read = new Dictionary<string, ImpactAnswer?>(StringComparer.Ordinal);
        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (k, v) in map.Children)
        {
            if (k is not YamlScalarNode { Value: { } name })
            {
                doc.Problem(k, key, "each question must be named by its name in Canada's questionnaire");
                continue;
            }
            lines[name] = YamlFile.LineOf(k);
            switch (v)
            {
                case YamlScalarNode s:
                    read[name] = IsNull(s) ? null : ImpactAnswer.One(s.Value!);
                    break;
                case YamlSequenceNode list when list.Children.All(c => c is YamlScalarNode):
                    read[name] = ImpactAnswer.Many([.. list.Children.Cast<YamlScalarNode>().Select(c => c.Value ?? "")]);
                    break;
                default:
                    doc.Problem(v, $"answers.{name}", $"'{name}' must be a choice value, a list of choice values or words");
                    break;
            }
        }
        return doc.Problems.Count > 0 ? Refusal.Invalid(doc.Problems) : new ImpactAnswerFile(file, read, lines, data is not null);
    }

    /// <summary>JSON's null, and an empty text (the tool's cleared box): no answer.</summary>
    private static bool IsNull(YamlScalarNode s) =>
        s.Value is null || s.Value.Length == 0 || s.Style == YamlDotNet.Core.ScalarStyle.Plain && s.Value is "null" or "~";
}
