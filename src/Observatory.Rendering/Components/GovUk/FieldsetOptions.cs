using System.Text.Json.Serialization;

namespace Observatory.Rendering.Components.GovUk;

/// <summary>Options for <see cref="GovUk.Fieldset"/>, and the fieldset around radios, checkboxes and date inputs.</summary>
public sealed class FieldsetOptions
{
    public string? DescribedBy { get; set; }

    public LegendOptions? Legend { get; set; }

    public string? Classes { get; set; }

    public string? Role { get; set; }

    [JsonConverter(typeof(AttributesJsonConverter))]
    public Dictionary<string, string>? Attributes { get; set; }

    /// <summary>The fieldset's content; ignored when the fieldset wraps radios, checkboxes or a date input.</summary>
    public string? Html { get; set; }
}

public sealed class LegendOptions
{
    public string? Text { get; set; }

    public string? Html { get; set; }

    public string? Classes { get; set; }

    public bool IsPageHeading { get; set; }
}
