using Observatory.Indicators;

namespace Observatory.Web.Features.Indicators;

/// <summary>How indicator pages, the import pages and the API put the catalogue's enumerations into words.</summary>
public static class IndicatorText
{
    public static string Polarity(Polarity polarity) => polarity switch
    {
        Observatory.Indicators.Polarity.HigherIsBetter => "Higher is better",
        Observatory.Indicators.Polarity.LowerIsBetter => "Lower is better",
        _ => "Neither: context, not a judgement",
    };

    /// <summary>The catalogue file's spelling (higher-is-better…), which the API uses so it matches the documented format.</summary>
    public static string PolarityKey(Polarity polarity) => polarity switch
    {
        Observatory.Indicators.Polarity.HigherIsBetter => "higher-is-better",
        Observatory.Indicators.Polarity.LowerIsBetter => "lower-is-better",
        _ => "neither",
    };

    public static string PeriodFormatKey(PeriodFormat format) => format switch
    {
        PeriodFormat.AcademicYear => "academic-year",
        PeriodFormat.FinancialYear => "financial-year",
        PeriodFormat.OneYear => "1-year",
        PeriodFormat.TwoYear => "2-year",
        PeriodFormat.ThreeYear => "3-year",
        PeriodFormat.FiveYear => "5-year",
        _ => format.ToString().ToLowerInvariant(),
    };

    public static string PeriodFormatWords(PeriodFormat format) => format switch
    {
        PeriodFormat.Year => "Calendar year",
        PeriodFormat.AcademicYear => "Academic year (from September)",
        PeriodFormat.FinancialYear => "Financial year (from April)",
        PeriodFormat.Month => "A dated snapshot",
        PeriodFormat.OneYear => "12 months",
        PeriodFormat.TwoYear => "2-year rolling average",
        PeriodFormat.ThreeYear => "3-year rolling average",
        PeriodFormat.FiveYear => "5-year rolling average",
        PeriodFormat.Cumulative => "A total over several years",
        _ => "A single date",
    };

    public static string Label(this Period period, IndicatorDefinition indicator) => period.Label(PeriodFormatKey(indicator.PeriodFormat));

    public static string ThresholdKind(ThresholdKind kind) => kind switch
    {
        Observatory.Indicators.ThresholdKind.Floor => "Floor (social foundation)",
        Observatory.Indicators.ThresholdKind.Ceiling => "Ceiling (ecological limit)",
        _ => "Target",
    };

    /// <summary>The x and u flags ELS uses, in words; anything else is the source's own words.</summary>
    public static string Status(string? status) => status switch
    {
        null or "" => "",
        "x" => "Not available (x)",
        "u" => "Low reliability (u)",
        _ => status,
    };

    public static string Unit(IndicatorDefinition indicator) => indicator.Unit switch
    {
        null => indicator.Measure,
        "%" => "Percentage (%)",
        "£" => "Pounds (£)",
        var unit => unit,
    };
}
