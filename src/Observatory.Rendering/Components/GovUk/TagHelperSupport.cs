using System.Net;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Observatory.Rendering.Components.GovUk;

/// <summary>What every GOV.UK tag helper does around its call to the <see cref="GovUk"/> renderer.</summary>
internal static class TagHelperSupport
{
    /// <summary>
    /// The attributes the tag helper did not bind (id, data-*, aria-*…) are passed through to the component,
    /// as they would be on a plain element; <c>class</c> joins the component's own classes.
    /// </summary>
    public static (string? Classes, Dictionary<string, string>? Attributes) UnboundAttributes(TagHelperOutput output, string? classes)
    {
        Dictionary<string, string>? attributes = null;
        foreach (var attribute in output.Attributes)
        {
            var value = ValueAsText(attribute);
            if (string.Equals(attribute.Name, "class", StringComparison.OrdinalIgnoreCase))
            {
                classes = HtmlBuilder.Classes(classes, value);
            }
            else
            {
                attributes ??= new Dictionary<string, string>(StringComparer.Ordinal);
                attributes[attribute.Name] = value;
            }
        }

        return (HtmlBuilder.Has(classes) ? classes : null, attributes);
    }

    /// <summary>The element's content as trusted HTML, or null when there is none (so text options still apply).</summary>
    public static async Task<string?> ChildHtmlAsync(TagHelperOutput output)
    {
        var content = await output.GetChildContentAsync();
        return content.IsEmptyOrWhiteSpace ? null : content.GetContent().Trim();
    }

    /// <summary>Replaces the custom element with the component's markup.</summary>
    public static void Replace(TagHelperOutput output, IHtmlContent html)
    {
        output.TagName = null;
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.Clear();
        output.Content.SetHtmlContent(html);
    }

    // Razor hands over literal and interpolated values already HTML-encoded; decode them so the renderer,
    // which encodes every attribute value, does not encode them twice.
    private static string ValueAsText(TagHelperAttribute attribute) =>
        attribute.Value switch
        {
            null => string.Empty,
            string text => text,
            IHtmlContent html => WebUtility.HtmlDecode(Render(html)),
            var other => other.ToString() ?? string.Empty,
        };

    private static string Render(IHtmlContent html)
    {
        using var writer = new StringWriter();
        html.WriteTo(writer, HtmlEncoder.Default);
        return writer.ToString();
    }
}
