using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Observatory.Web.Features.Assessments;

/// <summary>
/// A4 pages written top to bottom: headings, wrapped paragraphs, bullet lists, tables whose heading row repeats on
/// each new page, and room kept for drawings. A block that does not fit starts a new page; every page is numbered
/// at the foot once all are written. Text in Windows' Western character set is written as text a reader can search
/// and copy; a line with any other character is written in the font's full character set, so no name is mangled.
/// </summary>
internal sealed class A4Layout
{
    public const double PageWidth = 595.28;
    public const double PageHeight = 841.89;
    public const double Margin = 50;
    public const double ContentWidth = PageWidth - 2 * Margin;

    private const double Bottom = PageHeight - Margin - 18;
    private const double CellPadding = 4;

    // Characters of Windows-1252 beyond Latin-1: with these and Latin-1, a line can be written as searchable text.
    private const string Windows1252Extras = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ";

    public static readonly XColor Ink = XColor.FromArgb(0x0b, 0x0c, 0x0c);
    public static readonly XColor Blue = XColor.FromArgb(0x1d, 0x70, 0xb8);
    public static readonly XColor Grey = XColor.FromArgb(0xb1, 0xb4, 0xb6);
    public static readonly XColor LightGrey = XColor.FromArgb(0xf3, 0xf2, 0xf1);

    private readonly PdfDocument _document;
    private readonly Dictionary<(double Size, bool Bold, bool Ansi), XFont> _fonts = [];
    private XGraphics _graphics = null!;

    public A4Layout(PdfDocument document)
    {
        ReportFonts.EnsureInstalled();
        _document = document;
        NewPage();
    }

    public double Y { get; private set; }

    public XGraphics Graphics => _graphics;

    public XFont Font(double size, bool bold = false, string? text = null)
    {
        var ansi = text is null || IsWindows1252(text);
        var key = (size, bold, ansi);
        if (!_fonts.TryGetValue(key, out var font))
        {
            font = new XFont(ReportFonts.Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular,
                new XPdfFontOptions(ansi ? PdfFontEncoding.WinAnsi : PdfFontEncoding.Unicode));
            _fonts[key] = font;
        }
        return font;
    }

    public static bool IsWindows1252(string text) => text.All(c => c < 0x80 || c is >= '\u00a0' and <= '\u00ff' || Windows1252Extras.Contains(c));

    public void NewPage()
    {
        _graphics?.Dispose();
        var page = _document.AddPage();
        page.Width = XUnit.FromPoint(PageWidth);
        page.Height = XUnit.FromPoint(PageHeight);
        _graphics = XGraphics.FromPdfPage(page);
        Y = Margin;
    }

    /// <summary>Starts a new page unless <paramref name="height"/> more fits on this one.</summary>
    public void Keep(double height)
    {
        if (Y + height > Bottom && Y > Margin)
        {
            NewPage();
        }
    }

    public void Space(double points) => Y += points;

    public void Heading(string text, double size)
    {
        var lines = Wrap(text, Font(size, true), ContentWidth);
        Keep(lines.Count * size * 1.25 + size * 2.5);
        Y += size * 0.6;
        Lines(lines, size, true, Margin, Ink);
        Y += size * 0.4;
    }

    public void Paragraph(string text, double size = 10.5, bool bold = false, XColor? colour = null)
    {
        var lines = Wrap(text, Font(size, bold), ContentWidth);
        Keep(lines.Count * size * 1.35);
        Lines(lines, size, bold, Margin, colour ?? Ink);
        Y += size * 0.6;
    }

    public void Bullets(IEnumerable<string> items, double size = 10.5)
    {
        foreach (var item in items)
        {
            var lines = Wrap(item, Font(size), ContentWidth - 14);
            Keep(lines.Count * size * 1.35);
            _graphics.DrawString("•", Font(size), new XSolidBrush(Ink), Margin + 2, Y, XStringFormats.TopLeft);
            Lines(lines, size, false, Margin + 14, Ink);
            Y += size * 0.4;
        }
        Y += size * 0.3;
    }

