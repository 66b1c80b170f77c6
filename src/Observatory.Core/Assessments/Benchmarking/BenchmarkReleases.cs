using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Observatory.Outcomes;
using Observatory.Storage;

namespace Observatory.Assessments.Benchmarking;

/// <summary>A benchmark release as pages and the API read it: when it was published, by which rules, and its figures.</summary>
public sealed record BenchmarkReport(long ReleaseId, DateTime PublishedAt, string Rules, BenchmarkStatistics Statistics);

/// <summary>A release in a list: its period and date.</summary>
public sealed record BenchmarkReleaseSummary(long ReleaseId, string Period, DateTime PublishedAt);

/// <summary>
/// Publishes and reads anonymised benchmark releases. Publishing takes the contributions for a template and period
/// (organisations' submitted assessments opted into benchmarking, through <see cref="IBenchmarkContributions"/>),
/// computes every peer group's figures with suppression (<see cref="BenchmarkEngine"/>) and stores them as a new,
/// dated, immutable release; older releases are kept. Reading gives the latest release.
/// </summary>
public sealed class BenchmarkReleases(ObservatoryDbContext db, AssessmentTemplates templates, PeerGroupDirectory groups, TimeProvider clock,
    IBenchmarkContributions contributions)
{
    /// <summary>The rules every release so far is made by, stored with it; a change of rules is a new text here.</summary>
    public const string Rules =
        "Median and quartiles (linear interpolation, type 7) of each question's, theme's and topic's level (weakest link); " +
        "no figure from fewer than 5 organisations; secondary suppression so that no two published groups, and no group " +
        "against the published groups of one kind inside it, differ by 1 to 4 organisations.";

    public const int MaxPeriodLength = 32;

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>Publishes from the Observatory's own contributions (organisations' opted-in assessments).</summary>
    public Task<Outcome<BenchmarkReport>> PublishAsync(string templateId, string period, CancellationToken cancellationToken = default) =>
        PublishAsync(templateId, period, contributions, cancellationToken);

    public async Task<Outcome<BenchmarkReport>> PublishAsync(string templateId, string period, IBenchmarkContributions source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (CheckPeriod(period) is { } invalid)
        {
            return invalid;
        }
        if (!(await templates.FindAsync(templateId, cancellationToken)).Succeeded(out var template, out var refusal))
        {
            return refusal;
        }
        var given = await source.ForAsync(template.Id, period, cancellationToken);
        if (given.Count == 0)
        {
            return Refusal.Conflict($"No organisation has opted an assessment of '{template.Id}' for {period} into benchmarking, so there is nothing to publish.");
        }
        var statistics = BenchmarkEngine.Compute(template, period, given, groups);
        var release = new BenchmarkRelease
        {
            TemplateId = template.Id,
            TemplateVersion = template.Version,
            Period = period,
            PublishedAt = clock.GetUtcNow().UtcDateTime,
            Contributors = given.Select(c => c.OrganisationId).Distinct().Count(),
            Rules = Rules,
            Statistics = JsonSerializer.Serialize(statistics, Json),
        };
        db.BenchmarkReleases.Add(release);
        await db.SaveChangesAsync(cancellationToken);
        return new BenchmarkReport(release.Id, release.PublishedAt, release.Rules, statistics);
    }

    /// <summary>The latest release of a template, for a period or (none given) the latest of any period; not found when there is none.</summary>
    public async Task<Outcome<BenchmarkReport>> LatestAsync(string templateId, string? period = null, CancellationToken cancellationToken = default)
    {
        var query = db.BenchmarkReleases.AsNoTracking().Where(r => r.TemplateId == templateId);
        if (!string.IsNullOrWhiteSpace(period))
        {
            var p = period.Trim();
            query = query.Where(r => r.Period == p);
        }
        var release = await query.OrderByDescending(r => r.Id).FirstOrDefaultAsync(cancellationToken);
        if (release is null)
        {
            return Refusal.NotFound(string.IsNullOrWhiteSpace(period)
                ? $"No benchmark has been published for the assessment template '{templateId}'."
                : $"No benchmark has been published for the assessment template '{templateId}' for {period.Trim()}.");
        }
        var statistics = JsonSerializer.Deserialize<BenchmarkStatistics>(release.Statistics, Json)!;
        return new BenchmarkReport(release.Id, release.PublishedAt, release.Rules, statistics);
    }

    /// <summary>Every release of a template, newest first.</summary>
    public async Task<IReadOnlyList<BenchmarkReleaseSummary>> ReleasesAsync(string templateId, CancellationToken cancellationToken = default) =>
        await db.BenchmarkReleases.AsNoTracking().Where(r => r.TemplateId == templateId).OrderByDescending(r => r.Id)
            .Select(r => new BenchmarkReleaseSummary(r.Id, r.Period, r.PublishedAt)).ToListAsync(cancellationToken);

    /// <summary>A period names a year or round ("2026/27"): letters, digits, '/', '-', '.' and spaces, at most 32 characters.</summary>
    public static Refusal? CheckPeriod(string? period) =>
        string.IsNullOrWhiteSpace(period) || period.Length > MaxPeriodLength || !period.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '/' or '-' or '.' or ' ') || period.Trim() != period
            ? Refusal.Invalid("period", $"A period is a year or round such as 2026/27: letters, digits, '/', '-' and '.', at most {MaxPeriodLength} characters.")
            : null;
}
