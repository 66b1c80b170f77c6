using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace Observatory.Rendering.Components.GovUk;

public static class HtmlContentExtensions
{
    /// <summary>
    /// The markup as a string, for nesting one component in another's <c>Html</c> option
    /// (for example a table inside details).
    /// </summary>
    public static string ToHtmlString(this IHtmlContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (content is HtmlString html)
        {
            return html.Value ?? string.Empty;
        }

        using var writer = new StringWriter();
        content.WriteTo(writer, HtmlEncoder.Default);
        return writer.ToString();
    }
}
