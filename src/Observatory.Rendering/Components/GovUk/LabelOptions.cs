using System.Text.Json.Serialization;

namespace Observatory.Rendering.Components.GovUk;

/// <summary>Options for <see cref="GovUk.Label"/>, and the label of every form control.</summary>
public sealed class LabelOptions
{
    public string? Text { get; set; }

    public string? Html { get; set; }

    /// <summary>Ignored when the label belongs to a form control, which points it at the control's id.</summary>
    public string? For { get; set; }

    public bool IsPageHeading { get; set; }

    public string? Classes { get; set; }

    [JsonConverter(typeof(AttributesJsonConverter))]
    public Dictionary<string, string>? Attributes { get; set; }
}
