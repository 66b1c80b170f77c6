using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Observatory.Accounts;
using Observatory.Content;
using Observatory.Evidence;
using Observatory.Frameworks;
using Observatory.Web.Features.Shared;

namespace Observatory.Web.Features.Evidence;

/// <summary>
/// The evidence and gap map: one framework's elements against another's (by default the place-making areas of
/// focus against the 4Rs), each cell the number of published items tagged with both, and an empty cell a gap. An
/// unknown framework or kind is answered with 400 and an error beside its selector, with the default map beneath.
/// </summary>
public sealed class GapsModel(EvidenceCounts counts, FrameworkLibrary frameworks, CurrentActor current, TimeProvider clock) : PageModel
{
    public FrameworkCatalogue Catalogue { get; private set; } = null!;
    public GapMatrix Matrix { get; private set; } = null!;
    public FormErrors Errors { get; } = new();

    /// <summary>Set when a kind did not belong to the framework chosen with it, so the framework's own kind was used.</summary>
    public IReadOnlyList<string> Notes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string? rows, string? rowKind, string? columns, string? columnKind, string? format, CancellationToken cancellationToken)
    {
        Catalogue = await frameworks.GetCatalogueAsync(cancellationToken);
        var notes = new List<string>();
        var rowAxis = Choose("rows", "rowKind", rows, rowKind, EvidenceCounts.DefaultRowFramework, EvidenceCounts.DefaultRowKind, notes);
        var columnAxis = Choose("columns", "columnKind", columns, columnKind, EvidenceCounts.DefaultColumnFramework, EvidenceCounts.DefaultColumnKind, notes);
        if (format is { Length: > 0 } && format is not "csv" and not "xlsx")
        {
            Errors.Add("format", $"‘{format}’ is not a download format. The matrix downloads as csv or xlsx");
        }
        Notes = notes;
        Matrix = await counts.GapsAsync(current.Actor, rowAxis, columnAxis, cancellationToken);
        if (Errors.Any)
        {
            foreach (var field in new[] { "rows", "rowKind", "columns", "columnKind", "format" })
            {
                if (Errors.For(field) is { } message)
                {
                    ModelState.AddModelError(field, message.Text!);
                }
            }
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var name = $"evidence-gaps-{rowAxis.Framework.Id}-{rowAxis.Kind}-by-{columnAxis.Framework.Id}-{columnAxis.Kind}";
        if (format == "csv")
        {
            return File(Encoding.UTF8.GetBytes(Csv()), "text/csv; charset=utf-8", name + ".csv");
        }
        if (format == "xlsx")
        {
            var about = SpreadsheetResults.Notes($"Evidence and gap map: {rowAxis.Framework.Name} ({rowAxis.Kind}) by {columnAxis.Framework.Name} ({columnAxis.Kind}), published items in each pairing",
                clock, SpreadsheetNotes.EvidenceDocuments, SpreadsheetNotes.Observatory);
            return File(SpreadsheetWriter.FromCsv(Csv(), about), SpreadsheetWriter.ContentType, name + SpreadsheetWriter.Extension);
        }
        return Page();
    }

    /// <summary>The kind shown by default for a framework: its most numerous, the first of a tie (areas of focus, not outcomes).</summary>
    public static string DefaultKind(Framework framework) =>
        framework.CountsByKind().OrderByDescending(k => k.Count).Select(k => k.Kind).FirstOrDefault() ?? "";

    private GapAxis Choose(string frameworkField, string kindField, string? frameworkId, string? kind, string defaultFramework, string defaultKind, List<string> notes)
    {
        var framework = Catalogue.Find(defaultFramework)!;
        var chosenKind = defaultKind;
        if (!string.IsNullOrWhiteSpace(frameworkId))
        {
            if (Catalogue.Find(frameworkId.Trim()) is { } found)
            {
                framework = found;
                chosenKind = found.Id == defaultFramework ? defaultKind : DefaultKind(found);
            }
            else
            {
                Errors.Add(frameworkField, $"‘{frameworkId}’ is not a framework the Observatory knows. Choose one from the list");
                return EvidenceCounts.Axis(framework, chosenKind);
            }
        }
        if (!string.IsNullOrWhiteSpace(kind))
        {
            var wanted = kind.Trim();
            var kinds = framework.CountsByKind().Select(k => k.Kind).ToList();
            if (kinds.Contains(wanted))
            {
                chosenKind = wanted;
            }
            else if (Catalogue.Frameworks.Any(f => f.AllElements().Any(e => e.Kind == wanted)))
            {
                // The kind selector still held the previous framework's kind: use this framework's own, and say so.
                notes.Add($"{framework.Name} has no {ElementKinds.Plural(wanted)}, so its {ElementKinds.Plural(chosenKind)} are shown.");
            }
            else
            {
                Errors.Add(kindField, $"‘{wanted}’ is not a kind of element in {framework.Name}. Choose {string.Join(", ", kinds.Select(ElementKinds.Singular))}");
            }
        }
        return EvidenceCounts.Axis(framework, chosenKind);
    }

    /// <summary>
    /// The evidence list for one cell, with the shared filters: an element with none within it must be carried
    /// ("all"), a broader one through any of its elements ("element"). The list cannot ask for two such "any of"
    /// groups at once, so a cell whose row and column both have elements within them has no link (null).
    /// </summary>
    public string? CellHref(int row, int column) => Href(Matrix.Rows.Scope(row), Matrix.Columns.Scope(column));

    /// <summary>The list for a row's total: the row element and any column element.</summary>
    public string? RowTotalHref(int row) =>
        Href(Matrix.Rows.Scope(row), [.. Enumerable.Range(0, Matrix.Columns.Elements.Count).SelectMany(Matrix.Columns.Scope).Distinct()]);

    public string? ColumnTotalHref(int column) =>
        Href(Matrix.Columns.Scope(column), [.. Enumerable.Range(0, Matrix.Rows.Elements.Count).SelectMany(Matrix.Rows.Scope).Distinct()]);

    private static string? Href(IReadOnlyList<ElementRef> first, IReadOnlyList<ElementRef> second)
    {
        if (first.Count > 1 && second.Count > 1)
        {
            return null;
        }
        var all = new[] { first, second }.Where(side => side.Count == 1).Select(side => side[0]).Distinct();
        var any = new[] { first, second }.Where(side => side.Count > 1).SelectMany(side => side);
        return "/evidence?" + string.Join("&", all.Select(r => "all=" + Uri.EscapeDataString(r.ToString()))
            .Concat(any.Select(r => "element=" + Uri.EscapeDataString(r.ToString()))));
    }

    public string Query(string? format = null)
    {
        var m = Matrix;
        var query = $"rows={Uri.EscapeDataString(m.Rows.Framework.Id)}&rowKind={Uri.EscapeDataString(m.Rows.Kind)}&columns={Uri.EscapeDataString(m.Columns.Framework.Id)}&columnKind={Uri.EscapeDataString(m.Columns.Kind)}";
        return format is null ? query : query + "&format=" + format;
    }

    /// <summary>The matrix as CSV: one row per row element, one column per column element, then the totals.</summary>
    private string Csv()
    {
        var m = Matrix;
        var header = new[] { m.Rows.Framework.Id + "/" + m.Rows.Kind }.Concat(m.Columns.Elements.Select(e => e.Ref.ToString())).Append("total");
        var lines = m.Rows.Elements.Select((e, r) => new[] { e.Ref.ToString() }
            .Concat(m.Cells[r].Select(c => c.ToString(CultureInfo.InvariantCulture)))
            .Append(m.RowTotals[r].ToString(CultureInfo.InvariantCulture)))
            .Append(new[] { "total" }.Concat(m.ColumnTotals.Select(c => c.ToString(CultureInfo.InvariantCulture))).Append(m.Total.ToString(CultureInfo.InvariantCulture)));
        return CsvWriter.Write(header, lines);
    }
}
