using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Observatory.Accounts;
using Observatory.Assessments;
using Observatory.Web.Features.Shared;
using Observatory.Web.Setup;

namespace Observatory.Web.Features.Assessments;

/// <summary>A template, and a form to try it without an account: the answers are scored and shown, never kept.</summary>
public sealed class ShowModel(AssessmentTemplates templates, AssessmentResults results, CurrentActor current) : PageModel
{
    public const string FieldPrefix = AnswerForm.FieldPrefix;

    public AssessmentTemplate Template { get; private set; } = null!;

    public Dictionary<string, string?> Answers { get; } = new(StringComparer.Ordinal);

    /// <summary>The scores, strengths and gaps in words, and what works for each gap, once answers are posted.</summary>
    public AssessmentResultsView? Results { get; private set; }

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
        Answers.Clear();
        foreach (var (question, answer) in AnswerForm.Read(Request.Form))
        {
            Answers[question] = answer;
        }
        if (!(await results.ReportAsync(current.Actor, id, Answers, ct)).Succeeded(out var report, out refusal))
        {
            return this.Refuse(refusal, Errors) ?? Page();
        }
        Results = AssessmentResultsView.For(report);
        return Page();
    }
}
