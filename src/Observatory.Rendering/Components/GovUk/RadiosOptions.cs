using System.Text.Json.Serialization;

namespace Observatory.Rendering.Components.GovUk;

public sealed class RadiosOptions : ChoicesOptions
{
    [JsonConverter(typeof(FalsyItemsJsonConverter<RadiosItem>))]
    public IReadOnlyList<RadiosItem?>? Items { get; set; }

    /// <summary>Checks the item with this value.</summary>
    public string? Value { get; set; }
}

public sealed class RadiosItem : ChoiceItemOptions;
