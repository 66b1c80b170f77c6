namespace Observatory.Evidence.Search.Index;

/// <summary>
/// The Porter (1980) stemmer exactly as SQLite's FTS5 <c>porter</c> tokeniser applies it, so the in-memory index
/// and FTS5 (the tests' reference search) agree on every term: it works on the token's UTF-8 bytes, leaves tokens shorter than 3
/// or longer than 64 bytes alone, takes the first rule whose suffix matches in each step even when its condition
/// fails, and uses FTS5's rule set (which has the later "bli"→"ble" and "logi"→"log" in step 2) and its reading of
/// "y" (a vowel after a consonant when measuring, and anywhere but the first letter for *v*).
/// </summary>
public static class PorterStemmer
{
    private const int MaxTokenBytes = 64;

    /// <summary>Stems a token that is already folded to lower case.</summary>
    public static string Stem(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        var byteCount = System.Text.Encoding.UTF8.GetByteCount(token);
        if (byteCount < 3 || byteCount > MaxTokenBytes)
        {
            return token;
        }
        Span<byte> buffer = stackalloc byte[MaxTokenBytes + 8];
        var n = System.Text.Encoding.UTF8.GetBytes(token, buffer);
        var stemmed = Stem(buffer, n);
        return stemmed == n && buffer[..n].SequenceEqual(System.Text.Encoding.UTF8.GetBytes(token))
            ? token
            : System.Text.Encoding.UTF8.GetString(buffer[..stemmed]);
    }

    /// <summary>Stems <paramref name="n"/> bytes in place (the buffer has room for one more) and returns the new length.</summary>
    private static int Stem(Span<byte> b, int n)
    {
        n = Step1A(b, n);
        if (Step1B(b, ref n))
        {
            if (!Step1B2(b, ref n))
            {
                var c = b[n - 1];
                if (!IsVowel(c, false) && c != 'l' && c != 's' && c != 'z' && c == At(b, n - 2))
                {
                    n--;
                }
                else if (MeasureIsOne(b[..n]) && EndsCvc(b[..n]))
                {
                    b[n++] = (byte)'e';
                }
            }
        }
        if (b[n - 1] == 'y' && HasVowel(b[..(n - 1)]))
        {
            b[n - 1] = (byte)'i';
        }
        Step2(b, ref n);
        Step3(b, ref n);
        Step4(b, ref n);
        if (b[n - 1] == 'e' && (MeasureAboveOne(b[..(n - 1)]) || MeasureIsOne(b[..(n - 1)]) && !EndsCvc(b[..(n - 1)])))
        {
            n--;
        }
        if (n > 1 && b[n - 1] == 'l' && b[n - 2] == 'l' && MeasureAboveOne(b[..(n - 1)]))
        {
            n--;
        }
        return n;
    }

    // Short tokens can leave too few bytes for "the letter before the last"; FTS5 reads past the start there, which
    // can never match a letter, so a zero stands in for it.
    private static byte At(Span<byte> b, int i) => i >= 0 ? b[i] : (byte)0;

    private static bool IsVowel(byte c, bool yIsVowel) => c is (byte)'a' or (byte)'e' or (byte)'i' or (byte)'o' or (byte)'u' || yIsVowel && c == 'y';

    /// <summary>Skips to the end of the first vowel-then-consonant run; 0 when there is none.</summary>
    private static int SkipVowelConsonant(ReadOnlySpan<byte> stem, bool previousWasConsonant)
    {
        var consonant = previousWasConsonant;
        var i = 0;
        for (; i < stem.Length; i++)
        {
            consonant = !IsVowel(stem[i], consonant);
            if (!consonant)
            {
                break;
            }
        }
        for (i++; i < stem.Length; i++)
        {
            consonant = !IsVowel(stem[i], consonant);
            if (consonant)
            {
                return i + 1;
            }
        }
        return 0;
    }

    private static bool MeasureAboveZero(ReadOnlySpan<byte> stem) => SkipVowelConsonant(stem, false) != 0;

    private static bool MeasureAboveOne(ReadOnlySpan<byte> stem)
    {
        var n = SkipVowelConsonant(stem, false);
        return n != 0 && SkipVowelConsonant(stem[n..], true) != 0;
    }

    private static bool MeasureIsOne(ReadOnlySpan<byte> stem)
    {
        var n = SkipVowelConsonant(stem, false);
        return n != 0 && SkipVowelConsonant(stem[n..], true) == 0;
    }

    /// <summary>*o: consonant, vowel, consonant at the end, the last not w, x or y.</summary>
    private static bool EndsCvc(ReadOnlySpan<byte> stem)
    {
        if (stem.Length == 0 || stem[^1] is (byte)'w' or (byte)'x' or (byte)'y')
        {
            return false;
        }
        var mask = 0;
        var consonant = false;
        foreach (var c in stem)
        {
            consonant = !IsVowel(c, consonant);
            mask = (mask << 1) + (consonant ? 1 : 0);
        }
        return (mask & 7) == 5;
    }

