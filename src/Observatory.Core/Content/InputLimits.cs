using System.Globalization;
using System.Text;

namespace Observatory.Content;

/// <summary>
/// The bounds every file the Observatory reads is held to — uploads, command-line imports and the shipped data alike —
/// so that no input, however it is built, can exhaust the stack or the memory of the process reading it. A file past a
/// bound is refused with its file, line and the bound it broke, before any reader recurses into it. Each value and what
/// a user sees is in docs/input-limits.md; tests build inputs just inside and just past each one from these constants.
/// </summary>
public static class InputLimits
{
    /// <summary>
    /// How deep lists and mappings may nest in a YAML or JSON file (the default of .NET's own JSON reader and writer).
    /// An alias counts as deep as the node it stands for. The deepest shipped file nests 9 levels.
    /// </summary>
    public const int MaxDepth = 64;

    /// <summary>
    /// How many values, lists and mappings a YAML or JSON file may hold, an alias counting as every node it stands for,
    /// so a few hundred bytes of aliases of aliases cannot stand for billions of nodes.
    /// </summary>
    public const int MaxNodes = 100_000;

    /// <summary>How long a YAML or JSON file may be, in characters (a framework upload is held to 2 MB before this).</summary>
    public const int MaxYamlLength = 4_000_000;

    /// <summary>How long one value in a YAML or JSON file may be, in characters; each field has its own, lower, limit too.</summary>
    public const int MaxScalarLength = 100_000;

    /// <summary>How long one CSV record (one row, with any line breaks inside quotes) may be, in characters.</summary>
    public const int MaxCsvRecordLength = 65_536;

    /// <summary>How many fields one CSV record may have.</summary>
    public const int MaxCsvFields = 1_000;

    /// <summary>How many problems a refusal lists; the rest are counted in one last line, so the answer stays small.</summary>
    public const int MaxProblems = 200;

    /// <summary>How much of a refused value a message quotes.</summary>
    public const int QuoteLength = 60;

    /// <summary>
    /// A value as a message quotes it: in single quotes, at most <see cref="QuoteLength"/> characters of it with its
    /// length when longer, control characters shown by their code (U+0000), so neither a 5 MB value nor an invisible
    /// byte reaches a page or a terminal whole.
    /// </summary>
    public static string Quote(ReadOnlySpan<char> value)
    {
        var shown = value.Length > QuoteLength ? value[..QuoteLength] : value;
        var sb = new StringBuilder(shown.Length + 32).Append('\'');
        foreach (var c in shown)
        {
            if (IsRefusedControl(c) || c is '\t' or '\r' or '\n')
            {
                sb.Append("U+").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
            else
            {
                sb.Append(c);
            }
        }
        sb.Append('\'');
        if (value.Length > QuoteLength)
        {
            sb.Insert(sb.Length - 1, '…').Append(" (").Append(value.Length.ToString("N0", CultureInfo.InvariantCulture)).Append(" characters)");
        }
        return sb.ToString();
    }

    /// <summary>
    /// A control character no text field may hold: C0 controls other than tab, line feed and carriage return, DEL
    /// and the C1 controls. PostgreSQL refuses NUL outright; the others are invisible on a page and mean a file was
    /// mangled or built to mislead.
    /// </summary>
    public static bool IsRefusedControl(char c) => char.IsControl(c) && c is not ('\t' or '\n' or '\r');

    /// <summary>The index of the first refused control character in <paramref name="text"/>, or -1.</summary>
    public static int IndexOfRefusedControl(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (IsRefusedControl(text[i]))
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>"U+0000 (a control character) at character 5", for a message.</summary>
    public static string DescribeControl(ReadOnlySpan<char> text, int index) =>
        $"holds the control character U+{(int)text[index]:X4} at character {index + 1}; text may not hold control characters";
}
