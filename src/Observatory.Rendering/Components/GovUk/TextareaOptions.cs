using System.Text.Json.Serialization;

namespace Observatory.Rendering.Components.GovUk;

public sealed class TextareaOptions : FieldOptions
{
    public bool? Spellcheck { get; set; }

    /// <summary>Defaults to 5.</summary>
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
    public int? Rows { get; set; }

    public string? Autocomplete { get; set; }
}
