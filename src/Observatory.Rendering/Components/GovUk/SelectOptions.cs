using System.Text.Json.Serialization;

namespace Observatory.Rendering.Components.GovUk;

public sealed class SelectOptions
{
    /// <summary>Defaults to <see cref="Name"/>.</summary>
    public string? Id { get; set; }

    public string? Name { get; set; }

    [JsonConverter(typeof(FalsyItemsJsonConverter<SelectItem>))]
    public IReadOnlyList<SelectItem?>? Items { get; set; }

    /// <summary>Selects the item with this value (or, for items with no value, this text).</summary>
    [JsonConverter(typeof(LooseStringJsonConverter))]
    public string? Value { get; set; }

    public bool Disabled { get; set; }

    public string? DescribedBy { get; set; }

    public LabelOptions? Label { get; set; }

    public HintOptions? Hint { get; set; }

    public ErrorMessageOptions? ErrorMessage { get; set; }

    public FormGroupOptions? FormGroup { get; set; }

    public string? Classes { get; set; }

    [JsonConverter(typeof(AttributesJsonConverter))]
    public Dictionary<string, string>? Attributes { get; set; }
}

public sealed class SelectItem
{
    /// <summary>When null the option has no value attribute, so the browser submits its text.</summary>
    [JsonConverter(typeof(LooseStringJsonConverter))]
    public string? Value { get; set; }

    public string? Text { get; set; }

    /// <summary>Overrides <see cref="SelectOptions.Value"/>; <c>false</c> deselects even a matching item.</summary>
    public bool? Selected { get; set; }

    public bool Disabled { get; set; }

    [JsonConverter(typeof(AttributesJsonConverter))]
    public Dictionary<string, string>? Attributes { get; set; }
}
