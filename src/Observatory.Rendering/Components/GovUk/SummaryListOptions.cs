using System.Text.Json.Serialization;

namespace Observatory.Rendering.Components.GovUk;

public sealed class SummaryListOptions
{
    [JsonConverter(typeof(FalsyItemsJsonConverter<SummaryListRow>))]
    public IReadOnlyList<SummaryListRow?>? Rows { get; set; }

    /// <summary>Wraps the list in a summary card.</summary>
    public SummaryCard? Card { get; set; }

    public string? Classes { get; set; }

    [JsonConverter(typeof(AttributesJsonConverter))]
    public Dictionary<string, string>? Attributes { get; set; }
}

public sealed class SummaryListRow
{
    public string? Classes { get; set; }

    public SummaryListCell? Key { get; set; }

    public SummaryListCell? Value { get; set; }

    public SummaryListActions? Actions { get; set; }
}

public sealed class SummaryListCell
{
    public string? Text { get; set; }

    public string? Html { get; set; }

    public string? Classes { get; set; }
}

public sealed class SummaryListActions
{
    public IReadOnlyList<SummaryListAction>? Items { get; set; }

    public string? Classes { get; set; }
}

public sealed class SummaryListAction
{
    public string? Href { get; set; }

    public string? Text { get; set; }

    public string? Html { get; set; }

    /// <summary>Completes the link text for screen readers, for example "name" in "Change name".</summary>
    public string? VisuallyHiddenText { get; set; }

    public string? Classes { get; set; }

    [JsonConverter(typeof(AttributesJsonConverter))]
    public Dictionary<string, string>? Attributes { get; set; }
}

public sealed class SummaryCard
{
    public SummaryCardTitle? Title { get; set; }

    public SummaryListActions? Actions { get; set; }

    public string? Classes { get; set; }

    [JsonConverter(typeof(AttributesJsonConverter))]
    public Dictionary<string, string>? Attributes { get; set; }
}

public sealed class SummaryCardTitle
{
    public string? Text { get; set; }

    public string? Html { get; set; }

    /// <summary>Defaults to 2.</summary>
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
    public int? HeadingLevel { get; set; }

    public string? Classes { get; set; }
}
