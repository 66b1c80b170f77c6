using System.Text.Json.Serialization;

namespace Observatory.Rendering.Components.GovUk;

public sealed class TableOptions
{
    [JsonConverter(typeof(FalsyItemsJsonConverter<IReadOnlyList<TableCell>>))]
    public IReadOnlyList<IReadOnlyList<TableCell>?>? Rows { get; set; }

    public IReadOnlyList<TableCell>? Head { get; set; }

    public string? Caption { get; set; }

    public string? CaptionClasses { get; set; }

    public bool FirstCellIsHeader { get; set; }

    public string? Classes { get; set; }

    [JsonConverter(typeof(AttributesJsonConverter))]
    public Dictionary<string, string>? Attributes { get; set; }
}

[JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
public sealed class TableCell
{
    [JsonConverter(typeof(LooseStringJsonConverter))]
    public string? Text { get; set; }

    public string? Html { get; set; }

    /// <summary><c>numeric</c> right-aligns the cell.</summary>
    public string? Format { get; set; }

    public string? Classes { get; set; }

    public int? Colspan { get; set; }

    public int? Rowspan { get; set; }

    [JsonConverter(typeof(AttributesJsonConverter))]
    public Dictionary<string, string>? Attributes { get; set; }
}
