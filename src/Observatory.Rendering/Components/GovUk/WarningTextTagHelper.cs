using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Observatory.Rendering.Components.GovUk;

/// <summary><c>&lt;govuk-warning-text&gt;…&lt;/govuk-warning-text&gt;</c>.</summary>
[HtmlTargetElement("govuk-warning-text")]
public sealed class WarningTextTagHelper : TagHelper
{
    /// <summary>Read out before the warning by screen readers; defaults to "Warning".</summary>
    [HtmlAttributeName("icon-fallback-text")]
    public string? IconFallbackText { get; set; }

    [HtmlAttributeName("classes")]
    public string? Classes { get; set; }

    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var html = await TagHelperSupport.ChildHtmlAsync(output);
        var (classes, attributes) = TagHelperSupport.UnboundAttributes(output, Classes);
        TagHelperSupport.Replace(output, GovUk.WarningText(new WarningTextOptions
        {
            Html = html,
            IconFallbackText = IconFallbackText,
            Classes = classes,
            Attributes = attributes,
        }));
    }
}
