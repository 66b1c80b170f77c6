using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Observatory.Assessments.AlgorithmicImpact;
using Observatory.Web.Features.Shared;
using Observatory.Web.Setup;

namespace Observatory.Web.Features.Assessments;

/// <summary>
/// "Assess an algorithm's impact": Canada's Algorithmic Impact Assessment to try without an account. The scored
/// questions are one form, a section a heading; the results give the scores, the impact level and its obligations.
/// Nothing is kept. The literal route is matched before the catalogue's <c>/assessments/{id}</c>.
/// </summary>
public sealed class AlgorithmicImpactModel(AlgorithmicImpactAssessment assessment) : PageModel
{
    public AlgorithmicImpactTemplate Template => assessment.Template;

    /// <summary>The values given for each question, to show the form as it was sent.</summary>
    public Dictionary<string, IReadOnlyList<string>> Given { get; } = new(StringComparer.Ordinal);

    public ImpactScore? Score { get; private set; }

    public FormErrors Errors { get; } = new();

    public ImpactQuestionsForm Form => new(Template, Given, Errors);

    public void OnGet()
    {
    }

    public IActionResult OnPost()
    {
        var answers = ImpactQuestionsForm.Read(Template, Request.Form, Given);
        if (!assessment.Score(answers).Succeeded(out var score, out var refusal))
        {
            return this.Refuse(refusal, Errors) ?? Page();
        }
        Score = score;
        return Page();
    }

    /// <summary>A figure as the tool shows it: whole numbers without decimals, others to two places.</summary>
    public static string Points(double value) => value.ToString(value == Math.Floor(value) ? "0" : "0.##", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Which branch a page of mitigation questions belongs to, from Canada's page names (…Design, …Implementation).</summary>
    public static string? Branch(ImpactPage page) =>
        page.Name.EndsWith("Design", StringComparison.Ordinal) ? "if the system is being designed"
        : page.Name.EndsWith("Implementation", StringComparison.Ordinal) ? "if the system is in use"
        : null;
}

/// <summary>The scored questions as a form (<c>_ImpactQuestions.cshtml</c>): the questionnaire, the values given for each question, and the problems.</summary>
public sealed record ImpactQuestionsForm(AlgorithmicImpactTemplate Template, IReadOnlyDictionary<string, IReadOnlyList<string>> Given, FormErrors Errors)
{
    /// <summary>The pages with questions that score, in the questionnaire's order: words and unscored lists are not asked.</summary>
    public IEnumerable<(ImpactPage Page, IReadOnlyList<ImpactQuestion> Questions)> Sections =>
        Template.Pages.Select(p => (p, (IReadOnlyList<ImpactQuestion>)[.. p.Questions.Where(q => q.IsScored)])).Where(s => s.Item2.Count > 0);

    /// <summary>The answers in a posted form, one field per question; what was sent is put in <paramref name="given"/> to show again.</summary>
    public static Dictionary<string, ImpactAnswer?> Read(AlgorithmicImpactTemplate template, IFormCollection form, Dictionary<string, IReadOnlyList<string>> given)
    {
        ArgumentNullException.ThrowIfNull(form);
        var answers = new Dictionary<string, ImpactAnswer?>(StringComparer.Ordinal);
        foreach (var (key, values) in form)
        {
            if (!key.StartsWith(AnswerForm.FieldPrefix, StringComparison.Ordinal))
            {
                continue;
            }
            var name = key[AnswerForm.FieldPrefix.Length..];
            var sent = values.Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).ToList();
            given[name] = sent;
            answers[name] = sent.Count == 0 ? null
                : template.Question(name)?.Kind == ImpactQuestionKind.ManyChoices ? ImpactAnswer.Many(sent) : sent.Count == 1 ? ImpactAnswer.One(sent[0]) : ImpactAnswer.Many(sent);
        }
        return answers;
    }
}
