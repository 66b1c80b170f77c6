using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Observatory.Web.Features.Shared;

/// <summary>
/// CSV answers from the API, every one quoted and typed the same way: a client asks with <c>Accept: text/csv</c>
/// or a path ending in <c>.csv</c>. Fields are quoted as RFC 4180 says (Core's <see cref="Content.CsvWriter"/>),
/// so spreadsheets and ONS tools read names such as "Kingston upon Hull, City of" as one field; numbers are
/// written exactly as stored (<see cref="Content.Numbers.RoundTrip"/>).
/// </summary>
public static class CsvResults
{
    public const string ContentType = "text/csv";

    public const string Extension = ".csv";

    /// <summary>One column: its header and how to read a row's field (null writes an empty field).</summary>
    public sealed record Column<T>(string Header, Func<T, string?> Value);

    /// <summary>True when the client asked for CSV by its Accept header (not for <c>*/*</c>: JSON stays the default).</summary>
    public static bool Wants(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals(ContentType, StringComparison.OrdinalIgnoreCase) && a.Quality is not 0);
    }

    /// <summary>
    /// Splits a trailing ".csv" off a route value (<c>E08000010.csv</c> → <c>E08000010</c>), so one route serves
    /// both forms.
    /// </summary>
    public static string StripExtension(string value, out bool csv)
    {
        ArgumentNullException.ThrowIfNull(value);
        csv = value.EndsWith(Extension, StringComparison.OrdinalIgnoreCase);
        return csv ? value[..^Extension.Length] : value;
    }

    /// <summary>The rows as a CSV document: a header line, then one line per row, each ended by CRLF.</summary>
    public static string Write<T>(IEnumerable<T> rows, IReadOnlyList<Column<T>> columns)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(columns);
        return Content.CsvWriter.Write(columns.Select(c => c.Header), rows.Select(row => columns.Select(c => c.Value(row))));
    }

    /// <summary>A table as a CSV response, with a file name so a browser saves it rather than showing it.</summary>
    public static ContentHttpResult Csv<T>(IEnumerable<T> rows, IReadOnlyList<Column<T>> columns, string fileName, HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        // The header line is always there; saying so lets clients skip sniffing (RFC 4180 section 3).
        return TypedResults.Text(Write(rows, columns), $"{ContentType}; charset=utf-8; header=present", Encoding.UTF8);
    }

    /// <summary>A CSV file written elsewhere (an export in a published layout), as a download.</summary>
    public static FileContentHttpResult File(string csv, string downloadName) =>
        TypedResults.File(Encoding.UTF8.GetBytes(csv), ContentType + "; charset=utf-8", downloadName);
}
