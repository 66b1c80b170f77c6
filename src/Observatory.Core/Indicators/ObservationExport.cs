using System.Globalization;
using System.Text;
using System.Text.Json;
using Observatory.Places;

namespace Observatory.Indicators;

/// <summary>
/// Writes observations back out in the formats people already use: ONS Explore Local Statistics CSV (so an ELS
/// user's tools read it unchanged), Open SDG CSV, and CSV on the Web (W3C CSVW) metadata describing the ELS CSV.
/// </summary>
public static class ObservationExport
{
    public static readonly string[] ElsColumns = ["areacd", "areanm", "geography", "indicator", "period", "observation", "measure", "unit", "lci_95", "uci_95", "status", "notes"];

    public static string ToElsCsv(IndicatorDefinition indicator, IEnumerable<ObservationPoint> points, PlaceRegistry places)
    {
        var sb = new StringBuilder();
        sb.AppendJoin(',', ElsColumns).Append("\r\n");
        var unit = indicator.SourceUnits.FirstOrDefault() ?? indicator.Unit ?? "";
        foreach (var p in points.Where(p => p.Disaggregation.Length == 0))
        {
            var place = places.Find(p.AreaCode);
            Row(sb, [p.AreaCode, place?.Name ?? "", GeographyLabel(place), indicator.Label, p.Period.ToIso(), Content.Numbers.RoundTrip(p.Value), indicator.Measure, unit,
                Content.Numbers.RoundTrip(p.Lci95), Content.Numbers.RoundTrip(p.Uci95), p.Status ?? "", Notes(p)]);
        }
        return sb.ToString();
    }

