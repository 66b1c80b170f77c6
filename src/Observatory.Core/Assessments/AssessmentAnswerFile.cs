using System.Globalization;
using System.Text.Json;
using Observatory.Content;
using YamlDotNet.RepresentationModel;

namespace Observatory.Assessments;

/// <summary>Answers read from a file, with where each question's answer is in it so that problems can name the line.</summary>
public sealed record AnswerFile(string File, string? Template, string? Period, IReadOnlyList<AnswerInput> Answers, IReadOnlyDictionary<string, int> LineOf);

/// <summary>
/// An organisation's answers as a file, for importing from the command line and exporting: JSON (as the API's PUT
/// takes them, with the template and period: <c>{"template", "period", "answers": {questionId: {answer, evidence,
/// note, confidence, method, target, action} | answer}}</c>) or CSV with the columns
/// <c>question,answer,evidence,note,confidence,method,target,action</c> (evidence links separated by spaces).
/// </summary>
public static class AssessmentAnswerFile
{
    public static readonly IReadOnlyList<string> CsvColumns = ["question", "answer", "evidence", "note", "confidence", "method", "target", "action"];

    private static readonly string[] AnswerFields = ["answer", "evidence", "note", "confidence", "method", "target", "action"];

    public static (AnswerFile? File, IReadOnlyList<ContentProblem> Problems) Read(string file, string text) =>
        file.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? ReadCsv(file, text) : ReadJson(file, text);

    /// <summary>
    /// The refusal of the file's answers with each problem placed at the line of its question, so the person fixes
    /// the file where it is wrong: "answers.csv:14: answers.data-use: '6' is not on the scale…".
    /// </summary>
    public static Outcomes.Refusal Locate(Outcomes.Refusal refusal, AnswerFile file)
    {
        if (refusal.Kind != Outcomes.RefusalKind.Invalid)
        {
            return refusal;
        }
        return Outcomes.Refusal.Invalid([.. refusal.Problems.Select(p =>
        {
            var question = p.Field.StartsWith("answers.", StringComparison.Ordinal) ? p.Field["answers.".Length..] : null;
            var line = question is null ? 0 : file.LineOf.Where(l => question == l.Key || question.StartsWith(l.Key + ".", StringComparison.Ordinal)).Select(l => l.Value).DefaultIfEmpty(0).Max();
            return p with { File = file.File, Line = line };
        })]);
    }

