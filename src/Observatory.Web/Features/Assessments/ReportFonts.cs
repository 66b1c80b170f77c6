using PdfSharp.Fonts;

namespace Observatory.Web.Features.Assessments;

/// <summary>
/// The typeface of the PDF reports: Lato, regular and bold, carried inside the program (Fonts/, SIL Open Font
/// License 1.1) so a report looks the same on every server and needs no system font. PDFsharp asks its resolver for
/// every typeface by family name; whatever family is asked for, Lato answers, italic simulated.
/// </summary>
internal sealed class ReportFonts : IFontResolver
{
    public const string Family = "Lato";

    private const string Regular = "Lato-Regular";
    private const string Bold = "Lato-Bold";

    private static readonly Lock Gate = new();

    private readonly Dictionary<string, byte[]> _faces = new(StringComparer.Ordinal);

    /// <summary>Sets the resolver once for the process (PDFsharp keeps one, and refuses a change once fonts are used).</summary>
    public static void EnsureInstalled()
    {
        lock (Gate)
        {
            if (GlobalFontSettings.FontResolver is not ReportFonts)
            {
                GlobalFontSettings.FontResolver = new ReportFonts();
            }
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? Bold : Regular, mustSimulateBold: false, mustSimulateItalic: italic);

    public byte[]? GetFont(string faceName)
    {
        lock (_faces)
        {
            if (!_faces.TryGetValue(faceName, out var bytes))
            {
                using var stream = typeof(ReportFonts).Assembly.GetManifestResourceStream($"Observatory.Fonts.{faceName}.ttf")
                    ?? throw new InvalidOperationException($"The report font {faceName} is not embedded in the program.");
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                bytes = copy.ToArray();
                _faces[faceName] = bytes;
            }
            return bytes;
        }
    }
}
