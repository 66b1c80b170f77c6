using Microsoft.AspNetCore.Http.HttpResults;
using Observatory.Content;
using Observatory.Indicators;

namespace Observatory.Web.Features.Shared;

/// <summary>
/// XLSX answers beside the CSV ones: the same table, written from the CSV by the one <see cref="SpreadsheetWriter"/>,
/// with a notes sheet naming the sources, their licences and when the file was made. A client asks with a path ending
/// in <c>.xlsx</c> or <c>?format=xlsx</c>, wherever the CSV is offered.
/// </summary>
public static class SpreadsheetResults
{
    public const string ContentType = SpreadsheetWriter.ContentType;

    public const string Extension = SpreadsheetWriter.Extension;

    /// <summary>Where the Observatory's places come from (data/places/PROVENANCE.md).</summary>
    public static readonly IReadOnlyList<SpreadsheetSource> Places =
    [
        new("Office for National Statistics: hierarchy of UK areas (Explore Local Statistics)", "https://github.com/ONSdigital/explore-local-statistics-app", "Open Government Licence v3.0"),
        new("mySociety: UK local authority names and codes", "https://github.com/mysociety/uk_local_authority_names_and_codes", "Creative Commons Attribution 4.0 International"),
    ];

    /// <summary>Splits a trailing ".xlsx" off a route value, as <see cref="CsvResults.StripExtension"/> does for ".csv".</summary>
    public static string StripExtension(string value, out bool xlsx)
    {
        ArgumentNullException.ThrowIfNull(value);
        xlsx = value.EndsWith(Extension, StringComparison.OrdinalIgnoreCase);
        return xlsx ? value[..^Extension.Length] : value;
    }

    /// <summary>True for <c>?format=xlsx</c>.</summary>
    public static bool Wants(string? format) => string.Equals(format, "xlsx", StringComparison.OrdinalIgnoreCase);

    /// <summary>A CSV document as an XLSX download, with its notes.</summary>
    public static FileContentHttpResult File(string csv, SpreadsheetNotes notes, string downloadName) =>
        TypedResults.File(SpreadsheetWriter.FromCsv(csv, notes), ContentType, downloadName);

    /// <summary>The notes for a download made now.</summary>
    public static SpreadsheetNotes Notes(string title, TimeProvider clock, params IEnumerable<SpreadsheetSource> sources)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return new SpreadsheetNotes(title, [.. sources.DistinctBy(s => s.Name + "\n" + s.Url)], clock.GetUtcNow());
    }

    /// <summary>An indicator dataset's publisher, address and licence as its catalogue entry gives them.</summary>
    public static SpreadsheetSource Source(IndicatorDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        return new SpreadsheetSource($"{dataset.Source.Organisation}: {dataset.Name}", dataset.Source.Url, LicenceName(dataset.Source.Licence));
    }

    /// <summary>A licence's full name for a reader, from the catalogue's identifier.</summary>
    public static string LicenceName(string licence) => licence switch
    {
        "OGL-3.0" => "Open Government Licence v3.0",
        "CC-BY-4.0" => "Creative Commons Attribution 4.0 International",
        _ => licence,
    };
}
