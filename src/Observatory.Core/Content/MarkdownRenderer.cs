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
        var html = document.ToHtml(Pipeline);
        return Classes().Replace(html, m => m.Groups[1].Value switch
        {
            "h1" => "<h1 class=\"govuk-heading-xl\">",
            "h2" => "<h2 class=\"govuk-heading-l\">",
            "h3" => "<h3 class=\"govuk-heading-m\">",
            "h4" => "<h4 class=\"govuk-heading-s\">",
            "p" => "<p class=\"govuk-body\">",
            "ul" => "<ul class=\"govuk-list govuk-list--bullet\">",
            "ol" => "<ol class=\"govuk-list govuk-list--number\">",
            "table" => "<table class=\"govuk-table\">",
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

    [GeneratedRegex("<(h[1-4]|p|ul|ol|table|thead|tbody|tr|th|td|pre|blockquote|/blockquote)>")]
    private static partial Regex Classes();
}
