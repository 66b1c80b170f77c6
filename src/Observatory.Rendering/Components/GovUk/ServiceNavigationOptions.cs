using System.Text.Json.Serialization;

namespace Observatory.Rendering.Components.GovUk;

public sealed class ServiceNavigationOptions
{
    public string? Classes { get; set; }

    [JsonConverter(typeof(AttributesJsonConverter))]
    public Dictionary<string, string>? Attributes { get; set; }

    /// <summary>The label of the landmark used when there is a service name; defaults to "Service information".</summary>
    public string? AriaLabel { get; set; }

    /// <summary>Defaults to "Menu".</summary>
    public string? MenuButtonText { get; set; }

    public string? MenuButtonLabel { get; set; }

    /// <summary>Defaults to the menu button text.</summary>
    public string? NavigationLabel { get; set; }

    /// <summary>Defaults to <c>navigation</c>.</summary>
    public string? NavigationId { get; set; }

    public string? NavigationClasses { get; set; }

    /// <summary>Defaults to collapsing when there is more than one item.</summary>
    public bool? CollapseNavigationOnMobile { get; set; }

    public string? ServiceName { get; set; }

    public string? ServiceUrl { get; set; }

    [JsonConverter(typeof(FalsyItemsJsonConverter<ServiceNavigationItem>))]
    public IReadOnlyList<ServiceNavigationItem?>? Navigation { get; set; }

    public ServiceNavigationSlots? Slots { get; set; }
}

public sealed class ServiceNavigationItem
{
    /// <summary>The item is the page being shown: marked <c>aria-current="page"</c>.</summary>
    public bool Current { get; set; }

    /// <summary>The reader is somewhere within this section: marked <c>aria-current="true"</c>.</summary>
    public bool Active { get; set; }

    public string? Text { get; set; }

    public string? Html { get; set; }

    public string? Href { get; set; }

    [JsonConverter(typeof(AttributesJsonConverter))]
    public Dictionary<string, string>? Attributes { get; set; }
}

/// <summary>Trusted HTML injected at fixed points, for example a language switcher at the end.</summary>
public sealed class ServiceNavigationSlots
{
    public string? Start { get; set; }

    [JsonConverter(typeof(ServiceNavigationEndSlotJsonConverter))]
    public ServiceNavigationEndSlot? End { get; set; }

    public string? NavigationStart { get; set; }

    public string? NavigationEnd { get; set; }
}

public sealed class ServiceNavigationEndSlot
{
    public string? Html { get; set; }

    /// <summary><c>inline</c> keeps the slot on the same line as the navigation on wide screens.</summary>
    public string? Align { get; set; }
}