    /// <summary>A table: column widths as shares of the page's width, numeric columns aligned right; the heading row repeats on a new page.</summary>
    public void Table(IReadOnlyList<string> headings, IReadOnlyList<double> shares, IReadOnlyList<bool> numeric, IEnumerable<IReadOnlyList<string>> rows, double size = 9.5)
    {
        var widths = shares.Select(s => s * ContentWidth).ToList();
        Row(headings, widths, numeric, size, header: true, firstColumnBold: false, keepWithNext: size * 3);
        foreach (var row in rows)
        {
            var height = RowHeight(row, widths, size, false);
            if (Y + height > Bottom)
            {
                NewPage();
                Row(headings, widths, numeric, size, header: true, firstColumnBold: false, keepWithNext: 0);
            }
            Row(row, widths, numeric, size, header: false, firstColumnBold: true, keepWithNext: 0);
        }
        Y += size;
    }

    private double RowHeight(IReadOnlyList<string> cells, IReadOnlyList<double> widths, double size, bool header) =>
        cells.Select((c, i) => Wrap(c, Font(size, header || i == 0), widths[i] - 2 * CellPadding).Count).Max() * size * 1.3 + 2 * CellPadding;

    private void Row(IReadOnlyList<string> cells, IReadOnlyList<double> widths, IReadOnlyList<bool> numeric, double size, bool header, bool firstColumnBold, double keepWithNext)
    {
        var height = RowHeight(cells, widths, size, header);
        Keep(height + keepWithNext);
        var x = Margin;
        for (var i = 0; i < cells.Count; i++)
        {
            var bold = header || (firstColumnBold && i == 0);
            var lines = Wrap(cells[i], Font(size, bold), widths[i] - 2 * CellPadding);
            var y = Y + CellPadding;
            foreach (var line in lines)
            {
                var font = Font(size, bold, line);
                var left = numeric[i] ? x + widths[i] - CellPadding - _graphics.MeasureString(line, font).Width : x + CellPadding;
                _graphics.DrawString(line, font, new XSolidBrush(Ink), left, y, XStringFormats.TopLeft);
                y += size * 1.3;
            }
            x += widths[i];
        }
        Y += height;
        _graphics.DrawLine(new XPen(header ? Ink : Grey, header ? 1 : 0.5), Margin, Y, Margin + widths.Sum(), Y);
    }

    /// <summary>Lines of text at the cursor, moving it down.</summary>
    public void Lines(IEnumerable<string> lines, double size, bool bold, double x, XColor colour)
    {
        foreach (var line in lines)
        {
            _graphics.DrawString(line, Font(size, bold, line), new XSolidBrush(colour), x, Y, XStringFormats.TopLeft);
            Y += size * 1.3;
        }
    }

    /// <summary>Words broken into lines no wider than <paramref name="width"/>; a word wider than that is broken where it must be.</summary>
    public List<string> Wrap(string text, XFont font, double width)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.Replace("\r", "", StringComparison.Ordinal).Split('\n'))
        {
            var line = "";
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (_graphics.MeasureString(candidate, font).Width <= width)
                {
                    line = candidate;
                    continue;
                }
                if (line.Length > 0)
                {
                    lines.Add(line);
                }
                line = word;
                while (line.Length > 1 && _graphics.MeasureString(line, font).Width > width)
                {
                    var fits = line.Length - 1;
                    while (fits > 1 && _graphics.MeasureString(line[..fits], font).Width > width)
                    {
                        fits--;
                    }
                    lines.Add(line[..fits]);
                    line = line[fits..];
                }
            }
            lines.Add(line);
        }
        return lines;
    }

    /// <summary>Numbers every page at its foot, with what the document is, once all pages are written.</summary>
    public void Finish(string footer)
    {
        _graphics.Dispose();
        for (var i = 0; i < _document.PageCount; i++)
        {
            using var graphics = XGraphics.FromPdfPage(_document.Pages[i], XGraphicsPdfPageOptions.Append);
            var text = $"{footer} – page {i + 1} of {_document.PageCount}";
            graphics.DrawString(text, Font(8, false, text), new XSolidBrush(Ink), Margin, PageHeight - Margin + 4, XStringFormats.TopLeft);
        }
    }
}
