using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Observatory.Places;

/// <summary>
/// The kinds of place the Observatory knows, named as ONS and the councils themselves name them. The GSS code
/// prefix decides the kind (a unitary is labelled "County or Unitary Authority" in one ELS file and "Local
/// Authority District" in none, so labels cannot be trusted; the prefix can).
/// </summary>
public enum PlaceType
{
    UnitedKingdom,
    StatisticalCountry,
    Nation,
    Region,
    CombinedAuthority,
    MetropolitanCounty,
    County,
    LondonSubRegion,
    UnitaryAuthority,
    MetropolitanDistrict,
    LondonBorough,
    NonMetropolitanDistrict,
    WelshPrincipalArea,
    ScottishCouncilArea,
    NorthernIrelandDistrict,
    StatisticalArea,
    Country,
}

/// <summary>
/// A place: a UK local authority (current or historic), a higher geography (region, nation, combined
/// authority, county), a statistical area found in ONS files, or a country of the world (ISO 3166 alpha-3)
/// for the national doughnuts. Shipped data, loaded from <c>data/places/</c>; stored too so that observations
/// and organisations can refer to it.
/// </summary>
public sealed class Place
{
    public required string Code { get; set; }
    public required string Name { get; set; }
    public PlaceType Type { get; set; }

    /// <summary>England, Wales, Scotland, Northern Ireland; null for UK-wide areas and countries of the world.</summary>
    public string? Nation { get; set; }

    public string? RegionCode { get; set; }
    public string? CountyCode { get; set; }
    public string? CombinedAuthorityCode { get; set; }

    /// <summary>Parents nearest first (county or combined authority, region, nation, UK), comma-separated.</summary>
    public string ParentCodes { get; set; } = "";

    public long? Population { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    public DateOnly? StartDate { get; set; }
    public DateOnly? EndDate { get; set; }

    /// <summary>The codes that replaced this one, comma-separated; empty while it is current.</summary>
    public string SuccessorCodes { get; set; } = "";

    public IReadOnlyList<string> Parents => Split(ParentCodes);

    public IReadOnlyList<string> Successors => Split(SuccessorCodes);

    public bool IsCurrent => EndDate is null && SuccessorCodes.Length == 0;

    /// <summary>A current lower-tier or unitary council: the 361 places councils compare themselves among.</summary>
    public bool IsCouncil => IsCurrent && Type is PlaceType.UnitaryAuthority or PlaceType.MetropolitanDistrict or PlaceType.LondonBorough
        or PlaceType.NonMetropolitanDistrict or PlaceType.WelshPrincipalArea or PlaceType.ScottishCouncilArea or PlaceType.NorthernIrelandDistrict;

    /// <summary>Statistical areas (ITL regions, pseudo-areas such as "City of London, Hackney") are kept out of comparisons.</summary>
    public bool IsComparable => Type is not (PlaceType.StatisticalArea or PlaceType.StatisticalCountry);

    public string TypeName => PlaceTypes.Name(Type);

    private static string[] Split(string codes) => codes.Length == 0 ? [] : codes.Split(',');
}

public static class PlaceTypes
{
    public static string Name(PlaceType type) => type switch
    {
        PlaceType.UnitedKingdom => "United Kingdom",
        PlaceType.StatisticalCountry => "Group of nations",
        PlaceType.Nation => "Nation",
        PlaceType.Region => "Region",
        PlaceType.CombinedAuthority => "Combined authority",
        PlaceType.MetropolitanCounty => "Metropolitan county",
        PlaceType.County => "County",
        PlaceType.LondonSubRegion => "Inner or Outer London",
        PlaceType.UnitaryAuthority => "Unitary authority",
        PlaceType.MetropolitanDistrict => "Metropolitan district",
        PlaceType.LondonBorough => "London borough",
        PlaceType.NonMetropolitanDistrict => "Non-metropolitan district",
        PlaceType.WelshPrincipalArea => "Welsh principal area",
        PlaceType.ScottishCouncilArea => "Scottish council area",
        PlaceType.NorthernIrelandDistrict => "Northern Ireland district",
        PlaceType.StatisticalArea => "Statistical area",
        PlaceType.Country => "Country",
        _ => type.ToString(),
    };

    /// <summary>The type in URLs and the API: "london-borough".</summary>
    public static string Slug(PlaceType type) => Storage.SnakeCaseNamingConvention.ToSnakeCase(type.ToString()).Replace('_', '-');

    public static bool TryParseSlug(string? slug, out PlaceType type)
    {
        foreach (var t in Enum.GetValues<PlaceType>())
        {
            if (string.Equals(Slug(t), slug, StringComparison.OrdinalIgnoreCase))
            {
                type = t;
                return true;
            }
        }
        type = default;
        return false;
    }

    /// <summary>
    /// The kind of a GSS code from its prefix; ISO 3166 alpha-3 codes are countries. ITL codes (TLC, TLC3…) look
    /// like ISO codes, but ITL1 letters run B–N and no country code shares one (Timor-Leste is TLS).
    /// </summary>
    public static PlaceType FromCode(string code) => IsItl(code) ? PlaceType.StatisticalArea
        : code.Length == 3 && code.All(char.IsAsciiLetterUpper) ? PlaceType.Country : code[..Math.Min(3, code.Length)] switch
        {
            "K02" => PlaceType.UnitedKingdom,
            "K03" or "K04" => PlaceType.StatisticalCountry,
            "E92" or "W92" or "S92" or "N92" => PlaceType.Nation,
            "E12" => PlaceType.Region,
            "E47" => PlaceType.CombinedAuthority,
            "E11" => PlaceType.MetropolitanCounty,
            "E10" => PlaceType.County,
            "E13" => PlaceType.LondonSubRegion,
            "E06" => PlaceType.UnitaryAuthority,
            "E08" => PlaceType.MetropolitanDistrict,
            "E09" => PlaceType.LondonBorough,
            "E07" => PlaceType.NonMetropolitanDistrict,
            "W06" => PlaceType.WelshPrincipalArea,
            "S12" => PlaceType.ScottishCouncilArea,
            "N09" => PlaceType.NorthernIrelandDistrict,
            _ => PlaceType.StatisticalArea,
        };

    private static bool IsItl(string code) => code.Length is >= 3 and <= 5 && code.StartsWith("TL", StringComparison.Ordinal) && code[2] is >= 'B' and <= 'N';

    public static string? NationOf(string code) => FromCode(code) is PlaceType.Country or PlaceType.UnitedKingdom or PlaceType.StatisticalCountry ? null : code[0] switch
    {
        'E' => "England",
        'W' => "Wales",
        'S' => "Scotland",
        'N' => "Northern Ireland",
        'T' when code.Length >= 3 => code[2] switch { 'L' => "Wales", 'M' => "Scotland", 'N' => "Northern Ireland", _ => "England" },
        _ => null,
    };
}

internal sealed class PlaceConfiguration : IEntityTypeConfiguration<Place>
{
    public void Configure(EntityTypeBuilder<Place> builder)
    {
        builder.ToTable("places");
        builder.HasKey(p => p.Code);
        builder.Property(p => p.Type).HasConversion<string>();
        builder.Ignore(p => p.Parents);
        builder.Ignore(p => p.Successors);
        builder.Ignore(p => p.IsCurrent);
        builder.Ignore(p => p.IsCouncil);
        builder.Ignore(p => p.IsComparable);
        builder.Ignore(p => p.TypeName);
        builder.HasIndex(p => p.Type);
    }
}
