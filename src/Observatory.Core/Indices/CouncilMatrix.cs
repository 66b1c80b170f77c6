using Observatory.Indicators;
using Observatory.Places;

namespace Observatory.Indices;

/// <summary>An indicator to read for every council, with the period it must be for (null: its latest).</summary>
public sealed record MatrixRow(string IndicatorId, Period? Period = null);

/// <summary>
/// Builds indicator × council matrices from the <see cref="HeadlineObservations"/> of the latest import, never a
/// query per indicator or per area. Each row takes one period for every council, so the councils are compared
/// like with like: the row's fixed period, else its latest period with council values starting on or before the
/// end of the period asked for (or its latest of all).
/// </summary>
public sealed class CouncilMatrix(PlaceRegistry places, HeadlineObservationStore headlines)
{
    public async Task<IndexMatrix> BuildAsync(IReadOnlyList<MatrixRow> rows, Period? asOf = null, CancellationToken cancellationToken = default) =>
        Build(await headlines.CurrentAsync(cancellationToken), rows, asOf);

    /// <summary>The matrix from observations already in hand.</summary>
    public IndexMatrix Build(HeadlineObservations observations, IReadOnlyList<MatrixRow> rows, Period? asOf = null)
    {
        ArgumentNullException.ThrowIfNull(observations);
        ArgumentNullException.ThrowIfNull(rows);
        var codes = places.Councils.Select(c => c.Code).ToList();
        var index = codes.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i, StringComparer.OrdinalIgnoreCase);
        var distinct = rows.Select(r => r.IndicatorId).Distinct(StringComparer.Ordinal).ToList();
        var matrix = new IndexMatrix(codes, distinct);
        var end = asOf?.End;
        for (var r = 0; r < distinct.Count; r++)
        {
            var id = distinct[r];
            var fixedPeriod = rows.First(x => x.IndicatorId == id).Period;
            Period? chosen = fixedPeriod is { } f
                ? (observations.CouncilValues(id, f).Count > 0 ? (Period?)f : null)
                : observations.Periods(id).Reverse().Where(p => end is not { } e || p.Start <= e).Select(p => (Period?)p)
                    .FirstOrDefault(p => observations.CouncilValues(id, p!.Value).Count > 0);
            if (chosen is not { } period)
            {
                continue;
            }
            matrix.Periods[r] = period;
            foreach (var o in observations.ForIndicator(id, period: period))
            {
                if (o.Value is { } value && index.TryGetValue(o.AreaCode, out var column))
                {
                    matrix.Values[r][column] = value;
                }
            }
        }
        return matrix;
    }
}
