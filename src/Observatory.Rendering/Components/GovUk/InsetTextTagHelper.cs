using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Observatory.Rendering.Components.GovUk;

/// <summary><c>&lt;govuk-inset-text&gt;…&lt;/govuk-inset-text&gt;</c>.</summary>
[HtmlTargetElement("govuk-inset-text")]
public sealed class InsetTextTagHelper() : ComponentTagHelper<InsetTextOptions>(GovUk.InsetText)
{
    protected override InsetTextOptions Options() => new();
}
