using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Observatory.Assessments.Benchmarking;
using Observatory.Assessments.Surveys;
using Observatory.Rendering.Charts;
using Observatory.Web.Setup;

namespace Observatory.Web.Features.Surveys;

/// <summary>
/// A survey's published results, for anyone: the response rate, the spread of answers in a peer group as a chart
/// with a text alternative and a table (nothing fewer than 5 organisations are behind), and the written answers of
/// those who agreed, with names removed. Not found before publication.
/// </summary>
public sealed class ResultsModel(SectorSurveys surveys, PeerGroupDirectory groups) : PageModel
{
    public PublishedSurvey Published { get; private set; } = null!;

    public IReadOnlyList<PeerGroup> Groups => groups.Groups;

    public GroupBenchmark? Group { get; private set; }

    public string? GroupError { get; private set; }

    public Chart? Chart { get; private set; }

    public int MaxLevel { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, string? group, CancellationToken ct)
    {
        if (!(await surveys.ResultsAsync(id, ct)).Succeeded(out var published, out var refusal))
        {
            return StatusCode(refusal.StatusCode());
        }
        Published = published;
        var chosen = groups.Find(string.IsNullOrWhiteSpace(group) ? PeerGroupDirectory.AllId : group);
        if (chosen is null)
        {
            GroupError = "Choose one of the listed peer groups";
            chosen = groups.Find(PeerGroupDirectory.AllId)!;
        }
        var statistics = published.Results.Statistics;
        Group = statistics.Group(chosen.Id);
        if (Group is null || Group.Suppressed is not null)
        {
            return Page();
        }
        var figures = Group.Figures.ToDictionary(f => f.Item);
        MaxLevel = Math.Max(statistics.MaxLevel, (int)Math.Ceiling(Group.Figures.Select(f => f.Distribution?.UpperQuartile ?? 0).DefaultIfEmpty(0).Max()));
        var parts = statistics.Items.Where(i => i.Kind is BenchmarkItemKind.Topic).ToList();
        Chart = BenchmarkCharts.Spread("survey-spread", $"{published.Survey.Title}: {Group.Group.Name}",
            [.. parts.Select(i => figures[i.Id].Distribution is { } d
                ? new SpreadBar(i.Title, d.LowerQuartile, d.Median, d.UpperQuartile)
                : new SpreadBar(i.Title, null, null, null))],
            Math.Max(1, MaxLevel));
        return Page();
    }
}
