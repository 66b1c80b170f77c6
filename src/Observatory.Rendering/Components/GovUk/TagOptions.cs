using System.Text.Json.Serialization;

namespace Observatory.Rendering.Components.GovUk;

public sealed class TagOptions : IElementOptions
{
    public string? Text { get; set; }

    public string? Html { get; set; }

    /// <summary>For example <c>govuk-tag--green</c>.</summary>
    public string? Classes { get; set; }

    [JsonConverter(typeof(AttributesJsonConverter))]
    public Dictionary<string, string>? Attributes { get; set; }
}
