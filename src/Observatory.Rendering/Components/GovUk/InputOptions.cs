using System.Text.Json.Serialization;

namespace Observatory.Rendering.Components.GovUk;

public sealed class InputOptions : FieldOptions
{
    /// <summary>Defaults to <c>text</c>.</summary>
    public string? Type { get; set; }

    public string? Inputmode { get; set; }

    public InputAffix? Prefix { get; set; }

    public InputAffix? Suffix { get; set; }

    public string? Autocomplete { get; set; }

    public string? Pattern { get; set; }

    public bool? Spellcheck { get; set; }

    public string? Autocapitalize { get; set; }

    public InputWrapper? InputWrapper { get; set; }
}

public sealed class InputAffix
{
    public string? Text { get; set; }

    public string? Html { get; set; }

    public string? Classes { get; set; }

    [JsonConverter(typeof(AttributesJsonConverter))]
    public Dictionary<string, string>? Attributes { get; set; }
}

public sealed class InputWrapper
{
    public string? Classes { get; set; }

    [JsonConverter(typeof(AttributesJsonConverter))]
    public Dictionary<string, string>? Attributes { get; set; }
}
