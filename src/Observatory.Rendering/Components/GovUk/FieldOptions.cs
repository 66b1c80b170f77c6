using System.Text.Json.Serialization;

namespace Observatory.Rendering.Components.GovUk;

/// <summary>
/// What a single form field — a text input, a textarea, a select — has in common: its name and id, its value, and
/// the label, hint and error message of the form group around it.
/// </summary>
public abstract class FieldOptions
{
    /// <summary>Defaults to <see cref="Name"/>.</summary>
    public string? Id { get; set; }

    public string? Name { get; set; }

    /// <summary>The field's value; for a select, the item with this value (or, for items with no value, this text) is selected.</summary>
    [JsonConverter(typeof(LooseStringJsonConverter))]
    public string? Value { get; set; }

    public bool Disabled { get; set; }

    /// <summary>Ids of other elements that describe the field; the hint and error ids are added after these.</summary>
    public string? DescribedBy { get; set; }

    public LabelOptions? Label { get; set; }

    public HintOptions? Hint { get; set; }

    public ErrorMessageOptions? ErrorMessage { get; set; }

    public FormGroupOptions? FormGroup { get; set; }

    public string? Classes { get; set; }

    [JsonConverter(typeof(AttributesJsonConverter))]
    public Dictionary<string, string>? Attributes { get; set; }
}
