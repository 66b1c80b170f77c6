using System.Text.Json.Serialization;

namespace Observatory.Rendering.Components.GovUk;

public sealed class NotificationBannerOptions : IElementOptions
{
    /// <summary>Shown as the banner's heading paragraph.</summary>
    public string? Text { get; set; }

    /// <summary>The banner's whole content.</summary>
    public string? Html { get; set; }

    /// <summary>Defaults to "Important", or "Success" for the success type.</summary>
    public string? TitleText { get; set; }

    public string? TitleHtml { get; set; }

    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
    public int? TitleHeadingLevel { get; set; }

    /// <summary><c>success</c> is the only type; it also makes the banner an alert.</summary>
    public string? Type { get; set; }

    public string? Role { get; set; }

    /// <summary>Defaults to <c>govuk-notification-banner-title</c>.</summary>
    public string? TitleId { get; set; }

    public bool? DisableAutoFocus { get; set; }

    public string? Classes { get; set; }

    [JsonConverter(typeof(AttributesJsonConverter))]
    public Dictionary<string, string>? Attributes { get; set; }
}
