using System.Text.Json.Serialization;

namespace Observatory.Rendering.Components.GovUk;

public sealed class ErrorSummaryOptions
{
    public string? TitleText { get; set; }

    public string? TitleHtml { get; set; }

    public string? DescriptionText { get; set; }

    public string? DescriptionHtml { get; set; }

    public IReadOnlyList<ErrorSummaryItem>? ErrorList { get; set; }

    public bool? DisableAutoFocus { get; set; }

    public string? Classes { get; set; }

    [JsonConverter(typeof(AttributesJsonConverter))]
    public Dictionary<string, string>? Attributes { get; set; }
}

public sealed class ErrorSummaryItem
{
    /// <summary>Usually <c>#{id}</c> of the field in error, so the reader can jump to it.</summary>
    public string? Href { get; set; }

    public string? Text { get; set; }

    public string? Html { get; set; }

    [JsonConverter(typeof(AttributesJsonConverter))]
    public Dictionary<string, string>? Attributes { get; set; }
}
