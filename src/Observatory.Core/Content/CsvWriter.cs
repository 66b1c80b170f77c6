using System.Text;

namespace Observatory.Content;

/// <summary>
/// Writes CSV as RFC 4180 says: fields holding a comma, quote or line break are quoted with inner quotes doubled,
/// lines end CRLF. The one writer behind every CSV the Observatory produces (API answers, exports, the audit log),
/// so spreadsheets and ONS tools read "Kingston upon Hull, City of" as one field everywhere.
/// </summary>
/// <remarks>
/// A field a spreadsheet would run as a formula — one starting with =, +, -, @, a tab or a carriage return, unless it is
/// a number — is written with a single quote before it (OWASP's rule against CSV injection), so a note imported as
/// <c>=HYPERLINK(…)</c> is shown as text by whoever opens the download, never followed or run. Numbers, negative ones
/// included, are written as they are, so values read back unchanged.
/// </remarks>
public static class CsvWriter
{
    public static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }
        if (RunsAsFormula(value))
        {
            value = "'" + value;
        }
        return value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary>Whether a spreadsheet would take <paramref name="value"/> as a formula (OWASP, "CSV Injection").</summary>
    public static bool RunsAsFormula(string value) =>
        value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r'
        && !double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _);

    public static StringBuilder AppendRow(StringBuilder sb, IEnumerable<string?> fields)
    {
        var first = true;
        foreach (var field in fields)
        {
            if (!first)
            {
                sb.Append(',');
            }
            sb.Append(Field(field));
            first = false;
        }
        return sb.Append("\r\n");
    }

    public static string Write(IEnumerable<string> header, IEnumerable<IEnumerable<string?>> rows)
    {
        var sb = new StringBuilder();
        AppendRow(sb, header);
        foreach (var row in rows)
        {
            AppendRow(sb, row);
        }
        return sb.ToString();
    }
}
