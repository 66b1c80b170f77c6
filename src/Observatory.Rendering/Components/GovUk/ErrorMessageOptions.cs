using System.Text.Json.Serialization;

namespace Observatory.Rendering.Components.GovUk;

/// <summary>Options for <see cref="GovUk.ErrorMessage"/>, and the error message of every form control.</summary>
public sealed class ErrorMessageOptions
{
    public string? Text { get; set; }

    public string? Html { get; set; }

    /// <summary>Ignored when the message belongs to a form control, which derives <c>{id}-error</c> itself.</summary>
    public string? Id { get; set; }

    public string? Classes { get; set; }

    [JsonConverter(typeof(AttributesJsonConverter))]
    public Dictionary<string, string>? Attributes { get; set; }

    /// <summary>Defaults to "Error" when null; an empty string removes the prefix altogether.</summary>
    public string? VisuallyHiddenText { get; set; }
}
