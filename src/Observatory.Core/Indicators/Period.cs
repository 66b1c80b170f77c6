using System.Globalization;
using System.Text.RegularExpressions;

namespace Observatory.Indicators;

/// <summary>
/// The time an observation describes: an ISO 8601 instant (<c>2025-04-30</c>) or interval (<c>2023-01-01/P1Y</c>,
/// <c>2020-01-01/P3Y</c>), as ONS Explore Local Statistics writes them. Stored as start and duration, never as the
/// raw string, so "2023" from an Open SDG file and "2023-01-01/P1Y" from ELS are the same period.
/// </summary>
public readonly partial record struct Period(DateOnly Start, string Duration) : IComparable<Period>
{
    /// <summary>
    /// The first and last years a period may touch. Official statistics start in the nineteenth century at the earliest
    /// and projections stop well before 2200; a period outside is a typing mistake (or an attempt to overflow a date),
    /// refused where it is read — in a file, a form or an address — so every period stored or asked for has an end.
    /// </summary>
    public const int FirstYear = 1800;

    public const int LastYear = 2200;

    /// <summary>True for a single date (a survey date, a snapshot) rather than an interval.</summary>
    public bool IsInstant => Duration.Length == 0;

    public static Period Year(int year) => new(new DateOnly(year, 1, 1), "P1Y");

    /// <summary>
    /// Reads <c>2023-01-01/P1Y</c>, <c>2025-04-30</c>, <c>2023</c> (a calendar year), <c>2013/16</c> or
    /// <c>2013-2016</c> (the calendar years 2013 to 2016 inclusive: Open SDG's ranges) and <c>2024-04</c> (a month).
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, out Period period)
    {
        if (!TryParseAny(text, out period) || !InRange(period))
        {
            period = default;
            return false;
        }
        return true;
    }

    /// <summary>True when <paramref name="text"/> is a well-formed period that starts or ends outside <see cref="FirstYear"/> to <see cref="LastYear"/>.</summary>
    public static bool IsOutOfRange(ReadOnlySpan<char> text) => TryParseAny(text, out var period) && !InRange(period);

    /// <summary>Whether a period starts and ends within <see cref="FirstYear"/> to <see cref="LastYear"/>.</summary>
    public static bool InRange(Period period) =>
        period.Start.Year >= FirstYear && period.Start.Year <= LastYear && period.End.Year <= LastYear && period.End >= period.Start;

    private static bool TryParseAny(ReadOnlySpan<char> text, out Period period)
    {
        text = text.Trim();
        period = default;
        var slash = text.IndexOf('/');
        if (slash > 0 && text.Length > slash + 1 && text[slash + 1] == 'P')
        {
            if (!TryDate(text[..slash], out var start) || !IsDuration(text[(slash + 1)..]))
            {
                return false;
            }
            period = new Period(start, new string(text[(slash + 1)..]));
            return true;
        }
        if (text.Length == 4 && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is >= 1800 and <= 2200)
        {
            period = Year(year);
            return true;
        }
        if (text.Length == 7 && text[4] == '-' && DateOnly.TryParseExact(text.ToString() + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month))
        {
            period = new Period(month, "P1M");
            return true;
        }
        if (YearRange().Match(text.ToString()) is { Success: true } range)
        {
            var from = int.Parse(range.Groups[1].Value, CultureInfo.InvariantCulture);
            var toText = range.Groups[2].Value;
            var to = toText.Length == 2 ? from / 100 * 100 + int.Parse(toText, CultureInfo.InvariantCulture) : int.Parse(toText, CultureInfo.InvariantCulture);
            if (to < from)
            {
                to += 100;
            }
            if (to - from is < 1 or > 50)
            {
                return false;
            }
            period = new Period(new DateOnly(from, 1, 1), $"P{to - from + 1}Y");
            return true;
        }
        if (TryDate(text, out var instant))
        {
            period = new Period(instant, "");
            return true;
        }
        return false;
    }

    public static Period Parse(string text) =>
        TryParse(text, out var p) ? p : throw new FormatException($"{Content.InputLimits.Quote(text)} is not a period from {FirstYear} to {LastYear} (use ISO 8601, e.g. 2023-01-01/P1Y or 2025-04-30).");

    /// <summary>The ISO 8601 form, as ELS writes it.</summary>
    public string ToIso() => IsInstant ? Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : $"{Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}/{Duration}";

    public override string ToString() => ToIso();

    /// <summary>The last day the period covers.</summary>
    public DateOnly End
    {
        get
        {
            if (IsInstant)
            {
                return Start;
            }
            var m = StoredDuration().Match(Duration);
            if (!m.Success)
            {
                return Start;
            }
            var n = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            // A duration has at most three digits, so from a start before 9000 no step can pass the last date there is;
            // a period from outside the range (one stored before it was enforced) ends on the last date rather than throwing.
            if (Start.Year > 9000)
            {
                return DateOnly.MaxValue;
            }
            var next = m.Groups[2].Value switch
            {
                "Y" => Start.AddYears(n),
                "M" => Start.AddMonths(n),
                "W" => Start.AddDays(7 * n),
                _ => Start.AddDays(n),
            };
            return next.AddDays(-1);
        }
    }

    /// <summary>
    /// How people write the period: "2023", "2020 to 2022", "2024/25" for a financial or academic year,
    /// "April 2024" for a month, "30 April 2025" for a date. <paramref name="format"/> is the ELS catalogue's
    /// <c>periodFormat</c> (year, financial-year, academic-year, month…) where known.
    /// </summary>
    public string Label(string? format = null)
    {
        if (IsInstant)
        {
            return Start.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"));
        }
        if (Duration == "P1M")
        {
            return Start.ToString("MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"));
        }
        if (Duration == "P1Y")
        {
            var splitYear = format is "financial-year" or "academic-year" || Start.Month != 1 || Start.Day != 1;
            return splitYear ? $"{Start.Year}/{(Start.Year + 1) % 100:00}" : Start.Year.ToString(CultureInfo.InvariantCulture);
        }
        var end = End;
        return Start.Month == 1 && Start.Day == 1 ? $"{Start.Year} to {end.Year}" : $"{Start.ToString("MMM yyyy", CultureInfo.GetCultureInfo("en-GB"))} to {end.ToString("MMM yyyy", CultureInfo.GetCultureInfo("en-GB"))}";
    }

    /// <summary>
    /// The word that goes before the period's <see cref="Label"/> in a sentence: "on 1 January 2026" for a single day,
    /// "in 2024", "in April 2024" or "in 2020 to 2022" otherwise.
    /// </summary>
    public string Preposition => IsInstant || Duration == "P1D" ? "on" : "in";

    public int CompareTo(Period other)
    {
        var c = Start.CompareTo(other.Start);
        return c != 0 ? c : string.CompareOrdinal(Duration, other.Duration);
    }

    private static bool TryDate(ReadOnlySpan<char> text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    private static bool IsDuration(ReadOnlySpan<char> text) => DurationPattern().IsMatch(text);

    [GeneratedRegex(@"^P([1-9]\d{0,2})([YMWD])$")]
    private static partial Regex DurationPattern();

    /// <summary>Any duration a period may have been stored with, P0Y included, so <see cref="End"/> reads every stored row.</summary>
    [GeneratedRegex(@"^P(\d{1,3})([YMWD])$")]
    private static partial Regex StoredDuration();

    [GeneratedRegex(@"^(\d{4})\s*[/\-–]\s*(\d{2}|\d{4})$")]
    private static partial Regex YearRange();
}
