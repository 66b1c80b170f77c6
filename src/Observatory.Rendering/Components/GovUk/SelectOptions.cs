using System.Text.Json.Serialization;

namespace Observatory.Rendering.Components.GovUk;

public sealed class SelectOptions : FieldOptions
{
    [JsonConverter(typeof(FalsyItemsJsonConverter<SelectItem>))]
    public IReadOnlyList<SelectItem?>? Items { get; set; }
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
