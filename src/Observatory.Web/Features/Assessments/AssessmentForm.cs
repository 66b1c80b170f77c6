using System.Globalization;
using Microsoft.AspNetCore.Http;
using Observatory.Assessments;
using Observatory.Rendering.Components.GovUk;

namespace Observatory.Web.Features.Assessments;

/// <summary>
/// The question pages' form: one field per part of an answer, named as the service names its problems
/// (<c>answers.{questionId}</c>, <c>answers.{questionId}.evidence</c>, …), so each error sits beside its field.
/// </summary>
public static class AssessmentForm
{
    public static string Field(string questionId, string? part = null) => part is null ? $"answers.{questionId}" : $"answers.{questionId}.{part}";

    /// <summary>The parts of an answer besides the answer itself, which the page folds away until they are used.</summary>
    public static readonly string[] Extras = ["evidence", "note", "confidence", "method", "target", "action"];

    /// <summary>What the form shows for a stored answer: field name → value.</summary>
    public static Dictionary<string, string?> Values(AssessmentTemplate template, AssessmentRecord record)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var q in template.Questions)
        {
            if (record.AnswerTo(q.Id) is not { } a)
            {
                continue;
            }
            values[Field(q.Id)] = a.Level?.ToString(CultureInfo.InvariantCulture) ?? a.Choice ?? a.Text;
            values[Field(q.Id, "evidence")] = string.Join('\n', a.Links);
            values[Field(q.Id, "note")] = a.Note;
            values[Field(q.Id, "confidence")] = a.Confidence?.ToString().ToLowerInvariant();
            values[Field(q.Id, "method")] = a.Method?.ToString().ToLowerInvariant();
            values[Field(q.Id, "target")] = a.TargetLevel?.ToString(CultureInfo.InvariantCulture);
            values[Field(q.Id, "action")] = a.Action;
        }
        return values;
    }

    /// <summary>Reads the posted answers to <paramref name="questions"/>, and what was typed, to show again if refused.</summary>
    public static (List<AnswerInput> Inputs, Dictionary<string, string?> Values) Read(IFormCollection form, IEnumerable<AssessmentQuestion> questions)
    {
        var inputs = new List<AnswerInput>();
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var q in questions)
        {
            string? Get(string? part)
            {
                var value = form[Field(q.Id, part)].ToString();
                values[Field(q.Id, part)] = value;
                return value.Length == 0 ? null : value;
            }
            var answer = Get(null);
            var evidence = Get("evidence");
            inputs.Add(new AnswerInput(q.Id, answer,
                evidence?.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [],
                Get("note"), Get("confidence"), Get("method"), Get("target"), Get("action")));
        }
        return (inputs, values);
    }

    /// <summary>The answer's choices on the template's scale, as the try-it page offers them.</summary>
    public static IReadOnlyList<RadiosItem> Choices(AssessmentTemplate t, AssessmentQuestion q) => t.Scale switch
    {
        AnswerScale.Maturity => [.. q.Statements.Select(s => new RadiosItem { Value = s.Level.ToString(CultureInfo.InvariantCulture), Text = $"{s.Level} – {t.LevelName(s.Level)}", Hint = new() { Text = s.Text } })],
        AnswerScale.Agreement => [.. t.LevelNames.Select((n, i) => new RadiosItem { Value = (i + 1).ToString(CultureInfo.InvariantCulture), Text = n })],
        _ => [new() { Value = "yes", Text = "Yes" }, new() { Value = "partly", Text = "Partly" }, new() { Value = "no", Text = "No" }, new() { Value = "not-applicable", Text = "Not applicable" }],
    };

    /// <summary>An answer in words, for check-your-answers and results.</summary>
    public static string Describe(AssessmentTemplate t, Answer? answer) => answer switch
    {
        null => "Not answered",
        { Level: { } level } => $"{level.ToString(CultureInfo.InvariantCulture)} – {t.LevelName(level)}",
        { Choice: { } choice } => choice switch
        {
            ChecklistAnswer.Yes => "Yes",
            ChecklistAnswer.Partly => "Partly",
            ChecklistAnswer.No => "No",
            _ => "Not applicable",
        },
        { Text: { } text } => text,
        _ => "Not answered",
    };

    public static string MethodName(AssessmentMethod method) => method switch
    {
        AssessmentMethod.Self => "Self-assessed",
        AssessmentMethod.Peer => "With a peer",
        _ => "Independent assessor",
    };

    /// <summary>"2026/27" for the financial year that <paramref name="now"/> falls in (April to March).</summary>
    public static string CurrentPeriod(DateTimeOffset now)
    {
        var first = now.Month >= 4 ? now.Year : now.Year - 1;
        return $"{first.ToString(CultureInfo.InvariantCulture)}/{((first + 1) % 100).ToString("00", CultureInfo.InvariantCulture)}";
    }
}
