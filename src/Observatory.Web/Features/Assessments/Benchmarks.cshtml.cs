using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Observatory.Assessments;
using Observatory.Assessments.Benchmarking;
using Observatory.Rendering.Charts;
using Observatory.Web.Setup;

namespace Observatory.Web.Features.Assessments;

/// <summary>
/// A template's published benchmark for a peer group: the median and quartiles of each topic, theme and question,
/// what is not published and why, and when the release was made. Anyone may read it; no organisation is named. A
/// signed-in member of an organisation that counted its answers also sees where its own organisation stands.
/// </summary>
public sealed class BenchmarksModel(AssessmentTemplates templates, BenchmarkReleases releases, PeerGroupDirectory groups, BenchmarkStandings standings) : PageModel
{
    /// <summary>The actor's own organisations' standings in the chosen group (none for anyone else).</summary>
    public IReadOnlyList<(OrganisationStanding Organisation, GroupStanding Group)> Standings { get; private set; } = [];

    public AssessmentTemplate Template { get; private set; } = null!;

    public IReadOnlyList<PeerGroup> Groups => groups.Groups;

    public IReadOnlyList<string> Periods { get; private set; } = [];

    public BenchmarkReport? Report { get; private set; }

    public GroupBenchmark? Group { get; private set; }

    public string? GroupError { get; private set; }

    public Chart? Chart { get; private set; }

    /// <summary>The highest level the axis and words need: the template's top level, or the highest figure on a checklist's numbers.</summary>
    public int MaxLevel { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, string? period, string? group, CancellationToken ct)
    {
        if (!(await templates.FindAsync(id, ct)).Succeeded(out var template, out var refusal))
        {
            return StatusCode(refusal.StatusCode());
        }
        Template = template;
        Periods = [.. (await releases.ReleasesAsync(template.Id, ct)).Select(r => r.Period).Distinct()];
        var chosen = groups.Find(string.IsNullOrWhiteSpace(group) ? PeerGroupDirectory.AllId : group);
        if (chosen is null)
        {
            GroupError = "Choose one of the listed peer groups";
            chosen = groups.Find(PeerGroupDirectory.AllId)!;
        }
        if (!(await releases.LatestAsync(template.Id, period is not null && Periods.Contains(period) ? period : null, ct)).Succeeded(out var report, out _))
        {
            return Page();
        }
        Report = report;
        Group = report.Statistics.Group(chosen.Id);
        if (Group is null)
        {
            return Page();
        }
        Standings = [.. (await standings.InReleaseAsync(report, ct)).Select(o => (o, o.In(chosen.Id))).Where(s => s.Item2 is not null).Select(s => (s.o, s.Item2!))];
        var figures = Group.Figures.ToDictionary(f => f.Item);
        MaxLevel = Math.Max(report.Statistics.MaxLevel, (int)Math.Ceiling(Group.Figures.Select(f => f.Distribution?.UpperQuartile ?? 0).DefaultIfEmpty(0).Max()));
        var parts = report.Statistics.Items.Where(i => i.Kind is BenchmarkItemKind.Topic or BenchmarkItemKind.Overall).ToList();
        Chart = BenchmarkCharts.Spread("benchmark-spread", $"{template.DisplayTitle}: {Group.Group.Name}",
            [.. parts.Skip(1).Append(parts[0]).Select(i => figures[i.Id].Distribution is { } d
                ? new SpreadBar(i.Title, d.LowerQuartile, d.Median, d.UpperQuartile)
                : new SpreadBar(i.Title, null, null, null))],
            Math.Max(1, MaxLevel));
        return Page();
    }
}
