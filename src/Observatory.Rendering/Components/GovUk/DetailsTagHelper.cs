using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Observatory.Rendering.Components.GovUk;

/// <summary><c>&lt;govuk-details summary-text="Help with this"&gt;…&lt;/govuk-details&gt;</c>.</summary>
[HtmlTargetElement("govuk-details")]
public sealed class DetailsTagHelper : TagHelper
{
    [HtmlAttributeName("summary-text")]
    public string? SummaryText { get; set; }

    [HtmlAttributeName("summary-html")]
    public string? SummaryHtml { get; set; }

    [HtmlAttributeName("open")]
    public bool Open { get; set; }

    [HtmlAttributeName("classes")]
    public string? Classes { get; set; }

    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var html = await TagHelperSupport.ChildHtmlAsync(output);
        var (classes, attributes) = TagHelperSupport.UnboundAttributes(output, Classes);
        TagHelperSupport.Replace(output, GovUk.Details(new DetailsOptions
        {
            SummaryText = SummaryText,
            SummaryHtml = SummaryHtml,
            Html = html,
            Open = Open,
            Classes = classes,
            Attributes = attributes,
        }));
    }
}
