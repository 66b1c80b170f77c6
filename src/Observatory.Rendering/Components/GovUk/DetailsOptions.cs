using System.Text.Json.Serialization;

namespace Observatory.Rendering.Components.GovUk;

public sealed class DetailsOptions : IElementOptions
{
    public string? SummaryText { get; set; }

    public string? SummaryHtml { get; set; }

    public string? Text { get; set; }

    public string? Html { get; set; }

    public string? Id { get; set; }

    public bool Open { get; set; }

    public string? Classes { get; set; }

    [JsonConverter(typeof(AttributesJsonConverter))]
    public Dictionary<string, string>? Attributes { get; set; }
}
