using System.Net;
using Observatory.Frameworks;

namespace Observatory.Web.Features.Frameworks;

/// <summary>A citation as a page shows it: the document's title linked to where it is published, then the section.</summary>
public static class CitationHtml
{
    public static string Of(SourceCitation citation)
    {
        ArgumentNullException.ThrowIfNull(citation);
        var title = WebUtility.HtmlEncode(citation.DocumentTitle);
        var document = citation.DocumentUrl is { } url ? $"<a class=\"govuk-link\" href=\"{WebUtility.HtmlEncode(url)}\">{title}</a>" : title;
        return $"{document}, “{WebUtility.HtmlEncode(citation.Section)}”";
    }
}
