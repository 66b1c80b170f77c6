using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Observatory.Content;
using Observatory.Indicators;
using Observatory.Places;
using Observatory.Rendering.Charts;
using Observatory.Similarity;
using Observatory.Web.Features.Shared;
using Observatory.Web.Setup;

namespace Observatory.Web.Features.Similarity;

/// <summary>
/// Up to ten councils side by side, chosen by name or code in a plain form (or in one click from a council's
/// similar councils): every indicator they share in the latest period they share, each council's direction of
/// travel, and one indicator over time as a chart with its table. <c>?handler=csv</c> downloads the comparison.
/// </summary>
public sealed class CompareModel(CouncilComparison comparison, PlaceRegistry places, IndicatorCatalogue catalogue, TimeProvider clock) : PageModel
{
    /// <summary>What was typed in the boxes, blanks dropped, so a mistake can be corrected in place.</summary>
    public IReadOnlyList<string> Entries { get; private set; } = [];

    public FormErrors Errors { get; } = new();

    /// <summary>A name nothing matched, with the councils it most likely means, each a link that compares with it instead.</summary>
    public sealed record Correction(string Field, string Entry, IReadOnlyList<(string Name, string Href)> Choices);

    /// <summary>"Did you mean" for each name nothing matched, so a slip is put right in one click without JavaScript.</summary>
    public IReadOnlyList<Correction> Corrections { get; private set; } = [];

    public CouncilComparisonResult? Result { get; private set; }

    /// <summary>The indicator drawn over time: the one asked for, else the first shared.</summary>
    public ComparedIndicator? Charted { get; private set; }

    public Chart? Chart { get; private set; }

    public IReadOnlyList<TrendSeries> Trend { get; private set; } = [];

    public IReadOnlyList<Period> TrendPeriods { get; private set; } = [];

    /// <summary>Every current council's name, for the browser's own suggestions as people type (no script needed).</summary>
    public IReadOnlyList<string> CouncilNames => [.. places.Councils.Select(c => c.Name)];

    /// <summary>The comparison's address, with the councils as codes, for links and the download.</summary>
    public string Query(string? handler = null, string? indicator = null) =>
        string.Join("&", new[] { handler is null ? null : $"handler={handler}" }
            .Concat(Result?.Councils.Select(c => $"council={Uri.EscapeDataString(c.Code)}") ?? [])
            .Append(indicator is null ? null : $"indicator={Uri.EscapeDataString(indicator)}")
            .OfType<string>());

    /// <summary>Ten boxes, or eleven when more councils were asked for, so the error on the eleventh has a box.</summary>
    public int Boxes => Math.Max(CouncilComparison.MaxCouncils, Math.Min(Entries.Count, CouncilComparison.MaxCouncils + 1));

    public async Task<IActionResult> OnGetAsync([FromQuery] string?[]? council, string? indicator, CancellationToken cancellationToken)
    {
        Entries = comparison.Entries(council ?? []);
        if (Entries.Count == 0)
        {
            // A first visit: an empty form, not an error.
            return Page();
        }
        var outcome = await comparison.CompareAsync(Entries, cancellationToken);
        if (!outcome.Succeeded(out var result, out var refusal))
        {
            Corrections = [.. comparison.Corrections(Entries).Select(c => new Correction(CouncilComparison.Field(c.Index + 1), c.Entry,
                [.. c.Councils.Select(p => (p.Name, "/compare?" + string.Join("&", Entries.Select((e, i) => "council=" + Uri.EscapeDataString(i == c.Index ? p.Name : e)))))]))];
            return this.Refuse(refusal, Errors) ?? Page();
        }
        Result = result;
        // Once compared, the boxes hold the councils' names as the register writes them.
        Entries = [.. result.Councils.Select(c => c.Name)];
        Charted = result.Find(indicator) ?? result.Shared.FirstOrDefault();
        if (Charted is { } charted)
        {
            TrendPeriods = [.. charted.Values.SelectMany(v => v.Series).Select(p => p.Period).Distinct().Order()];
            Trend = [.. charted.Values.Select(v => new TrendSeries(v.Council.Code, v.Council.Name,
                [.. TrendPeriods.Select(p => new TrendPoint(p, v.Series.FirstOrDefault(s => s.Period == p)?.Value))]))];
            Chart = IndicatorCharts.Trend("compare-trend", $"{charted.Indicator.Name} over time", Trend, charted.Indicator.FormatValue,
                p => AreaIndicators.PeriodLabel(charted.Indicator, p));
        }
        return Page();
    }

    /// <summary>The comparison as CSV: one row per council and shared indicator, values exactly as stored.</summary>
    public Task<IActionResult> OnGetCsvAsync([FromQuery] string?[]? council, CancellationToken cancellationToken) => DownloadAsync(council, xlsx: false, cancellationToken);

    /// <summary>The same table as <see cref="OnGetCsvAsync"/>, as a spreadsheet with a notes sheet of its sources.</summary>
    public Task<IActionResult> OnGetXlsxAsync([FromQuery] string?[]? council, CancellationToken cancellationToken) => DownloadAsync(council, xlsx: true, cancellationToken);

    private async Task<IActionResult> DownloadAsync(string?[]? council, bool xlsx, CancellationToken cancellationToken)
    {
        var outcome = await comparison.CompareAsync([.. (council ?? [])], cancellationToken);
        if (!outcome.Succeeded(out var result, out var refusal))
        {
            return new ContentResult
            {
                Content = string.Join("\n", refusal.Problems.Select(p => $"{p.Field}: {p.Message}")),
                ContentType = "text/plain; charset=utf-8",
                StatusCode = refusal.StatusCode(),
            };
        }
        var csv = CsvResults.Write(result.Shared.SelectMany(s => s.Values.Select(v => (Shared: s, Value: v))),
        [
            new("indicator", r => r.Shared.Indicator.Id),
            new("indicator_name", r => r.Shared.Indicator.Name),
            new("period", r => r.Shared.Period.ToIso()),
            new("area_code", r => r.Value.Council.Code),
            new("area_name", r => r.Value.Council.Name),
            new("value", r => Numbers.RoundTrip(r.Value.Value)),
            new("unit", r => r.Shared.Indicator.Unit),
            new("previous_period", r => r.Value.Previous?.Period.ToIso()),
            new("previous_value", r => r.Value.Previous?.Value is { } p ? Numbers.RoundTrip(p) : null),
            new("direction", r => IndicatorStatistics.Describe(r.Value.Direction)),
        ]);
        var name = "comparison-" + string.Join("-", result.Councils.Select(c => c.Code.ToLower(CultureInfo.InvariantCulture)));
        if (xlsx)
        {
            var notes = SpreadsheetResults.Notes("Comparison of " + string.Join(", ", result.Councils.Select(c => $"{c.Name} ({c.Code})")), clock,
                [.. result.Shared.Select(s => catalogue.FindDataset(s.Indicator.DatasetId)).OfType<IndicatorDataset>().Distinct().Select(SpreadsheetResults.Source)]);
            return File(SpreadsheetWriter.FromCsv(csv, notes), SpreadsheetWriter.ContentType, name + SpreadsheetWriter.Extension);
        }
        return File(Encoding.UTF8.GetBytes(csv), CsvResults.ContentType + "; charset=utf-8", name + CsvResults.Extension);
    }
}
