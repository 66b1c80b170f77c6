using Observatory.Assessments;
using Observatory.Rendering.Charts;

namespace Observatory.Web.Features.Assessments;

/// <summary>
/// What the results partial (<c>_AssessmentResults</c>) draws: a report on one set of answers and its chart. Any page
/// that has answers to a template — the try-it page, an organisation's assessment, the downloadable report — builds
/// one with <see cref="For"/> and renders the partial, so results read the same everywhere.
/// </summary>
public sealed class AssessmentResultsView
{
    public required AssessmentReport Report { get; init; }

    public Chart? Chart { get; init; }

    /// <summary>Makes a link to a page of the Observatory: as it is on the site, absolute in a downloaded file.</summary>
    public Func<string, string> Link { get; init; } = path => path;

    public AssessmentTemplate Template => Report.Template;

    public TemplateScore Score => Report.Score;

    /// <summary>"topic" or "section", as the template is built.</summary>
    public string PartNoun => Template.Structure == TemplateStructure.Topics ? "topic" : "section";

    /// <summary>The parts that score (a part of words only has nothing to show), then the whole.</summary>
    public IEnumerable<PartScore> Rows(string whole) =>
        Score.Topics.Where(p => p.Questions > 0).Append(Score.Overall with { Title = whole });

    public static AssessmentResultsView For(AssessmentReport report, Func<string, string>? link = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        var template = report.Template;
        Chart? chart = null;
        if (template.Scale == AnswerScale.Maturity)
        {
            var score = report.Score;
            chart = AssessmentCharts.Scores("assessment-scores", $"Your scores on {template.DisplayTitle}",
                [.. score.Topics.Where(t => t.Questions > 0).Select(t => new ScoreBar(t.Title, t.WeakestLink ?? 0, t.Mean)), new ScoreBar("Whole assessment", score.Overall.WeakestLink ?? 0, score.Overall.Mean)],
                template.MaxLevel);
        }
        return new AssessmentResultsView { Report = report, Chart = chart, Link = link ?? (path => path) };
    }

    /// <summary>A class shading a heat-map cell by its share, always beside the figure itself.</summary>
    public static string HeatClass(double share) => share switch
    {
        >= 1 => "app-heat app-heat--full",
        >= 0.5 => "app-heat app-heat--most",
        > 0 => "app-heat app-heat--some",
        _ => "app-heat app-heat--none",
    };
}
