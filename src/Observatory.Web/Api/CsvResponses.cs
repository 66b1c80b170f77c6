using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Observatory.Web.Api;

/// <summary>
/// CSV answers from the API: whether the caller asked for CSV, writing RFC 4180 rows, and the file result. Kept
/// apart from the endpoints so every CSV the API serves is quoted and typed the same way.
/// </summary>
public static class CsvResponses
{
    public const string MediaType = "text/csv";

    /// <summary>True when the Accept header names text/csv, so one address can answer JSON or CSV.</summary>
    public static bool AcceptsCsv(HttpRequest request) => CsvResults.Wants(request);

    /// <summary>A header row and data rows, CRLF line ends; fields holding a comma, quote or line break are quoted.</summary>
    public static string Write(IEnumerable<string> header, IEnumerable<IEnumerable<string?>> rows) => Content.CsvWriter.Write(header, rows);

    /// <summary>Numbers exactly as stored (round-trip), in invariant culture, so a CSV reads back to the same value.</summary>
    public static string Number(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "";

    public static FileContentHttpResult File(string csv, string downloadName) =>
        TypedResults.File(Encoding.UTF8.GetBytes(csv), MediaType + "; charset=utf-8", downloadName);
}
