using System.Text.Json.Serialization;

namespace Observatory.Rendering.Components.GovUk;

public sealed class BreadcrumbsOptions
{
    public IReadOnlyList<BreadcrumbsItem>? Items { get; set; }

    public string? Classes { get; set; }

    public bool CollapseOnMobile { get; set; }

    [JsonConverter(typeof(AttributesJsonConverter))]
    public Dictionary<string, string>? Attributes { get; set; }

    /// <summary>The navigation landmark's label; defaults to "Breadcrumb".</summary>
    public string? LabelText { get; set; }
}

public sealed class BreadcrumbsItem
{
    public string? Text { get; set; }

    public string? Html { get; set; }

    /// <summary>Leave empty for the current page, which is then marked <c>aria-current="page"</c>.</summary>
    public string? Href { get; set; }

    [JsonConverter(typeof(AttributesJsonConverter))]
    public Dictionary<string, string>? Attributes { get; set; }
}
