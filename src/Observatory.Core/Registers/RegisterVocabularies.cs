namespace Observatory.Registers;

/// <summary>
/// The permitted values of the record's choice fields. Organisation type, function, capability, phase and region are
/// the facet values of GOV.UK's algorithmic transparency records finder (alphagov/specialist-publisher, MIT
/// licence), with version 4.0 of the standard's phases (private and public beta replacing beta/pilot, kept for older
/// records); the Dutch themes, statuses and publication categories are the Algoritmeregister Publicatiestandaard
/// v1.0's, given in English with the Dutch value each exports as; status and risk category are the Eurocities
/// Algorithmic Transparency Standard's.
/// </summary>
public static class RegisterVocabularies
{
    public static readonly IReadOnlyList<VocabularyValue> OrganisationTypes =
    [
        new("ministerial-department", "Ministerial department"),
        new("non-ministerial-department", "Non-ministerial department"),
        new("agency-or-public-body", "Agency or public body"),
        new("local-authority", "Local authority"),
        new("devolved-administration", "Devolved administration"),
        new("high-profile-group", "High profile group"),
        new("public-corporation", "Public corporation"),
    ];

    public static readonly IReadOnlyList<VocabularyValue> Functions =
    [
        new("general-public-services", "General public services"),
        new("defence", "Defence"),
        new("public-order-and-safety", "Public order and safety"),
        new("economic-affairs", "Economic affairs"),
        new("environmental-protection", "Environmental protection"),
        new("housing-and-community-amenities", "Housing and community amenities"),
        new("health", "Health"),
        new("recreation-culture-and-religion", "Recreation, culture and religion"),
        new("education", "Education"),
        new("social-protection", "Social protection"),
        new("regulation", "Regulation"),
    ];

    public static readonly IReadOnlyList<VocabularyValue> Capabilities =
    [
        new("computer-vision", "Computer vision"),
        new("computer-audition", "Computer audition"),
        new("computer-linguistics", "Computer linguistics"),
        new("robotics", "Robotics"),
        new("forecasting", "Forecasting"),
        new("discovery", "Discovery"),
        new("planning", "Planning"),
        new("creation", "Creation"),
        new("analysis", "Analysis"),
        new("management", "Management"),
        new("other", "Other"),
    ];

    /// <summary>The phases; the Dutch status of each is what the Dutch export says when no status is given.</summary>
    public static readonly IReadOnlyList<VocabularyValue> Phases =
    [
        new("pre-deployment", "Pre-deployment", "In ontwikkeling"),
        new("beta-pilot", "Beta or pilot (before version 4.0)", "In ontwikkeling"),
        new("private-beta", "Private beta", "In ontwikkeling"),
        new("public-beta", "Public beta", "In gebruik"),
        new("production", "Production", "In gebruik"),
        new("retired", "Retired", "Buiten gebruik"),
    ];

    public static readonly IReadOnlyList<VocabularyValue> Regions =
    [
        new("international", "International"),
        new("uk", "UK"),
        new("great-britain", "Great Britain"),
        new("england-and-wales", "England and Wales"),
        new("northern-ireland", "Northern Ireland"),
        new("scotland", "Scotland"),
        new("wales", "Wales"),
        new("england", "England"),
        new("london", "London"),
        new("north-east", "North East"),
        new("north-west", "North West"),
        new("yorkshire-and-the-humber", "Yorkshire and the Humber"),
        new("east-midlands", "East Midlands"),
        new("west-midlands", "West Midlands"),
        new("south-east", "South East"),
        new("east-of-england", "East of England"),
        new("south-west", "South West"),
    ];

    /// <summary>The Eurocities statuses, with the Dutch status each exports as.</summary>
    public static readonly IReadOnlyList<VocabularyValue> Statuses =
    [
        new("planned", "Planned", "In ontwikkeling"),
        new("design", "Design", "In ontwikkeling"),
        new("development", "Development", "In ontwikkeling"),
        new("pilot", "Pilot", "In ontwikkeling"),
        new("evaluation", "Evaluation", "In gebruik"),
        new("operational", "Operational", "In gebruik"),
        new("retired", "Retired", "Buiten gebruik"),
    ];

    public static readonly IReadOnlyList<VocabularyValue> PublicationCategories =
    [
        new("high-risk-ai-system", "High-risk AI system", "Hoog-risico AI-systeem (Categorie A)"),
        new("impactful-algorithm", "Impactful algorithm", "Impactvolle algoritmes (Categorie B)"),
        new("other-algorithm", "Other algorithm", "Overige algoritmes (Categorie C)"),
    ];

    public static readonly IReadOnlyList<VocabularyValue> RiskCategories =
    [
        new("minimal", "Minimal"),
        new("limited", "Limited"),
        new("high", "High"),
        new("unacceptable", "Unacceptable"),
    ];

    public static readonly IReadOnlyList<VocabularyValue> Themes =
    [
        new("organisation-and-operations", "Organisation and operations", "Organisatie en bedrijfsvoering"),
        new("culture-and-recreation", "Culture and recreation", "Cultuur en recreatie"),
        new("economy", "Economy", "Economie"),
        new("public-finance", "Public finance", "Overheidsfinanciën"),
        new("housing", "Housing", "Wonen"),
        new("international", "International", "Internationaal"),
        new("migration-and-integration", "Migration and integration", "Migratie en integratie"),
        new("nature-and-environment", "Nature and environment", "Natuur en milieu"),
        new("education-and-science", "Education and science", "Onderwijs en wetenschap"),
        new("public-order-and-safety", "Public order and safety", "Openbare orde en veiligheid"),
        new("law", "Law", "Recht"),
        new("spatial-planning-and-infrastructure", "Spatial planning and infrastructure", "Ruimte en infrastructuur"),
        new("social-security", "Social security", "Sociale zekerheid"),
        new("traffic", "Traffic", "Verkeer"),
        new("work", "Work", "Werk"),
        new("care-and-health", "Care and health", "Zorg en gezondheid"),
    ];

    /// <summary>The slug for a value given as its slug, its label or its Dutch value (any case); null if it is none of them.</summary>
    public static string? Normalise(IReadOnlyList<VocabularyValue> vocabulary, string text)
    {
        var t = text.Trim();
        var match = vocabulary.FirstOrDefault(v => string.Equals(v.Slug, t, StringComparison.OrdinalIgnoreCase)
            || string.Equals(v.Label, t, StringComparison.OrdinalIgnoreCase)
            || v.Dutch is { } d && (string.Equals(d, t, StringComparison.OrdinalIgnoreCase) || string.Equals(StripCategory(d), t, StringComparison.OrdinalIgnoreCase)));
        return match?.Slug;
    }

    /// <summary>The Dutch configuration writes publication categories without the "(Categorie A)" suffix the schema has.</summary>
    private static string StripCategory(string dutch) => dutch.IndexOf(" (Categorie", StringComparison.Ordinal) is var i and > 0 ? dutch[..i] : dutch;
}
