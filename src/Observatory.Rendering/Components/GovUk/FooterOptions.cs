using System.Text.Json.Serialization;

namespace Observatory.Rendering.Components.GovUk;

/// <summary>
/// Options for <see cref="GovUk.Footer"/>. Beyond the macro's parameters, <see cref="HideCrown"/>,
/// <see cref="HideLicenceLogo"/> and <see cref="CopyrightHref"/> exist because services that are not GOV.UK must not
/// show the crown, need not publish under the Open Government Licence and do not hold Crown copyright.
/// </summary>
public sealed class FooterOptions
{
    private FooterContent? _contentLicence;

    public FooterMeta? Meta { get; set; }

    public IReadOnlyList<FooterNavigation>? Navigation { get; set; }

    /// <summary>
    /// Replaces the Open Government Licence statement. Setting this explicitly to null (the macro's
    /// <c>contentLicence: null</c>) removes the licence, exactly as <see cref="HideContentLicence"/> does.
    /// </summary>
    public FooterContent? ContentLicence
    {
        get => _contentLicence;
        set
        {
            _contentLicence = value;
            HideContentLicence = value is null;
        }
    }

    /// <summary>Leaves out the licence logo and statement.</summary>
    public bool HideContentLicence { get; set; }

    /// <summary>Our extension: the logo is the Open Government Licence's, so hide it for any other licence.</summary>
    public bool HideLicenceLogo { get; set; }

    /// <summary>Replaces "© Crown copyright".</summary>
    public FooterContent? Copyright { get; set; }

    /// <summary>Our extension: where the copyright notice links to; defaults to the Crown copyright page.</summary>
    public string? CopyrightHref { get; set; }

    /// <summary>
    /// Our extension: GOV.UK Frontend always draws the crown and the royal crest over the copyright link, which only
    /// GOV.UK services may use; this hides both.
    /// </summary>
    public bool HideCrown { get; set; }

    public string? ContainerClasses { get; set; }

    public string? Classes { get; set; }

    [JsonConverter(typeof(AttributesJsonConverter))]
    public Dictionary<string, string>? Attributes { get; set; }
}

public sealed class FooterMeta
{
    /// <summary>Defaults to "Support links".</summary>
    public string? VisuallyHiddenTitle { get; set; }

    public string? Html { get; set; }

    public string? Text { get; set; }

    public IReadOnlyList<FooterLink>? Items { get; set; }
}

public sealed class FooterLink
{
    public string? Text { get; set; }

    public string? Href { get; set; }

    [JsonConverter(typeof(AttributesJsonConverter))]
    public Dictionary<string, string>? Attributes { get; set; }
}

public sealed class FooterNavigation
{
    public string? Title { get; set; }

    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
    public int? Columns { get; set; }

    /// <summary>A grid width such as <c>one-half</c>; defaults to <c>full</c>.</summary>
    public string? Width { get; set; }

    public IReadOnlyList<FooterLink>? Items { get; set; }
}

/// <summary>Text or trusted HTML for the footer's licence or copyright notice.</summary>
public sealed class FooterContent
{
    public string? Text { get; set; }

    public string? Html { get; set; }
}
