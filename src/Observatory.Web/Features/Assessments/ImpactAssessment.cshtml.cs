using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Observatory.Assessments.AlgorithmicImpact;
using Observatory.Web.Features.Shared;
using Observatory.Web.Setup;

namespace Observatory.Web.Features.Assessments;

/// <summary>
/// One of an organisation's algorithmic impact assessments: its answers on one form (saved as a draft as often as
/// needed, then completed), a file saved from Canada's tool imported over them, and the score — kept once completed —
/// with the obligations of its level. Members only; contributors change a draft.
/// </summary>
[Authorize]
[RequestSizeLimit(MaxFileBytes + 64 * 1024)]
public sealed class ImpactAssessmentModel(OrganisationImpactAssessments assessments) : PageModel
{
    public const int MaxFileBytes = 1024 * 1024;

    public ImpactAssessmentView View { get; private set; } = null!;

    public AlgorithmicImpactTemplate Template => assessments.Template;

    public Dictionary<string, IReadOnlyList<string>> Given { get; } = new(StringComparer.Ordinal);

    public FormErrors Errors { get; } = new();

    /// <summary>Every problem in an uploaded file, each with its file, line and question.</summary>
    public IReadOnlyList<string> FileProblems { get; private set; } = [];

    public ImpactQuestionsForm Form => new(Template, Given, Errors);

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    /// <summary>Saves the form's answers; with <paramref name="then"/> "complete", completes the assessment too.</summary>
    public async Task<IActionResult> OnPostSaveAsync(long id, string? then, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } failed)
        {
            return failed;
        }
        Given.Clear();
        var answers = ImpactQuestionsForm.Read(Template, Request.Form, Given);
        // A radio left unchosen or no box ticked sends nothing: every question on the form is answered by it.
        foreach (var (_, questions) in Form.Sections)
        {
            foreach (var q in questions)
            {
                answers.TryAdd(q.Name, null);
            }
        }
        if (!(await assessments.SaveAsync(id, answers, cancellationToken: ct)).Succeeded(out var saved, out var refusal))
        {
            return this.Refuse(refusal, Errors) ?? Page();
        }
        View = saved;
        if (then == "complete")
        {
            if (!(await assessments.CompleteAsync(id, ct)).Succeeded(out _, out var notDone))
            {
                return this.Refuse(notDone, Errors) ?? Page();
            }
            TempData["Notice"] = "Completed. The score is kept with the answers, which are now fixed.";
        }
        else
        {
            TempData["Notice"] = "Your answers are saved.";
        }
        return Redirect($"/impact-assessments/{id}");
    }

    public async Task<IActionResult> OnPostImportAsync(long id, IFormFile? file, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } failed)
        {
            return failed;
        }
        if (file is null || file.Length == 0)
        {
            Errors.Add("file", "Select an answer file saved from Canada's tool (.json)");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        if (file.Length > MaxFileBytes)
        {
            Errors.Add("file", "The selected file must be smaller than 1 MB");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        using var reader = new StreamReader(file.OpenReadStream());
        var text = await reader.ReadToEndAsync(ct);
        if (!(await assessments.ImportAsync(id, Path.GetFileName(file.FileName), text, ct)).Succeeded(out _, out var refusal))
        {
            var refused = this.RefuseFile(refusal, Errors, out var problems);
            FileProblems = problems;
            return refused ?? Page();
        }
        TempData["Notice"] = "The file's answers replace those that were here. Check them, then save or complete the assessment.";
        return Redirect($"/impact-assessments/{id}");
    }

    /// <summary>An answer as words: each choice's text, or the words given.</summary>
    public string AnswerText(ImpactQuestion question, ImpactAnswer answer) =>
        string.Join("; ", answer.Values.Select(v => question.Choice(v)?.Text.Trim() ?? v));

    private async Task<IActionResult?> LoadAsync(long id, CancellationToken ct)
    {
        if (!(await assessments.GetAsync(id, ct)).Succeeded(out var view, out var refusal))
        {
            return StatusCode(refusal.StatusCode());
        }
        View = view;
        foreach (var (name, answer) in view.Answers)
        {
            Given[name] = answer.Values;
        }
        return null;
    }
}