    /// <summary>An assessment as the JSON file <see cref="Read"/> takes back: what it is, then every answer.</summary>
    public static string ToJson(AssessmentRecord record)
    {
        var a = record.Assessment;
        var answers = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var q in record.Template.Questions)
        {
            if (record.AnswerTo(q.Id) is not { } answer)
            {
                continue;
            }
            answers[q.Id] = new Dictionary<string, object?>
            {
                ["answer"] = answer.Level is { } level ? (object)level : answer.Choice ?? answer.Text,
                ["evidence"] = answer.Links,
                ["note"] = answer.Note,
                ["confidence"] = answer.Confidence?.ToString().ToLowerInvariant(),
                ["method"] = answer.Method?.ToString().ToLowerInvariant(),
                ["target"] = answer.TargetLevel,
                ["action"] = answer.Action,
            };
        }
        var document = new Dictionary<string, object?>
        {
            ["id"] = a.Id,
            ["organisation"] = record.Organisation.Slug,
            ["template"] = a.TemplateId,
            ["templateVersion"] = a.TemplateVersion,
            ["period"] = a.Period,
            ["state"] = a.State.ToString().ToLowerInvariant(),
            ["benchmarking"] = a.Benchmarking,
            ["createdAt"] = a.CreatedAt,
            ["updatedAt"] = a.UpdatedAt,
            ["submittedAt"] = a.SubmittedAt,
            ["answers"] = answers,
        };
        return JsonSerializer.Serialize(document, new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    /// <summary>JSON is YAML, so the reader that keeps lines for data files keeps them here too.</summary>
    private static (AnswerFile?, IReadOnlyList<ContentProblem>) ReadJson(string file, string text)
    {
        var doc = YamlFile.Parse(file, text);
        if (doc.Root is not { } root)
        {
            return (null, doc.Problems);
        }
        var template = doc.OptionalString(root, "template", "", YamlFile.MaxIdLength);
        var period = doc.OptionalString(root, "period", "", Assessment.MaxPeriodLength + 10);
        var inputs = new List<AnswerInput>();
        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        switch (doc.Get(root, "answers"))
        {
            case YamlMappingNode answers:
                foreach (var (key, value) in answers.Children)
                {
                    if (key is not YamlScalarNode { Value: { Length: > 0 } question })
                    {
                        doc.Problem(key, "answers", "each answer must be named by its question's id");
                        continue;
                    }
                    var field = $"answers.{InputLimits.Quote(question).Trim('\'')}";
                    lines[question] = YamlFile.LineOf(key);
                    if (value is YamlScalarNode scalar)
                    {
                        inputs.Add(new AnswerInput(question, Scalar(scalar)));
                        continue;
                    }
                    if (value is not YamlMappingNode map)
                    {
                        doc.Problem(value, field, "must be an answer, or {answer, evidence, note, confidence, method, target, action}");
                        continue;
                    }
                    doc.RejectUnknownKeys(map, field, AnswerFields);
                    string? Get(string name)
                    {
                        switch (doc.Get(map, name))
                        {
                            case null:
                                return null;
                            case YamlScalarNode s:
                                return Scalar(s);
                            case var other:
                                doc.Problem(other, $"{field}.{name}", "must be a number or text");
                                return null;
                        }
                    }
                    var evidence = doc.Get(map, "evidence") switch
                    {
                        YamlSequenceNode list => list.Children.OfType<YamlScalarNode>().Select(Scalar).OfType<string>().ToList(),
                        YamlScalarNode one => Scalar(one) is { } link ? [link] : [],
                        _ => [],
                    };
                    inputs.Add(new AnswerInput(question, Get("answer"), evidence, Get("note"), Get("confidence"), Get("method"), Get("target"), Get("action")));
                }
                break;
            case null:
                doc.Problem(root, "answers", "is missing: give the answers as {questionId: answer}");
                break;
            case var other:
                doc.Problem(other, "answers", "must be a mapping of question id to answer");
                break;
        }
        return doc.Problems.Count > 0 ? (null, doc.Problems) : (new AnswerFile(file, template, period, inputs, lines), []);
    }

    /// <summary>A JSON null (or YAML ~) is no answer; everything else is its text, so 2.5 is refused as off the scale rather than rounded.</summary>
    private static string? Scalar(YamlScalarNode node) =>
        node.Style == YamlDotNet.Core.ScalarStyle.Plain && node.Value is "null" or "~" or "" ? null : node.Value;

    private static (AnswerFile?, IReadOnlyList<ContentProblem>) ReadCsv(string file, string text)
    {
        var problems = new List<ContentProblem>();
        var inputs = new List<AnswerInput>();
        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        try
        {
            using var csv = new CsvRecordReader(new StringReader(text), file);
            if (!csv.Read())
            {
                return (null, [new ContentProblem(file, 1, 0, "", "is empty: the first line names the columns " + string.Join(",", CsvColumns))]);
            }
            var header = Enumerable.Range(0, csv.FieldCount).Select(i => csv.GetString(i).Trim()).ToList();
            foreach (var unknown in header.Where(h => !CsvColumns.Contains(h)))
            {
                problems.Add(new ContentProblem(file, csv.Line, 0, unknown, $"{InputLimits.Quote(unknown)} is not a column: use {string.Join(",", CsvColumns)}"));
            }
            if (!header.Contains("question") || !header.Contains("answer"))
            {
                problems.Add(new ContentProblem(file, csv.Line, 0, "", "needs the columns question and answer"));
            }
            if (problems.Count > 0)
            {
                return (null, problems);
            }
            string? Column(string name) => header.IndexOf(name) is var i and >= 0 && csv.GetString(i).Trim() is { Length: > 0 } value ? value : null;
            while (csv.Read())
            {
                if (Column("question") is not { } question)
                {
                    problems.Add(new ContentProblem(file, csv.Line, 0, "question", "is empty: name the question this row answers"));
                    continue;
                }
                if (lines.TryGetValue(question, out var first))
                {
                    problems.Add(new ContentProblem(file, csv.Line, 0, "question", $"{InputLimits.Quote(question)} is answered twice (first on line {first.ToString(CultureInfo.InvariantCulture)})"));
                    continue;
                }
                lines[question] = csv.Line;
                inputs.Add(new AnswerInput(question, Column("answer"),
                    Column("evidence")?.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries) ?? [],
                    Column("note"), Column("confidence"), Column("method"), Column("target"), Column("action")));
            }
        }
        catch (ContentValidationException ex)
        {
            return (null, ex.Problems);
        }
        return problems.Count > 0 ? (null, problems) : (new AnswerFile(file, null, null, inputs, lines), []);
    }
}
