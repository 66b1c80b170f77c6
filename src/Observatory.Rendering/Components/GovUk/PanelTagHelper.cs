using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Observatory.Rendering.Components.GovUk;

/// <summary><c>&lt;govuk-panel title-text="Import complete"&gt;body&lt;/govuk-panel&gt;</c>; the body is optional.</summary>
[HtmlTargetElement("govuk-panel")]
public sealed class PanelTagHelper() : ComponentTagHelper<PanelOptions>(GovUk.Panel)
{
    [HtmlAttributeName("title-text")]
    public string? TitleText { get; set; }

    [HtmlAttributeName("title-html")]
    public string? TitleHtml { get; set; }

    [HtmlAttributeName("heading-level")]
    public int? HeadingLevel { get; set; }

    protected override PanelOptions Options() => new() { TitleText = TitleText, TitleHtml = TitleHtml, HeadingLevel = HeadingLevel };
}
