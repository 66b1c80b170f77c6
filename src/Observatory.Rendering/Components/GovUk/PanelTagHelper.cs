using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Observatory.Rendering.Components.GovUk;

/// <summary><c>&lt;govuk-panel title-text="Import complete"&gt;body&lt;/govuk-panel&gt;</c>; the body is optional.</summary>
[HtmlTargetElement("govuk-panel")]
public sealed class PanelTagHelper : TagHelper
{
    [HtmlAttributeName("title-text")]
    public string? TitleText { get; set; }

    [HtmlAttributeName("title-html")]
    public string? TitleHtml { get; set; }

    [HtmlAttributeName("heading-level")]
    public int? HeadingLevel { get; set; }

    [HtmlAttributeName("classes")]
    public string? Classes { get; set; }

    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var html = await TagHelperSupport.ChildHtmlAsync(output);
        var (classes, attributes) = TagHelperSupport.UnboundAttributes(output, Classes);
        TagHelperSupport.Replace(output, GovUk.Panel(new PanelOptions
        {
            TitleText = TitleText,
            TitleHtml = TitleHtml,
            HeadingLevel = HeadingLevel,
            Html = html,
            Classes = classes,
            Attributes = attributes,
        }));
    }
}
