using Observatory.Evidence;
using Observatory.Frameworks;
using Observatory.Places;

namespace Observatory.Web.Features.Evidence;

/// <summary>
/// The words the evidence list and its download use for what the search stores as codes: framework elements,
/// places and kinds, spelt out as a resident would read them (frameworks by <see cref="FrameworkLabels"/>, so never
/// by shorthand such as "LDC").
/// </summary>
public sealed class EvidenceLabels(FrameworkCatalogue frameworks, PlaceRegistry places)
{
    public string PlaceName(string code) => places.Find(code)?.Name ?? code;

    public string ElementName(string reference) =>
        ElementRef.TryParse(reference, out var r) && frameworks.FindElement(r) is { } element
            ? FrameworkLabels.ElementLabel(element, frameworks.Find(r.FrameworkId))
            : reference;

    public static string KindName(string spelling) =>
        EvidenceSpellings.Kinds.TryGetValue(spelling, out var kind) ? EvidenceSpellings.KindName(kind) : spelling;
}
