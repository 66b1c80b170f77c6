using Microsoft.EntityFrameworkCore;
using Observatory.Accounts;
using Observatory.Storage;

namespace Observatory.Assessments.Benchmarking;

/// <summary>An organisation's level on one part and where it sits in the published spread of a peer group.</summary>
public sealed record ItemStanding(BenchmarkItem Item, int Level, Distribution Distribution, BenchmarkPosition Position);

/// <summary>An organisation's standing in one published peer group: the whole assessment's position in words, and each part's.</summary>
public sealed record GroupStanding(PeerGroup Group, string? Sentence, IReadOnlyList<ItemStanding> Items)
{
    public ItemStanding? Overall => Items.FirstOrDefault(i => i.Item.Kind == BenchmarkItemKind.Overall);
}

/// <summary>
/// Where one organisation's own submitted assessment stands against a benchmark release, in each peer group it belongs
/// to whose figures are published. Only for the organisation's own members.
/// </summary>
public sealed record OrganisationStanding(string OrganisationName, string OrganisationSlug, long AssessmentId, string Period, long ReleaseId, DateTime PublishedAt,
    IReadOnlyList<GroupStanding> Groups)
{
    public GroupStanding? In(string groupId) => Groups.FirstOrDefault(g => string.Equals(g.Group.Id, groupId, StringComparison.OrdinalIgnoreCase));
}

/// <summary>
/// A signed-in organisation's own position against the published distributions ("Your level is in the upper quartile
/// of metropolitan districts"). Only a member of the organisation sees it, and only for a submitted assessment the
/// organisation counts in the benchmarks (it gives its answers to see where it stands): a site administrator, another
/// organisation or someone reading a public assessment sees the distribution alone. A suppressed group or figure
/// gives no position, so a position never reveals what suppression hides.
/// </summary>
public sealed class BenchmarkStandings(ObservatoryDbContext db, AssessmentTemplates templates, BenchmarkReleases releases, PeerGroupDirectory groups, CurrentActor current)
{
    /// <summary>The standing of one assessment against the latest release of its template and period; null when the actor may not see one or there is none.</summary>
    public async Task<OrganisationStanding?> OfAssessmentAsync(long assessmentId, CancellationToken cancellationToken = default)
    {
        var assessment = (await OwnContributionsAsync(cancellationToken)).FirstOrDefault(a => a.Id == assessmentId);
        if (assessment is null || !(await releases.LatestAsync(assessment.TemplateId, assessment.Period, cancellationToken)).Succeeded(out var report, out _))
        {
            return null;
        }
        return await StandingAsync(assessment, report, cancellationToken);
    }

    /// <summary>The standings of the actor's organisations that counted an assessment of this release's template and period.</summary>
    public async Task<IReadOnlyList<OrganisationStanding>> InReleaseAsync(BenchmarkReport report, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        var standings = new List<OrganisationStanding>();
        foreach (var assessment in (await OwnContributionsAsync(cancellationToken))
            .Where(a => a.TemplateId == report.Statistics.TemplateId && a.Period == report.Statistics.Period))
        {
            if (await StandingAsync(assessment, report, cancellationToken) is { } standing)
            {
                standings.Add(standing);
            }
        }
        return standings;
    }

    /// <summary>The submitted, opted-in assessments of the organisations the actor is a member of (a site administrator is a member of none).</summary>
    private async Task<List<Assessment>> OwnContributionsAsync(CancellationToken cancellationToken)
    {
        var actor = current.Actor;
        if (!actor.IsSignedIn || actor.Roles.Count == 0)
        {
            return [];
        }
        var mine = actor.Roles.Keys.ToList();
        return await db.Assessments.AsNoTracking()
            .Where(a => mine.Contains(a.OrganisationId) && a.Benchmarking && a.State != WorkflowState.Draft)
            .OrderBy(a => a.OrganisationId).ToListAsync(cancellationToken);
    }

    private async Task<OrganisationStanding?> StandingAsync(Assessment assessment, BenchmarkReport report, CancellationToken cancellationToken)
    {
        if (!(await templates.FindAsync(assessment.TemplateId, cancellationToken)).Succeeded(out var template, out _))
        {
            return null;
        }
        var organisation = await db.Organisations.AsNoTracking().FirstAsync(o => o.Id == assessment.OrganisationId, cancellationToken);
        var stored = await db.AssessmentAnswers.AsNoTracking().Where(a => a.AssessmentId == assessment.Id).ToListAsync(cancellationToken);
        var levels = BenchmarkEngine.LevelsOf(template, OptedInContributions.Levels(OrganisationAssessments.AnswerSetOf(template, stored).Answers));
        var standings = new List<GroupStanding>();
        foreach (var group in groups.GroupsOf(organisation.Places))
        {
            if (report.Statistics.Group(group.Id) is not { Suppressed: null } published)
            {
                continue;
            }
            var figures = published.Figures.ToDictionary(f => f.Item, StringComparer.Ordinal);
            var items = new List<ItemStanding>();
            foreach (var item in report.Statistics.Items)
            {
                if (levels.TryGetValue(item.Id, out var level) && figures.GetValueOrDefault(item.Id)?.Distribution is { } distribution)
                {
                    items.Add(new ItemStanding(item, level, distribution, BenchmarkPositions.Position(level, distribution)));
                }
            }
            if (items.Count == 0)
            {
                continue;
            }
            var overall = items.FirstOrDefault(i => i.Item.Kind == BenchmarkItemKind.Overall);
            standings.Add(new GroupStanding(group, overall is null ? null : BenchmarkPositions.Sentence(overall.Level, overall.Distribution, group), items));
        }
        return new OrganisationStanding(organisation.Name, organisation.Slug, assessment.Id, assessment.Period, report.ReleaseId, report.PublishedAt, standings);
    }
}
