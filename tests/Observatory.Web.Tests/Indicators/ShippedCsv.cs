using System.Globalization;
using Observatory.Content;
using Observatory.Places;
using Observatory.Testing;

namespace Observatory.Web.Tests.Indicators;

/// <summary>Golden values read from a shipped ELS file, so the tests check pages against the source, not against themselves.</summary>
public static class ShippedCsv
{
    public sealed record Row(string Code, string Period, double? Value);

    /// <summary>Read with the tests' own CSV reader, not the product's, so a fault in the importer's parsing cannot hide itself.</summary>
    public static IReadOnlyList<Row> ReadEls(string relativePath) =>
        [.. TestCsv.ReadRows(Path.Combine(DataFolder.Locate().Combine("indicators"), relativePath))
            .Select(r => new Row(r["areacd"].Trim(), r["period"].Trim(), r["observation"].Trim() is { Length: > 0 } v ? double.Parse(v, CultureInfo.InvariantCulture) : null))];

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
