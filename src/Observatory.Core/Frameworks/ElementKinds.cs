namespace Observatory.Frameworks;

/// <summary>Element kinds in words: "area-of-focus" → "area of focus", "4 areas of focus".</summary>
public static class ElementKinds
{
    public static string Singular(string kind) => kind.Replace('-', ' ');

    public static string Plural(string kind)
    {
        var words = Singular(kind);
        // Pluralise the head noun: the first word of "area of focus", the last of "impact area".
        var of = words.IndexOf(" of ", StringComparison.Ordinal);
        return of > 0 ? PluralWord(words[..of]) + words[of..] : string.Join(' ', words.Split(' ')[..^1].Append(PluralWord(words.Split(' ')[^1])));
    }

    public static string Count(string kind, int count) => $"{count} {(count == 1 ? Singular(kind) : Plural(kind))}";

    private static string PluralWord(string word) => word switch
    {
        // Greek plurals the sources use: the Social Value Model's "model award criteria".
        _ when word.EndsWith("criterion", StringComparison.Ordinal) => word[..^2] + "a",
        _ when word.EndsWith('y') && !word.EndsWith("ey", StringComparison.Ordinal) => word[..^1] + "ies",
        _ when word.EndsWith('s') || word.EndsWith('x') || word.EndsWith("ch", StringComparison.Ordinal) || word.EndsWith("sh", StringComparison.Ordinal) => word + "es",
        _ => word + "s",
    };
}
