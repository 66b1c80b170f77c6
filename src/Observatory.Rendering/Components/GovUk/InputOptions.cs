using System.Text.Json.Serialization;

namespace Observatory.Rendering.Components.GovUk;

public sealed class InputOptions
{
    /// <summary>Defaults to <see cref="Name"/>.</summary>
    public string? Id { get; set; }

    public string? Name { get; set; }

    /// <summary>Defaults to <c>text</c>.</summary>
    public string? Type { get; set; }

    public string? Inputmode { get; set; }

    [JsonConverter(typeof(LooseStringJsonConverter))]
    public string? Value { get; set; }

    public bool Disabled { get; set; }

    /// <summary>Ids of other elements that describe the input; the hint and error ids are added after these.</summary>
    public string? DescribedBy { get; set; }

    public LabelOptions? Label { get; set; }

    public HintOptions? Hint { get; set; }

    public ErrorMessageOptions? ErrorMessage { get; set; }

    public InputAffix? Prefix { get; set; }

    public InputAffix? Suffix { get; set; }

    public FormGroupOptions? FormGroup { get; set; }

    public string? Classes { get; set; }

    public string? Autocomplete { get; set; }

    public string? Pattern { get; set; }

    public bool? Spellcheck { get; set; }

    public string? Autocapitalize { get; set; }

    public InputWrapper? InputWrapper { get; set; }

    [JsonConverter(typeof(AttributesJsonConverter))]
    public Dictionary<string, string>? Attributes { get; set; }
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
