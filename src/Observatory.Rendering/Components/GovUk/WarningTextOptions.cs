using System.Text.Json.Serialization;

namespace Observatory.Rendering.Components.GovUk;

public sealed class WarningTextOptions : IElementOptions
{
    public string? Text { get; set; }

    public string? Html { get; set; }

    /// <summary>Read out before the warning by screen readers; defaults to "Warning".</summary>
    public string? IconFallbackText { get; set; }

    public string? Classes { get; set; }

    [JsonConverter(typeof(AttributesJsonConverter))]
    public Dictionary<string, string>? Attributes { get; set; }
}
