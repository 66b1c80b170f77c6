using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Observatory.Accounts;
using Observatory.Assessments;
using Observatory.Assessments.Benchmarking;
using Observatory.Rendering.Charts;
using Observatory.Web.Features.Shared;
using Observatory.Web.Setup;

namespace Observatory.Web.Features.Assessments;

/// <summary>
/// An organisation's results: the weakest link and the mean with the coverage of each level (or checklist counts),
/// as the try-it page shows them; the change since the previous round, by section and by question; targets against
/// now; and, once submitted, whether the answers count in the anonymised benchmarks, where the organisation stands
/// against the published benchmark (its members only), and who may read the results. Anyone may read the results an
/// organisation made public; to anyone else a private assessment does not exist.
/// </summary>
[AllowAnonymous]
public sealed class ResultsModel(OrganisationAssessments assessments, BenchmarkStandings standings) : PageModel
{
    public sealed record QuestionChange(AssessmentQuestion Question, string Section, Answer? Before, Answer? Now);

    public AssessmentRoundResults Results { get; private set; } = null!;

    public ScoreResults Scores { get; private set; } = null!;

    public IReadOnlyList<QuestionChange> Changes { get; private set; } = [];

    public FormErrors Errors { get; } = new();

    /// <summary>Where the organisation stands against the latest benchmark of this template and year; only for its own members.</summary>
    public OrganisationStanding? Standing { get; private set; }

    [BindProperty]
    public Visibility? Visibility { get; set; }

    [BindProperty]
    public string? SharedWith { get; set; }

    public AssessmentRecord Record => Results.Record;

    public bool CanChooseBenchmarking => Record.MayContribute && Record.Assessment.State != WorkflowState.Draft;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) =>
        await LoadAsync(id, ct) is { } refused ? refused : Page();

    public async Task<IActionResult> OnPostBenchmarkingAsync(long id, bool optIn, CancellationToken ct)
    {
        if (!(await assessments.SetBenchmarkingAsync(id, optIn, ct)).Succeeded(out _, out var refusal))
        {
            return await LoadAsync(id, ct) ?? this.Refuse(refusal, Errors) ?? Page();
        }
        TempData["Notice"] = optIn
            ? "Your answers will count, without your organisation's name, in the benchmarks."
            : "Your answers will not count in the benchmarks.";
        return LocalRedirect($"/assessments/{id}/results");
    }

    public async Task<IActionResult> OnPostVisibilityAsync(long id, CancellationToken ct)
    {
        if (Visibility is not { } visibility)
        {
            Errors.Add("visibility", "Choose who can see these results");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return await LoadAsync(id, ct) ?? Page();
        }
        if (!(await assessments.SetVisibilityAsync(id, visibility, SharedWith is null ? [] : [SharedWith], ct)).Succeeded(out var record, out var refusal))
        {
            return await LoadAsync(id, ct) ?? this.Refuse(refusal, Errors) ?? Page();
        }
        TempData["Notice"] = AssessmentText.Audience(record);
        return LocalRedirect($"/assessments/{id}/results");
    }

    private async Task<IActionResult?> LoadAsync(long id, CancellationToken ct)
    {
        if (!(await assessments.ResultsAsync(id, ct)).Succeeded(out var results, out var refusal))
        {
            return StatusCode(refusal.StatusCode());
        }
        Results = results;
        Visibility ??= results.Record.Assessment.Visibility;
        SharedWith ??= string.Join(", ", results.Record.SharedWithOrganisations.Select(o => o.Slug));
        Standing = results.Record.IsOwn ? await standings.OfAssessmentAsync(id, ct) : null;
        var template = results.Record.Template;
        Scores = ScoreResults.For(template, results.Score, $"{results.Record.Organisation.Name}'s scores on {template.DisplayTitle}, {results.Record.Assessment.Period}");
        if (results.Previous is not null)
        {
            var now = results.Record.AnswerSet;
            Changes = [.. template.Topics.SelectMany(topic => topic.Questions.Select(q => new QuestionChange(q, topic.Title, results.PreviousAnswers.TryGetValue(q.Id, out var before) ? before : null, now.For(q.Id))))
                .Where(c => c.Before != c.Now)];
        }
        return null;
    }
}

/// <summary>What the scores partial draws: the template, its score, and the chart of a levelled scale.</summary>
public sealed record ScoreResults(AssessmentTemplate Template, TemplateScore Score, Chart? Chart)
{
    public static ScoreResults For(AssessmentTemplate template, TemplateScore score, string title) =>
        new(template, score, template.IsLevelled
            ? AssessmentCharts.Scores("assessment-scores", title,
                [.. score.Topics.Select(t => new ScoreBar(t.Title, t.WeakestLink ?? 0, t.Mean)), new ScoreBar("Whole assessment", score.Overall.WeakestLink ?? 0, score.Overall.Mean)],
                template.MaxLevel)
            : null);
}
