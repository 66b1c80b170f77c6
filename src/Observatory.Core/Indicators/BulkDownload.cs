using System.IO.Compression;
using System.Text;
using Observatory.Places;

namespace Observatory.Indicators;

/// <summary>
/// Every indicator for every council as one ZIP: one ONS Explore Local Statistics CSV per indicator (the same file
/// as that indicator's own ELS download) and a CSV on the Web metadata file, <c>csv-metadata.json</c>, describing
/// every CSV in it. Built once per import and kept with the headline observations it was built from
/// (<see cref="HeadlineObservations.DerivedAsync{T}"/>), so a request never rebuilds it and a new import never
/// serves the old one.
/// </summary>
public sealed class BulkDownload(ObservationQueries queries, IndicatorCatalogue catalogue, PlaceRegistry places)
{
    public const string FileName = "observatory-indicators.zip";

    public const string MetadataFile = "csv-metadata.json";

    /// <summary>The ZIP for the current data, with the import it was built from.</summary>
    public async Task<BulkFile> CurrentAsync(CancellationToken cancellationToken = default)
    {
        var headlines = await queries.HeadlinesAsync(cancellationToken);
        return await headlines.DerivedAsync("indicators.zip", () => Task.FromResult(Build(headlines)));
    }

    private BulkFile Build(HeadlineObservations headlines)
    {
        var included = catalogue.Indicators.Select(i => (Indicator: i, Points: headlines.ForIndicator(i.Id))).Where(x => x.Points.Count > 0).ToList();
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (indicator, points) in included)
            {
                Write(zip, indicator.Id + ".csv", ObservationExport.ToElsCsv(indicator, points, places));
            }
            // Relative URLs: CSVW resolves each table's url against the metadata file's own place, inside the ZIP.
            Write(zip, MetadataFile, ObservationExport.ToCsvwGroupMetadata("Connected Places Observatory: every indicator for every council",
                included.Select(x => (x.Indicator, catalogue.FindDataset(x.Indicator.DatasetId)!, x.Indicator.Id + ".csv"))));
        }
        return new BulkFile(stream.ToArray(), headlines.LastImport, included.Count);
    }

    private static void Write(ZipArchive zip, string name, string text)
    {
        // A fixed time: the same data makes the same bytes, so a mirror or a browser can tell nothing changed.
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        entry.LastWriteTime = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
        using var writer = new StreamWriter(entry.Open(), new UTF8Encoding(false));
        writer.Write(text);
    }
}

/// <summary>The bulk ZIP's bytes, the import it holds data up to, and how many indicators it has.</summary>
public sealed record BulkFile(byte[] Content, long LastImport, int Indicators);
