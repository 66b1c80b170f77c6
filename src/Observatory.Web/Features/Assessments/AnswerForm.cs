namespace Observatory.Web.Features.Assessments;

/// <summary>How answers travel in a form: one field per question, named <see cref="FieldPrefix"/> and the question's id.</summary>
public static class AnswerForm
{
    public const string FieldPrefix = "answers.";

    public static string Field(string questionId) => FieldPrefix + questionId;

    /// <summary>The answers in a posted form; fields of other names are not answers.</summary>
    public static Dictionary<string, string?> Read(IFormCollection form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var answers = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (key, value) in form)
        {
            if (key.StartsWith(FieldPrefix, StringComparison.Ordinal))
            {
                answers[key[FieldPrefix.Length..]] = value.ToString();
            }
        }
        return answers;
    }
}
