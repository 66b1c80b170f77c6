using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Observatory.Rendering.Components.GovUk;

/// <summary><c>&lt;govuk-warning-text&gt;…&lt;/govuk-warning-text&gt;</c>.</summary>
[HtmlTargetElement("govuk-warning-text")]
public sealed class WarningTextTagHelper() : ComponentTagHelper<WarningTextOptions>(GovUk.WarningText)
{
    /// <summary>Read out before the warning by screen readers; defaults to "Warning".</summary>
    [HtmlAttributeName("icon-fallback-text")]
    public string? IconFallbackText { get; set; }

    protected override WarningTextOptions Options() => new() { IconFallbackText = IconFallbackText };
}
