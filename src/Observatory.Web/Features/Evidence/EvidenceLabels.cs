using System.Text.RegularExpressions;
using Observatory.Evidence;
using Observatory.Frameworks;
using Observatory.Places;

namespace Observatory.Web.Features.Evidence;

/// <summary>
/// The words the evidence list and its download use for what the search stores as codes: framework elements,
/// places and kinds, spelt out as a resident would read them. A framework's short name is used when it is words
/// ("Place-making"); when it is shorthand ("LDC", "4Rs") its full name is used instead, without the bracketed
/// aside a long name may carry ("Recovery and Resilience model (the 4Rs)" reads "Recovery and Resilience model").
/// </summary>
public sealed partial class EvidenceLabels(FrameworkCatalogue frameworks, PlaceRegistry places)
{
    public string PlaceName(string code) => places.Find(code)?.Name ?? code;

    public string ElementName(string reference) =>
        ElementRef.TryParse(reference, out var r) && frameworks.FindElement(r) is { } element
            ? frameworks.Find(r.FrameworkId) is { } framework ? $"{element.Name} ({FrameworkName(framework)})" : element.Name
            : reference;

    public static string KindName(string spelling) =>
        EvidenceSpellings.Kinds.TryGetValue(spelling, out var kind) ? EvidenceSpellings.KindName(kind) : spelling;

    /// <summary>A framework's name as plain words: its short name unless that is shorthand.</summary>
    public static string FrameworkName(Framework framework)
    {
        ArgumentNullException.ThrowIfNull(framework);
        if (framework.ShortName is { Length: > 0 } shortName && !IsShorthand(shortName))
        {
            return shortName;
        }
        var name = TrailingAside().Replace(framework.Name, "");
        return name.Length > 0 ? name : framework.Name;
    }

    /// <summary>
    /// Whether a name holds a word a resident would have to decode: an initialism ("LDC", "ICT", "N2N") or a
    /// number run into letters ("4Rs"). "Covid-19" and "2022–25" are read as written.
    /// </summary>
    public static bool IsShorthand(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Shorthand().IsMatch(name);
    }

    [GeneratedRegex(@"\s*\([^()]*\)\s*$")]
    private static partial Regex TrailingAside();

    [GeneratedRegex(@"(?<![\p{L}\d])(?:\p{Lu}[\p{Lu}\d]+|\d+\p{Lu}\p{Ll}?)(?![\p{L}\d])")]
    private static partial Regex Shorthand();
}
