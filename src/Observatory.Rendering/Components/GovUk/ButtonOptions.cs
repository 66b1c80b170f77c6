using System.Text.Json.Serialization;

namespace Observatory.Rendering.Components.GovUk;

public sealed class ButtonOptions : IElementOptions
{
    public string? Text { get; set; }

    public string? Html { get; set; }

    /// <summary>Defaults to <c>submit</c>; ignored for link buttons.</summary>
    public string? Type { get; set; }

    public string? Name { get; set; }

    public string? Value { get; set; }

    public bool Disabled { get; set; }

    /// <summary>Makes the button a link styled as a button.</summary>
    public string? Href { get; set; }

    /// <summary>For example <c>govuk-button--secondary</c> or <c>govuk-button--warning</c>.</summary>
    public string? Classes { get; set; }

    [JsonConverter(typeof(AttributesJsonConverter))]
    public Dictionary<string, string>? Attributes { get; set; }

    public bool? PreventDoubleClick { get; set; }

    public bool IsStartButton { get; set; }

    public string? Id { get; set; }
}
