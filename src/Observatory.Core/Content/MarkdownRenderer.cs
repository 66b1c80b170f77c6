using System.Text.RegularExpressions;
using Markdig;
using Markdig.Renderers.Html.Inlines;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Observatory.Content;

/// <summary>
/// Turns Markdown (documentation, evidence item bodies) into HTML styled with GOV.UK classes. Raw HTML in the
/// Markdown is not passed through and only http(s), mailto and site-relative links survive, so text written by
/// users cannot inject markup or script.
/// </summary>
public static partial class MarkdownRenderer
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UsePipeTables()
        .UseAutoLinks()
        .Build();

    public static string ToGovUkHtml(string markdown)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        foreach (var link in document.Descendants<LinkInline>())
        {
            if (!IsSafeUrl(link.Url))
            {
                link.Url = "#";
            }
        }
        var tableLabels = new Queue<string>(TableLabels(document));
        var html = document.ToHtml(Pipeline);
        return Classes().Replace(html, m => m.Groups[1].Value switch
        {
            // A table may be wider than a phone: it scrolls in a labelled, focusable region of its own, the markup of
            // Observatory.Rendering's TableRegion (which Core cannot call), so the page itself still fits 320 px.
            "table" => $"<div class=\"app-table-region\" role=\"region\" aria-label=\"{System.Net.WebUtility.HtmlEncode(tableLabels.Count > 0 ? tableLabels.Dequeue() : "Table")}\" tabindex=\"0\"><table class=\"govuk-table\">",
            "/table" => "</table></div>",
            "h1" => "<h1 class=\"govuk-heading-xl\">",
            "h2" => "<h2 class=\"govuk-heading-l\">",
            "h3" => "<h3 class=\"govuk-heading-m\">",
            "h4" => "<h4 class=\"govuk-heading-s\">",
            "p" => "<p class=\"govuk-body\">",
            "ul" => "<ul class=\"govuk-list govuk-list--bullet\">",
            "ol" => "<ol class=\"govuk-list govuk-list--number\">",
            "thead" => "<thead class=\"govuk-table__head\">",
            "tbody" => "<tbody class=\"govuk-table__body\">",
            "tr" => "<tr class=\"govuk-table__row\">",
            "th" => "<th scope=\"col\" class=\"govuk-table__header\">",
            "td" => "<td class=\"govuk-table__cell\">",
            "pre" => "<pre class=\"app-pre\" tabindex=\"0\">",
            "blockquote" => "<div class=\"govuk-inset-text\">",
            "/blockquote" => "</div>",
            _ => m.Value,
        }).Replace("<a href=", "<a class=\"govuk-link\" href=", StringComparison.Ordinal);
    }

    /// <summary>
    /// A name for each table's region, in document order: the heading it sits under ("Table: Columns"), numbered when
    /// one heading has several tables, since two regions of a page must not share a name.
    /// </summary>
    private static IEnumerable<string> TableLabels(MarkdownDocument document)
    {
        var heading = "";
        var used = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var block in document.Descendants<Block>())
        {
            if (block is HeadingBlock { Inline: { } inline })
            {
                heading = string.Concat(inline.Descendants<Inline>().Select(i => i switch
                {
                    LiteralInline literal => literal.Content.ToString(),
                    CodeInline code => code.Content,
                    _ => "",
                })).Trim();
            }
            else if (block is Markdig.Extensions.Tables.Table)
            {
                var label = heading.Length > 0 ? $"Table: {heading}" : "Table";
                var n = used[label] = used.GetValueOrDefault(label) + 1;
                yield return n == 1 ? label : $"{label} ({n})";
            }
        }
    }

    /// <summary>The text of Markdown without markup, for search and summaries.</summary>
    public static string ToPlainText(string markdown) => Markdown.ToPlainText(markdown, Pipeline).Trim();

    public static bool IsSafeUrl(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return false;
        }
        if (url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) || url.StartsWith('#'))
        {
            return true;
        }
        return Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "mailto";
    }

    [GeneratedRegex("<(h[1-4]|p|ul|ol|table|/table|thead|tbody|tr|th|td|pre|blockquote|/blockquote)>")]
    private static partial Regex Classes();
}
