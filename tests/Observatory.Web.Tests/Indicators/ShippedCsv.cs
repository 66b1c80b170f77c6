using System.Globalization;
using Observatory.Content;
using Observatory.Places;

namespace Observatory.Web.Tests.Indicators;

/// <summary>Golden values read from a shipped ELS file, so the tests check pages against the source, not against themselves.</summary>
public static class ShippedCsv
{
    public sealed record Row(string Code, string Period, double? Value);

    public static IReadOnlyList<Row> ReadEls(string relativePath)
    {
        var path = Path.Combine(DataFolder.Locate().Combine("indicators"), relativePath);
        using var text = new StreamReader(path);
        using var csv = new CsvRecordReader(text);
        csv.Read();
        var header = Enumerable.Range(0, csv.FieldCount).ToDictionary(i => csv.GetString(i).Trim().TrimStart('\uFEFF'), i => i);
        var rows = new List<Row>();
        while (csv.Read())
        {
            var value = csv.GetString(header["observation"]).Trim();
            rows.Add(new Row(csv.GetString(header["areacd"]).Trim(), csv.GetString(header["period"]).Trim(),
                value.Length == 0 ? null : double.Parse(value, CultureInfo.InvariantCulture)));
        }
        return rows;
    }

    /// <summary>The council rows of one period, one per current code (ELS repeats unitary authorities under two geographies).</summary>
    public static IReadOnlyDictionary<string, double> CouncilValues(IEnumerable<Row> rows, string period, PlaceRegistry places) =>
        rows.Where(r => r.Period == period && r.Value is not null)
            .Select(r => (Code: places.RecodedTo(r.Code) ?? r.Code, r.Value))
            .Where(r => places.Find(r.Code) is { IsCouncil: true })
            .DistinctBy(r => r.Code)
            .ToDictionary(r => r.Code, r => r.Value!.Value);

    /// <summary>The latest period in which any council has a value: what the indicator page shows first.</summary>
    public static string LatestCouncilPeriod(IEnumerable<Row> rows, PlaceRegistry places) =>
        rows.Where(r => r.Value is not null && places.Find(places.RecodedTo(r.Code) ?? r.Code) is { IsCouncil: true })
            .Select(r => r.Period).Distinct().Max(StringComparer.Ordinal)!;
}
