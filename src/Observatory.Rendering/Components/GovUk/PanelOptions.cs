using System.Text.Json.Serialization;

namespace Observatory.Rendering.Components.GovUk;

public sealed class PanelOptions : IElementOptions
{
    public string? TitleText { get; set; }

    public string? TitleHtml { get; set; }

    /// <summary>Defaults to 1.</summary>
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
    public int? HeadingLevel { get; set; }

    public string? Text { get; set; }

    public string? Html { get; set; }

    /// <summary><c>govuk-panel--interruption</c> turns the confirmation panel into an interruption panel.</summary>
    public string? Classes { get; set; }

    [JsonConverter(typeof(AttributesJsonConverter))]
    public Dictionary<string, string>? Attributes { get; set; }

    /// <summary>Only shown on interruption panels.</summary>
    public PanelActions? Actions { get; set; }
}

public sealed class PanelActions
{
    public IReadOnlyList<PanelAction>? Items { get; set; }

    public string? Classes { get; set; }

    [JsonConverter(typeof(AttributesJsonConverter))]
    public Dictionary<string, string>? Attributes { get; set; }
}

public sealed class PanelAction
{
    public string? Text { get; set; }

    /// <summary>An action with no href, or of type <c>button</c>, is drawn as an inverse button.</summary>
    public string? Type { get; set; }

    public string? Href { get; set; }

    public string? Classes { get; set; }

    [JsonConverter(typeof(AttributesJsonConverter))]
    public Dictionary<string, string>? Attributes { get; set; }
}
