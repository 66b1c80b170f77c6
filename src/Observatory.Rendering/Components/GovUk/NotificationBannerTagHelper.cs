using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Observatory.Rendering.Components.GovUk;

/// <summary>
/// <c>&lt;govuk-notification-banner title-text="Success" type="success"&gt;…&lt;/govuk-notification-banner&gt;</c>;
/// the content is the banner's HTML, so wrap a headline in <c>&lt;p class="govuk-notification-banner__heading"&gt;</c>.
/// </summary>
[HtmlTargetElement("govuk-notification-banner")]
public sealed class NotificationBannerTagHelper() : ComponentTagHelper<NotificationBannerOptions>(GovUk.NotificationBanner)
{
    [HtmlAttributeName("title-text")]
    public string? TitleText { get; set; }

    [HtmlAttributeName("title-html")]
    public string? TitleHtml { get; set; }

    [HtmlAttributeName("title-heading-level")]
    public int? TitleHeadingLevel { get; set; }

    [HtmlAttributeName("title-id")]
    public string? TitleId { get; set; }

    [HtmlAttributeName("type")]
    public string? Type { get; set; }

    [HtmlAttributeName("role")]
    public string? Role { get; set; }

    [HtmlAttributeName("disable-auto-focus")]
    public bool? DisableAutoFocus { get; set; }

    protected override NotificationBannerOptions Options() => new()
    {
        TitleText = TitleText,
        TitleHtml = TitleHtml,
        TitleHeadingLevel = TitleHeadingLevel,
        TitleId = TitleId,
        Type = Type,
        Role = Role,
        DisableAutoFocus = DisableAutoFocus,
    };
}
