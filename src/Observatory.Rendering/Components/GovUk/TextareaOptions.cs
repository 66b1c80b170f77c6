using System.Text.Json.Serialization;

namespace Observatory.Rendering.Components.GovUk;

public sealed class TextareaOptions
{
    /// <summary>Defaults to <see cref="Name"/>.</summary>
    public string? Id { get; set; }

    public string? Name { get; set; }

    public bool? Spellcheck { get; set; }

    /// <summary>Defaults to 5.</summary>
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
    public int? Rows { get; set; }

    public string? Value { get; set; }

    public bool Disabled { get; set; }

    public string? DescribedBy { get; set; }

    public LabelOptions? Label { get; set; }

    public HintOptions? Hint { get; set; }

    public ErrorMessageOptions? ErrorMessage { get; set; }

    public FormGroupOptions? FormGroup { get; set; }

    public string? Classes { get; set; }

    public string? Autocomplete { get; set; }

    [JsonConverter(typeof(AttributesJsonConverter))]
    public Dictionary<string, string>? Attributes { get; set; }
}
