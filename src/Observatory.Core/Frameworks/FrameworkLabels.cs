using System.Text.RegularExpressions;

namespace Observatory.Frameworks;

/// <summary>
/// The words every page, download and API label uses for a framework and its elements. A framework's short name
/// is used when it is words ("Place-making"); when it is shorthand ("LDC", "4Rs") its full name is used instead,
/// without the bracketed aside a long name may carry ("Recovery and Resilience model (the 4Rs)" reads "Recovery
/// and Resilience model"), so a resident never meets an initialism the Observatory's catalogue made up.
/// </summary>
public static partial class FrameworkLabels
{
    /// <summary>A framework's name as plain words: its short name unless that is shorthand.</summary>
    public static string ShortLabel(Framework framework)
    {
        ArgumentNullException.ThrowIfNull(framework);
        if (framework.ShortName is { Length: > 0 } shortName && !IsShorthand(shortName))
        {
            return shortName;
        }
        var name = TrailingAside().Replace(framework.Name, "");
        return name.Length > 0 ? name : framework.Name;
    }

    /// <summary>An element with the framework it belongs to, as lists of elements from several frameworks show it: "Food (Place-making)".</summary>
    public static string ElementLabel(FrameworkElement element, Framework? framework)
    {
        ArgumentNullException.ThrowIfNull(element);
        return framework is null ? element.Name : $"{element.Name} ({ShortLabel(framework)})";
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
