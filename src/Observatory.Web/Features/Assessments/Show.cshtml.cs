using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Observatory.Assessments;
using Observatory.Rendering.Charts;
using Observatory.Web.Features.Shared;
using Observatory.Web.Setup;

namespace Observatory.Web.Features.Assessments;

/// <summary>A template, and a form to try it without an account: the answers are scored and shown, never kept.</summary>
public sealed class ShowModel(AssessmentTemplates templates) : PageModel
{
    public const string FieldPrefix = "answers.";

    public AssessmentTemplate Template { get; private set; } = null!;

    public Dictionary<string, string?> Answers { get; } = new(StringComparer.Ordinal);

    public TemplateScore? Score { get; private set; }

    public Chart? Chart { get; private set; }

    public FormErrors Errors { get; } = new();

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct)
    {
        if (!(await templates.FindAsync(id, ct)).Succeeded(out var template, out var refusal))
        {
            return StatusCode(refusal.StatusCode());
        }
        Template = template;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken ct)
    {
        if (!(await templates.FindAsync(id, ct)).Succeeded(out var template, out var refusal))
        {
            return StatusCode(refusal.StatusCode());
        }
        Template = template;
        foreach (var (key, value) in Request.Form)
        {
            if (key.StartsWith(FieldPrefix, StringComparison.Ordinal))
            {
                Answers[key[FieldPrefix.Length..]] = value.ToString();
            }
        }
        if (!(await templates.ScoreAsync(id, Answers, ct)).Succeeded(out var score, out refusal))
        {
            return this.Refuse(refusal, Errors) ?? Page();
        }
        Score = score;
        if (template.IsLevelled)
        {
            Chart = AssessmentCharts.Scores("assessment-scores", $"Your scores on {template.DisplayTitle}",
                [.. score.Topics.Select(t => new ScoreBar(t.Title, t.WeakestLink ?? 0, t.Mean)), new ScoreBar("Whole assessment", score.Overall.WeakestLink ?? 0, score.Overall.Mean)],
                template.MaxLevel);
        }
        return Page();
    }
}
