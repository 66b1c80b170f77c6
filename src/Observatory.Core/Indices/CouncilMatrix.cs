using Microsoft.EntityFrameworkCore;
using Observatory.Indicators;
using Observatory.Places;
using Observatory.Storage;

namespace Observatory.Indices;

/// <summary>An indicator to read for every council, with the period it must be for (null: its latest).</summary>
public sealed record MatrixRow(string IndicatorId, Period? Period = null);

/// <summary>
/// Reads indicator × council matrices from the observations store: one projected query per indicator, all councils
/// at once, never a query per area. Each row takes one period for every council, so the councils are compared
/// like with like: the row's fixed period, else its latest period starting on or before the end of the period
/// asked for (or its latest of all).
/// </summary>
public sealed class CouncilMatrix(PlaceRegistry places, ObservatoryDbContext db)
{
    public async Task<IndexMatrix> BuildAsync(IReadOnlyList<MatrixRow> rows, Period? asOf = null, CancellationToken cancellationToken = default)
    {
        var codes = places.Councils.Select(c => c.Code).ToList();
        var index = codes.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i, StringComparer.OrdinalIgnoreCase);
        var distinct = rows.Select(r => r.IndicatorId).Distinct(StringComparer.Ordinal).ToList();
        var matrix = new IndexMatrix(codes, distinct);
        for (var r = 0; r < distinct.Count; r++)
        {
            var id = distinct[r];
            var fixedPeriod = rows.First(x => x.IndicatorId == id).Period;
            var query = db.Observations.AsNoTracking().Where(o => o.IndicatorId == id && o.Disaggregation == "" && o.Value != null);
            if (fixedPeriod is { } f)
            {
                query = query.Where(o => o.PeriodStart == f.Start && o.PeriodDuration == f.Duration);
            }
            else if (asOf is { } p)
            {
                var end = p.End;
                query = query.Where(o => o.PeriodStart <= end);
            }
            var found = await query.Select(o => new { o.AreaCode, o.PeriodStart, o.PeriodDuration, o.Value }).ToListAsync(cancellationToken);
            var councilRows = found.Where(o => index.ContainsKey(o.AreaCode)).ToList();
            if (councilRows.Count == 0)
            {
                continue;
            }
            var period = councilRows.Select(o => new Period(o.PeriodStart, o.PeriodDuration)).Max();
            matrix.Periods[r] = period;
            foreach (var o in councilRows.Where(o => o.PeriodStart == period.Start && o.PeriodDuration == period.Duration))
            {
                matrix.Values[r][index[o.AreaCode]] = o.Value!.Value;
            }
        }
        return matrix;
    }
}
