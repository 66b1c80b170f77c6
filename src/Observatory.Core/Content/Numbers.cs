using System.Globalization;

namespace Observatory.Content;

/// <summary>Numbers as files and API answers carry them.</summary>
public static class Numbers
{
    /// <summary>Exactly as stored (round-trip) in invariant culture, so a CSV reads back to the same value; empty for none.</summary>
    public static string RoundTrip(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "";

    /// <summary>
    /// A count and its noun for a sentence, with group separators and the noun in agreement: "1 period",
    /// "12 periods", "1,204 councils". <paramref name="plural"/> defaults to the singular with an "s".
    /// </summary>
    public static string Count(long count, string singular, string? plural = null) =>
        $"{count.ToString("N0", CultureInfo.GetCultureInfo("en-GB"))} {(count == 1 ? singular : plural ?? singular + "s")}";

    /// <summary>A whole number in invariant culture (no group separators).</summary>
    public static string Whole(long value) => value.ToString(CultureInfo.InvariantCulture);
}
