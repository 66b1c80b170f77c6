using System.Text.Json.Serialization;

namespace Observatory.Rendering.Components.GovUk;

/// <summary>Options for <see cref="GovUk.GenericHeader"/>, the header for services that are not on GOV.UK.</summary>
public sealed class GenericHeaderOptions
{
    /// <summary>Where the logo links to; defaults to <c>/</c>.</summary>
    public string? Url { get; set; }

    public string? LogoText { get; set; }

    public string? LogoHtml { get; set; }

    /// <summary>Defaults to <c>govuk-width-container</c>.</summary>
    public string? ContainerClasses { get; set; }

    public string? Classes { get; set; }

    [JsonConverter(typeof(AttributesJsonConverter))]
    public Dictionary<string, string>? Attributes { get; set; }
}
