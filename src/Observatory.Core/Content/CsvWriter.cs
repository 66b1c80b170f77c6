using System.Text;

namespace Observatory.Content;

/// <summary>
/// Writes CSV as RFC 4180 says: fields holding a comma, quote or line break are quoted with inner quotes doubled,
/// lines end CRLF. The one writer behind every CSV the Observatory produces (API answers, exports, the audit log),
/// so spreadsheets and ONS tools read "Kingston upon Hull, City of" as one field everywhere.
/// </summary>
public static class CsvWriter
{
    public static string Field(string? value) =>
        string.IsNullOrEmpty(value) ? "" : value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

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