    /// <summary>*v*: FTS5 counts "y" as a vowel anywhere but first.</summary>
    private static bool HasVowel(ReadOnlySpan<byte> stem)
    {
        for (var i = 0; i < stem.Length; i++)
        {
            if (IsVowel(stem[i], i > 0))
            {
                return true;
            }
        }
        return false;
    }

    private static bool EndsWith(Span<byte> b, int n, string suffix)
    {
        if (n <= suffix.Length)
        {
            return false;
        }
        for (var i = 0; i < suffix.Length; i++)
        {
            if (b[n - suffix.Length + i] != suffix[i])
            {
                return false;
            }
        }
        return true;
    }

    private static void Replace(Span<byte> b, ref int n, int suffixLength, string with)
    {
        var stem = n - suffixLength;
        for (var i = 0; i < with.Length; i++)
        {
            b[stem + i] = (byte)with[i];
        }
        n = stem + with.Length;
    }

    private static int Step1A(Span<byte> b, int n)
    {
        if (b[n - 1] != 's')
        {
            return n;
        }
        if (b[n - 2] == 'e')
        {
            return n > 4 && b[n - 4] == 's' && b[n - 3] == 's' || n > 3 && b[n - 3] == 'i' ? n - 2 : n - 1;
        }
        return b[n - 2] != 's' ? n - 1 : n;
    }

    private static bool Step1B(Span<byte> b, ref int n)
    {
        switch (At(b, n - 2))
        {
            case (byte)'e':
                if (EndsWith(b, n, "eed"))
                {
                    if (MeasureAboveZero(b[..(n - 3)]))
                    {
                        Replace(b, ref n, 3, "ee");
                    }
                }
                else if (EndsWith(b, n, "ed") && HasVowel(b[..(n - 2)]))
                {
                    n -= 2;
                    return true;
                }
                break;
            case (byte)'n':
                if (EndsWith(b, n, "ing") && HasVowel(b[..(n - 3)]))
                {
                    n -= 3;
                    return true;
                }
                break;
        }
        return false;
    }

    private static bool Step1B2(Span<byte> b, ref int n)
    {
        foreach (var (suffix, with) in Step1B2Rules)
        {
            if (At(b, n - 2) == suffix[0] && EndsWith(b, n, suffix))
            {
                Replace(b, ref n, 2, with);
                return true;
            }
        }
        return false;
    }

    private static readonly (string Suffix, string With)[] Step1B2Rules = [("at", "ate"), ("bl", "ble"), ("iz", "ize")];

    /// <summary>A step's rules: the first whose suffix matches decides, whether or not its condition holds.</summary>
    private static void Apply(Span<byte> b, ref int n, (string Suffix, string With)[] rules, bool measureAboveOne)
    {
        foreach (var (suffix, with) in rules)
        {
            // FTS5 groups the rules by the suffix's last-but-one letter and tries only that group, in order.
            if (suffix[^2] != At(b, n - 2) || !EndsWith(b, n, suffix))
            {
                continue;
            }
            var stem = b[..(n - suffix.Length)];
            var holds = measureAboveOne
                ? suffix == "ion" ? stem.Length > 0 && stem[^1] is (byte)'s' or (byte)'t' && MeasureAboveOne(stem) : MeasureAboveOne(stem)
                : MeasureAboveZero(stem);
            if (holds)
            {
                Replace(b, ref n, suffix.Length, with);
            }
            return;
        }
    }

    private static void Step2(Span<byte> b, ref int n) => Apply(b, ref n, Step2Rules, measureAboveOne: false);

    private static void Step3(Span<byte> b, ref int n) => Apply(b, ref n, Step3Rules, measureAboveOne: false);

    private static void Step4(Span<byte> b, ref int n) => Apply(b, ref n, Step4Rules, measureAboveOne: true);

    private static readonly (string, string)[] Step2Rules =
    [
        ("ational", "ate"), ("tional", "tion"), ("enci", "ence"), ("anci", "ance"), ("izer", "ize"), ("logi", "log"),
        ("bli", "ble"), ("alli", "al"), ("entli", "ent"), ("eli", "e"), ("ousli", "ous"), ("ization", "ize"), ("ation", "ate"),
        ("ator", "ate"), ("alism", "al"), ("iveness", "ive"), ("fulness", "ful"), ("ousness", "ous"), ("aliti", "al"),
        ("iviti", "ive"), ("biliti", "ble"),
    ];

    private static readonly (string, string)[] Step3Rules =
    [
        ("ical", "ic"), ("ness", ""), ("icate", "ic"), ("iciti", "ic"), ("ful", ""), ("ative", ""), ("alize", "al"),
    ];

    private static readonly (string, string)[] Step4Rules =
    [
        ("al", ""), ("ance", ""), ("ence", ""), ("er", ""), ("ic", ""), ("able", ""), ("ible", ""), ("ant", ""), ("ement", ""),
        ("ment", ""), ("ent", ""), ("ion", ""), ("ou", ""), ("ism", ""), ("ate", ""), ("iti", ""), ("ous", ""), ("ive", ""), ("ize", ""),
    ];
}
