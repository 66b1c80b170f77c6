using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Observatory.Rendering.Components.GovUk;

/// <summary><c>&lt;govuk-inset-text&gt;…&lt;/govuk-inset-text&gt;</c>.</summary>
[HtmlTargetElement("govuk-inset-text")]
public sealed class InsetTextTagHelper : TagHelper
{
    [HtmlAttributeName("classes")]
    public string? Classes { get; set; }

    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var html = await TagHelperSupport.ChildHtmlAsync(output);
        var (classes, attributes) = TagHelperSupport.UnboundAttributes(output, Classes);
        TagHelperSupport.Replace(output, GovUk.InsetText(new InsetTextOptions { Html = html, Classes = classes, Attributes = attributes }));
    }
}
