using System.Text.Json.Serialization;

namespace Observatory.Rendering.Components.GovUk;

/// <summary>Options for <see cref="GovUk.Hint"/>, and the hint of every form control.</summary>
public sealed class HintOptions
{
    public string? Text { get; set; }

    public string? Html { get; set; }

    /// <summary>Ignored when the hint belongs to a form control, which derives <c>{id}-hint</c> itself.</summary>
    public string? Id { get; set; }

    public string? Classes { get; set; }

    [JsonConverter(typeof(AttributesJsonConverter))]
    public Dictionary<string, string>? Attributes { get; set; }
}
