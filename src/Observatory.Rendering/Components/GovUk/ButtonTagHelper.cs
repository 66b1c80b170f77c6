using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Observatory.Rendering.Components.GovUk;

/// <summary>
/// <c>&lt;govuk-button&gt;Save&lt;/govuk-button&gt;</c>; the content is the button's text or HTML. Use
/// <c>class="govuk-button--secondary"</c> (or <c>--warning</c>, <c>--inverse</c>) for the variants, and
/// <c>href</c> for a link that looks like a button.
/// </summary>
[HtmlTargetElement("govuk-button")]
public sealed class ButtonTagHelper() : ComponentTagHelper<ButtonOptions>(GovUk.Button)
{
    [HtmlAttributeName("href")]
    public string? Href { get; set; }

    [HtmlAttributeName("type")]
    public string? Type { get; set; }

    [HtmlAttributeName("name")]
    public string? Name { get; set; }

    [HtmlAttributeName("value")]
    public string? Value { get; set; }

    [HtmlAttributeName("disabled")]
    public bool Disabled { get; set; }

    [HtmlAttributeName("is-start-button")]
    public bool IsStartButton { get; set; }

    [HtmlAttributeName("prevent-double-click")]
    public bool? PreventDoubleClick { get; set; }

    protected override ButtonOptions Options() => new()
    {
        Href = Href,
        Type = Type,
        Name = Name,
        Value = Value,
        Disabled = Disabled,
        IsStartButton = IsStartButton,
        PreventDoubleClick = PreventDoubleClick,
    };
}
