using System.Globalization;

namespace Observatory.Content;

/// <summary>Numbers as files and API answers carry them.</summary>
public static class Numbers
{
    /// <summary>Exactly as stored (round-trip) in invariant culture, so a CSV reads back to the same value; empty for none.</summary>
    public static string RoundTrip(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "";

    /// <summary>A whole number in invariant culture (no group separators).</summary>
    public static string Whole(long value) => value.ToString(CultureInfo.InvariantCulture);
}
