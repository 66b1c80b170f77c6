using System.Text.Json.Serialization;

namespace Observatory.Rendering.Components.GovUk;

public sealed class PhaseBannerOptions
{
    public string? Text { get; set; }

    public string? Html { get; set; }

    /// <summary>The phase, for example <c>new() { Text = "Beta" }</c>.</summary>
    public TagOptions? Tag { get; set; }

    public string? Classes { get; set; }

    [JsonConverter(typeof(AttributesJsonConverter))]
    public Dictionary<string, string>? Attributes { get; set; }
}
