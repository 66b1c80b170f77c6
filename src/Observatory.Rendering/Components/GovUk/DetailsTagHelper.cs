using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Observatory.Rendering.Components.GovUk;

/// <summary><c>&lt;govuk-details summary-text="Help with this"&gt;…&lt;/govuk-details&gt;</c>.</summary>
[HtmlTargetElement("govuk-details")]
public sealed class DetailsTagHelper() : ComponentTagHelper<DetailsOptions>(GovUk.Details)
{
    [HtmlAttributeName("summary-text")]
    public string? SummaryText { get; set; }

    [HtmlAttributeName("summary-html")]
    public string? SummaryHtml { get; set; }

    [HtmlAttributeName("open")]
    public bool Open { get; set; }

    protected override DetailsOptions Options() => new() { SummaryText = SummaryText, SummaryHtml = SummaryHtml, Open = Open };
}
