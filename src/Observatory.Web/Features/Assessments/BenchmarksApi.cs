using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Observatory.Assessments.Benchmarking;
using Observatory.Content;
using Observatory.Outcomes;
using Observatory.Web.Features.Shared;
using Observatory.Web.Setup;

namespace Observatory.Web.Features.Assessments;

/// <summary>Published benchmark releases: each peer group's median and quartiles, or why a figure is suppressed. JSON, or CSV for <c>Accept: text/csv</c> or <c>?format=csv</c>.</summary>
public static class BenchmarksApi
{
    /// <summary>An item's figures, or that it is suppressed and why (the other fields are then left out).</summary>
    public sealed record Item(
        string Id,
        string Kind,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Count,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Median,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? LowerQuartile,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? UpperQuartile,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? Suppressed,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Reason);

    public sealed record Benchmark(string Template, string TemplateVersion, string Period, string Group, string GroupName, DateTime PublishedAt,
        int? Contributors, string? Suppressed, string Rules, IReadOnlyList<Item> Items);

    private sealed record Row(string Template, string Period, string Group, Item Item);

    private static readonly IReadOnlyList<CsvResults.Column<Row>> Columns =
    [
        new("template", r => r.Template),
        new("period", r => r.Period),
        new("group", r => r.Group),
        new("item", r => r.Item.Id),
        new("kind", r => r.Item.Kind),
        new("count", r => r.Item.Count?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("median", r => Numbers.RoundTrip(r.Item.Median)),
        new("lower_quartile", r => Numbers.RoundTrip(r.Item.LowerQuartile)),
        new("upper_quartile", r => Numbers.RoundTrip(r.Item.UpperQuartile)),
        new("suppressed", r => r.Item.Suppressed == true ? "true" : "false"),
        new("reason", r => r.Item.Reason),
    ];

    public static void MapBenchmarksApi(this WebApplication app)
    {
        app.MapGroup("/api").WithTags("Assessments")
            .MapGet("/benchmarks/{templateId}", GetAsync)
            .WithSummary("The latest anonymised benchmark release of a template (for ?period=, else the latest of any period) for a peer group (?group=, default all): each question's, theme's and topic's number of contributors, median and quartiles, or {suppressed: true, reason} where fewer than 5 organisations are behind a figure directly or by difference. Never a mean, a name or a rank. CSV for Accept: text/csv or ?format=csv. 404 when nothing is published.");
    }

    private static async Task<IResult> GetAsync(string templateId, string? period, string? group, string? format, HttpContext context, BenchmarkReleases releases,
        PeerGroupDirectory groups, CancellationToken ct)
    {
        var id = CsvResults.StripExtension(templateId, out var csvPath);
        var csv = csvPath || string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase) || CsvResults.Wants(context.Request);
        var groupId = string.IsNullOrWhiteSpace(group) ? PeerGroupDirectory.AllId : group.Trim();
        if (groups.Find(groupId) is null)
        {
            return Refusal.Invalid("group", $"There is no peer group '{groupId}'. The groups are: {string.Join(", ", groups.Groups.Select(g => g.Id))}.").ToProblem();
        }
        if (!(await releases.LatestAsync(id, period, ct)).Succeeded(out var report, out var refusal))
        {
            return refusal.ToProblem();
        }
        var s = report.Statistics;
        if (s.Group(groupId) is not { } figures)
        {
            return Refusal.NotFound($"The release of {report.PublishedAt:d MMMM yyyy} has no figures for the group '{groupId}'.").ToProblem();
        }
        var kinds = s.Items.ToDictionary(i => i.Id, i => BenchmarkText.Kind(i.Kind));
        var items = figures.Figures.Select(f => f.Distribution is { } d
            ? new Item(f.Item, kinds[f.Item], d.Count, d.Median, d.LowerQuartile, d.UpperQuartile, null, null)
            : new Item(f.Item, kinds[f.Item], null, null, null, null, true, BenchmarkText.ReasonCode(f.Suppressed ?? SuppressionReason.FewerThanFive))).ToList();
        if (csv)
        {
            return CsvResults.Csv(items.Select(i => new Row(s.TemplateId, s.Period, figures.Group.Id, i)), Columns,
                $"{s.TemplateId}-{s.Period.Replace('/', '-')}-{figures.Group.Id}-benchmarks.csv", context.Response);
        }
        return TypedResults.Ok(new Benchmark(s.TemplateId, s.TemplateVersion, s.Period, figures.Group.Id, figures.Group.Name, report.PublishedAt,
            figures.Contributors, figures.Suppressed is { } r ? BenchmarkText.ReasonCode(r) : null, report.Rules, items));
    }
}
