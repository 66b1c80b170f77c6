using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Observatory.Rendering.Components.GovUk;

/// <summary><c>&lt;govuk-tag classes="govuk-tag--green"&gt;Published&lt;/govuk-tag&gt;</c>.</summary>
[HtmlTargetElement("govuk-tag")]
public sealed class TagTagHelper : TagHelper
{
    [HtmlAttributeName("classes")]
    public string? Classes { get; set; }

    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var html = await TagHelperSupport.ChildHtmlAsync(output);
        var (classes, attributes) = TagHelperSupport.UnboundAttributes(output, Classes);
        TagHelperSupport.Replace(output, GovUk.Tag(new TagOptions { Html = html, Classes = classes, Attributes = attributes }));
    }
}
