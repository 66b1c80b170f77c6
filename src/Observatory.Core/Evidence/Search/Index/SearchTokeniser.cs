using System.Globalization;
using System.Text;

namespace Observatory.Evidence.Search.Index;

/// <summary>
/// Splits text into index terms as FTS5's <c>porter unicode61 remove_diacritics 2</c> does, so a word means the
/// same to the in-memory index as to FTS5, the reference its searches are tested against: letters, digits and private-use characters
/// make up tokens and everything else separates them; tokens are lower-cased with their diacritics removed ("Môn"
/// is "mon"), a combining mark inside a token is dropped, and each token is stemmed by <see cref="PorterStemmer"/>.
/// </summary>
public static class SearchTokeniser
{
    private const byte Separator = 0;
    private const byte TokenChar = 1;

    // A combining diacritic joins the token it follows but is not kept; at a token's start it separates.
    private const byte Diacritic = 2;

    private static readonly Lazy<(byte[] Kind, char[] Fold)> Table = new(BuildTable);

    /// <summary>Calls <paramref name="token"/> with each folded, unstemmed token; the span is valid only during the call.</summary>
    public static void Tokens(string text, Action<ReadOnlySpan<char>> token)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(token);
        var (kind, fold) = Table.Value;
        Span<char> initial = stackalloc char[128];
        var buffer = initial;
        var length = 0;
        var inToken = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            byte k;
            string? wide = null;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                // Outside the basic plane: letters and digits (and private use) are kept as they are, lower-cased.
                var rune = new Rune(c, text[i + 1]);
                i++;
                var category = Rune.GetUnicodeCategory(rune);
                k = IsTokenCategory(category) ? TokenChar : Separator;
                if (k == TokenChar)
                {
                    wide = Rune.ToLowerInvariant(rune).ToString();
                }
            }
            else
            {
                k = kind[c];
            }
            if (k == TokenChar || k == Diacritic && inToken)
            {
                inToken = true;
                if (k == Diacritic)
                {
                    continue;
                }
                if (length + 2 > buffer.Length)
                {
                    var bigger = new char[buffer.Length * 2];
                    buffer[..length].CopyTo(bigger);
                    buffer = bigger;
                }
                if (wide is not null)
                {
                    wide.AsSpan().CopyTo(buffer[length..]);
                    length += wide.Length;
                }
                else
                {
                    buffer[length++] = fold[c];
                }
                continue;
            }
            if (inToken)
            {
                token(buffer[..length]);
                length = 0;
                inToken = false;
            }
        }
        if (inToken)
        {
            token(buffer[..length]);
        }
    }

    /// <summary>The stemmed terms of <paramref name="text"/>, in order.</summary>
    public static List<string> Terms(string text)
    {
        var terms = new List<string>();
        Tokens(text, t => terms.Add(PorterStemmer.Stem(t.ToString())));
        return terms;
    }

    private static bool IsTokenCategory(UnicodeCategory category) => category switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
            or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber
            or UnicodeCategory.PrivateUse => true,
        _ => false,
    };

    private static (byte[] Kind, char[] Fold) BuildTable()
    {
        var kind = new byte[char.MaxValue + 1];
        var fold = new char[char.MaxValue + 1];
        for (var i = 0; i <= char.MaxValue; i++)
        {
            var c = (char)i;
            if (char.IsSurrogate(c))
            {
                continue;
            }
            var category = char.GetUnicodeCategory(c);
            if (IsTokenCategory(category))
            {
                kind[i] = TokenChar;
                fold[i] = RemoveDiacritic(char.ToLowerInvariant(c));
            }
            else if (category == UnicodeCategory.NonSpacingMark && i is >= 0x0300 and <= 0x036F)
            {
                kind[i] = Diacritic;
            }
        }
        return (kind, fold);
    }

    /// <summary>The base letter when the character decomposes into one letter and combining marks ("é" → "e").</summary>
    private static char RemoveDiacritic(char c)
    {
        if (c < 0x80)
        {
            return c;
        }
        var decomposed = c.ToString().Normalize(NormalizationForm.FormD);
        if (decomposed.Length > 1 && decomposed[0] < 0x2000 && decomposed.Skip(1).All(d => char.GetUnicodeCategory(d) == UnicodeCategory.NonSpacingMark))
        {
            return char.ToLowerInvariant(decomposed[0]);
        }
        return c;
    }
}
