using System.Text.Json.Serialization;

namespace Observatory.Rendering.Components.GovUk;

public sealed class PaginationOptions
{
    [JsonConverter(typeof(FalsyItemsJsonConverter<PaginationItem>))]
    public IReadOnlyList<PaginationItem?>? Items { get; set; }

    public PaginationLink? Previous { get; set; }

    public PaginationLink? Next { get; set; }

    /// <summary>Defaults to "Pagination".</summary>
    public string? LandmarkLabel { get; set; }

    public string? Classes { get; set; }

    [JsonConverter(typeof(AttributesJsonConverter))]
    public Dictionary<string, string>? Attributes { get; set; }
}

public sealed class PaginationItem
{
    [JsonConverter(typeof(LooseStringJsonConverter))]
    public string? Number { get; set; }

    /// <summary>Defaults to "Page {number}".</summary>
    public string? VisuallyHiddenText { get; set; }

    public string? Href { get; set; }

    public bool Current { get; set; }

    /// <summary>Draws "⋯" in place of a run of pages.</summary>
    public bool Ellipsis { get; set; }

    [JsonConverter(typeof(AttributesJsonConverter))]
    public Dictionary<string, string>? Attributes { get; set; }

    /// <summary>The macro skips items with no properties at all (<c>{}</c>).</summary>
    internal bool IsEmpty =>
        Number is null && VisuallyHiddenText is null && Href is null && !Current && !Ellipsis && Attributes is null;
}

public sealed class PaginationLink
{
    /// <summary>Defaults to "Previous" or "Next" with a visually hidden " page".</summary>
    public string? Text { get; set; }

    public string? Html { get; set; }

    /// <summary>Shown under the link when there are no numbered items, for example "1 of 3".</summary>
    public string? LabelText { get; set; }

    public string? Href { get; set; }

    [JsonConverter(typeof(AttributesJsonConverter))]
    public Dictionary<string, string>? Attributes { get; set; }
}
