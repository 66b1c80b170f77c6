using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Observatory.Rendering.Components.GovUk;

/// <summary><c>&lt;govuk-tag classes="govuk-tag--green"&gt;Published&lt;/govuk-tag&gt;</c>.</summary>
[HtmlTargetElement("govuk-tag")]
public sealed class TagTagHelper() : ComponentTagHelper<TagOptions>(GovUk.Tag)
{
    protected override TagOptions Options() => new();
}
