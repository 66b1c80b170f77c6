using Microsoft.AspNetCore.Html;
using Observatory.Rendering.Components.GovUk;

namespace Observatory.Rendering.Components;

/// <summary>
/// A table that may be wider than the screen, in a region of its own that scrolls sideways, so the page itself fits
/// 320 px (WCAG 2.2, 1.4.10 Reflow) and only the table scrolls. The region is labelled and focusable, so a keyboard
/// user can reach it and scroll it with the arrow keys, and a screen reader announces what it holds.
/// </summary>
/// <remarks>
/// Markdown tables (documentation, evidence bodies) are wrapped in the same markup by
/// <see cref="Observatory.Content.MarkdownRenderer"/>, which lives in Core and so cannot call this.
/// </remarks>
public static class TableRegion
{
    /// <summary>The class that makes the region scroll (wwwroot/css/observatory.css).</summary>
    public const string ClassName = "app-table-region";

    /// <summary>A GOV.UK table in a scrolling region named by <paramref name="label"/>, or by the table's caption.</summary>
    public static IHtmlContent Table(TableOptions options, string? label = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var name = HtmlBuilder.Has(label) ? label : options.Caption;
        if (!HtmlBuilder.Has(name))
        {
            throw new ArgumentException("A scrolling table needs a label or a caption: its region is announced by that name.", nameof(label));
        }
        return Wrap(name!, GovUk.GovUk.Table(options));
    }

    /// <summary>
    /// A table written out in a page, as a Razor template (<c>@TableRegion.Wrap("Members", @&lt;table …&gt;…&lt;/table&gt;)</c>),
    /// in a scrolling region named <paramref name="label"/>.
    /// </summary>
    public static IHtmlContent Wrap(string label, Func<object?, IHtmlContent> table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return Wrap(label, table(null));
    }

    /// <summary>Any table markup (e.g. one written out in a page) in a scrolling region named <paramref name="label"/>.</summary>
    public static IHtmlContent Wrap(string label, IHtmlContent table, string? classes = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(label);
        ArgumentNullException.ThrowIfNull(table);
        var b = new HtmlBuilder();
        b.StartTag("div").Class(ClassName, classes).Attr("role", "region").Attr("aria-label", label).Attr("tabindex", "0").EndTag();
        b.Raw(table.ToHtmlString());
        b.Close("div");
        return b.ToHtml();
    }
}