    /// <summary>Open SDG: Year first, Value last, GeoCode before it; breakdowns as their own columns (blank = total).</summary>
    public static string ToOpenSdgCsv(IndicatorDefinition indicator, IEnumerable<ObservationPoint> points)
    {
        var list = points.ToList();
        var breakdownColumns = list.SelectMany(p => Breakdown(p.Disaggregation).Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        var selectColumns = indicator.Select.Keys.Order(StringComparer.Ordinal).ToList();
        var sb = new StringBuilder();
        Row(sb, ["Year", .. selectColumns, .. breakdownColumns, "Observation status", "Unit measure", "GeoCode", "Value"]);
        foreach (var p in list)
        {
            var breakdown = Breakdown(p.Disaggregation);
            var year = p.Period.Duration == "P1Y" && p.Period.Start.Month == 1 && p.Period.Start.Day == 1 ? p.Period.Start.Year.ToString(CultureInfo.InvariantCulture) : p.Period.ToIso();
            Row(sb, [year, .. selectColumns.Select(c => indicator.Select[c]), .. breakdownColumns.Select(c => breakdown.GetValueOrDefault(c, "")),
                OpenSdgStatus(p.Status), indicator.Unit ?? indicator.Measure, p.AreaCode == "K02000001" ? "" : p.AreaCode, Content.Numbers.RoundTrip(p.Value)]);
        }
        return sb.ToString();
    }

    /// <summary>CSVW metadata (JSON-LD) for the ELS CSV at <paramref name="csvUrl"/>: columns, types, licence and source.</summary>
    public static string ToCsvwMetadata(IndicatorDefinition indicator, IndicatorDataset dataset, string csvUrl) =>
        JsonSerializer.Serialize(CsvwTable(indicator, dataset, csvUrl, withContext: true), new JsonSerializerOptions { WriteIndented = true });

    /// <summary>
    /// CSVW metadata for a group of ELS CSVs (W3C "Metadata Vocabulary for Tabular Data", table groups): one table
    /// per file, each with the same description as <see cref="ToCsvwMetadata"/> gives a single file.
    /// </summary>
    public static string ToCsvwGroupMetadata(string title, IEnumerable<(IndicatorDefinition Indicator, IndicatorDataset Dataset, string CsvUrl)> tables)
    {
        var doc = new Dictionary<string, object?>
        {
            ["@context"] = "http://www.w3.org/ns/csvw",
            ["dc:title"] = title,
            ["tables"] = tables.Select(t => CsvwTable(t.Indicator, t.Dataset, t.CsvUrl, withContext: false)).ToList(),
        };
        return JsonSerializer.Serialize(doc, new JsonSerializerOptions { WriteIndented = true });
    }

    private static Dictionary<string, object?> CsvwTable(IndicatorDefinition indicator, IndicatorDataset dataset, string csvUrl, bool withContext)
    {
        var columns = new (string Name, string Title, string Datatype)[]
        {
            ("areacd", "Area code (GSS or ISO 3166 alpha-3)", "string"), ("areanm", "Area name", "string"), ("geography", "Geography level", "string"),
            ("indicator", "Indicator", "string"), ("period", "Period (ISO 8601 instant or interval)", "string"), ("observation", indicator.Name, "double"),
            ("measure", "Measure", "string"), ("unit", "Unit", "string"), ("lci_95", "Lower 95% confidence limit", "double"),
            ("uci_95", "Upper 95% confidence limit", "double"), ("status", "Status (x = not available, u = low reliability)", "string"), ("notes", "Notes", "string"),
        };
        var doc = new Dictionary<string, object?>();
        if (withContext)
        {
            doc["@context"] = "http://www.w3.org/ns/csvw";
        }
        foreach (var (key, value) in new Dictionary<string, object?>
        {
            ["url"] = csvUrl,
            ["dc:title"] = indicator.Name,
            ["dc:description"] = indicator.Description,
            ["dc:publisher"] = dataset.Source.Organisation,
            ["dc:source"] = dataset.Source.Url,
            ["dc:license"] = dataset.Source.Licence == "OGL-3.0" ? "http://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/" : "https://creativecommons.org/licenses/by/4.0/",
            ["dc:rights"] = dataset.Source.Attribution,
            ["tableSchema"] = new Dictionary<string, object>
            {
                ["columns"] = columns.Select(c => new Dictionary<string, object>
                {
                    ["name"] = c.Name,
                    ["titles"] = c.Name,
                    ["dc:description"] = c.Title,
                    ["datatype"] = c.Datatype,
                    ["required"] = c.Name is "areacd" or "indicator" or "period",
                }).ToList(),
                ["primaryKey"] = new[] { "areacd", "indicator", "period" },
            },
        })
        {
            doc[key] = value;
        }
        return doc;
    }

    /// <summary>The ELS geography label a place is published under.</summary>
    public static string GeographyLabel(Place? place) => place?.Type switch
    {
        PlaceType.UnitedKingdom or PlaceType.StatisticalCountry or PlaceType.Country => "Country",
        PlaceType.Nation => "Nation",
        PlaceType.Region => "Region",
        PlaceType.CombinedAuthority => "Combined Authority or City Region",
        PlaceType.County or PlaceType.UnitaryAuthority or PlaceType.MetropolitanCounty or PlaceType.LondonSubRegion => "County or Unitary Authority",
        null or PlaceType.StatisticalArea => "",
        _ => "Local Authority District",
    };

    private static string Notes(ObservationPoint p) =>
        p.OriginalCode is { } original ? string.Join("; ", new[] { p.Note, $"Published under former code {original}" }.Where(s => !string.IsNullOrEmpty(s))) : p.Note ?? "";

    private static string OpenSdgStatus(string? status) => status switch
    {
        null or "" => "Normal value",
        "x" => "Missing value",
        "u" => "Low reliability",
        _ => status,
    };

    private static Dictionary<string, string> Breakdown(string disaggregation) =>
        disaggregation.Length == 0 ? [] : disaggregation.Split(';').Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);

    private static void Row(StringBuilder sb, IEnumerable<string> fields) => Content.CsvWriter.AppendRow(sb, fields);
}
