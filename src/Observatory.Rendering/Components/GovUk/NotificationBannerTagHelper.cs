using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Observatory.Rendering.Components.GovUk;

/// <summary>
/// <c>&lt;govuk-notification-banner title-text="Success" type="success"&gt;…&lt;/govuk-notification-banner&gt;</c>;
/// the content is the banner's HTML, so wrap a headline in <c>&lt;p class="govuk-notification-banner__heading"&gt;</c>.
/// </summary>
[HtmlTargetElement("govuk-notification-banner")]
public sealed class NotificationBannerTagHelper : TagHelper
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

    [HtmlAttributeName("classes")]
    public string? Classes { get; set; }

    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var html = await TagHelperSupport.ChildHtmlAsync(output);
        var (classes, attributes) = TagHelperSupport.UnboundAttributes(output, Classes);
        TagHelperSupport.Replace(output, GovUk.NotificationBanner(new NotificationBannerOptions
        {
            Html = html,
            TitleText = TitleText,
            TitleHtml = TitleHtml,
            TitleHeadingLevel = TitleHeadingLevel,
            TitleId = TitleId,
            Type = Type,
            Role = Role,
            DisableAutoFocus = DisableAutoFocus,
            Classes = classes,
            Attributes = attributes,
        }));
    }
}
