using System.Text;
using Observatory.Testing;

namespace Observatory.Fuzz.Tests;

/// <summary>
/// What the fuzz suite sends: the inputs that took the Observatory down or answered 500 before (issue 15), values from
/// the edges of every kind of field, and values that are right, so generated requests reach past the first check.
/// </summary>
public static class Corpus
{
    /// <summary>Text that has broken, or could break, a reader, a lookup, a query or a page.</summary>
    public static readonly string[] HostileText =
    [
        "",
        " ",
        "   ",
        "\t",
        "\0",
        "a\0b",
        "\u0001\u0002\u0003",
        "\u001B[31mred",
        "\u007F",
        "\u0085",
        "\r\n",
        "%00",
        "%2e%2e%2f",
        "../../etc/passwd",
        "..",
        ".",
        "/",
        "\\",
        "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(1)>",
        "' OR 1=1 --",
        "'; DROP TABLE observations; --",
        "=HYPERLINK(\"http://evil.example\",\"Open\")",
        "+cmd|' /C calc'!A0",
        "@SUM(1,2)",
        "(((((((",
        "*",
        ":*",
        "food & | ! <->",
        "\"unclosed",
        "null",
        "undefined",
        "true",
        "[]",
        "{}",
        "{\"a\":[[[[[[[[]]]]]]]]}",
        "&r [*r]",
        "Ynys Môn ✓ 食物 🍎",
        "ℌ𝔢𝔩𝔩𝔬",
        "\u202Eevil",
        "\uFEFF",
        new string('a', 300),
        new string('x', 5_000),
        new string('9', 2_000),
        string.Concat(Enumerable.Repeat("é", 2_000)),
        "9999-01-01/P1Y",
        "9999-10",
        "9999-12-31",
        "0001-01-01/P1D",
        "1799",
        "2023-01-01/P0Y",
        "2023-01-01/P9999Y",
        "2023-13-45",
        "2199/2201",
        "-1",
        "0",
        "2147483648",
        "-2147483649",
        "9223372036854775808",
        "99999999999999999999999",
        "1e309",
        "-1e309",
        "NaN",
        "Infinity",
        "0x10",
        "1,5",
        " 1",
        "E99999999",
        "e08000010",
        "E08000010 ",
        " E08000010",
        "K02000001",
        "GBR",
        "ZZZ",
    ];

    /// <summary>Right values, by the name of the route value, query or form field, so requests reach deep into handlers.</summary>
    public static readonly Dictionary<string, string[]> Samples = new(StringComparer.OrdinalIgnoreCase)
    {
        ["id"] = ["claimant-count", "doughnut", "place-making", "thriving-places", "local-digital-capital", "fuzz-framework", "wigan-bewigan", "1", "2"],
        ["elementId"] = ["connected", "respond", "food", "level-1"],
        ["code"] = ["E08000010", "E92000001", "E12000002", "K02000001", "GBR", "E07000001"],
        ["place"] = ["E08000010", "GBR", "K02000001"],
        ["area"] = ["E08000010", "E08000006,E08000010", "GBR"],
        ["areas"] = ["E08000010,E08000006", "E08000010"],
        ["definition"] = ["uk-council", "oneill-2018", "fanning-2022", "fanning-raworth-2025"],
        ["period"] = ["2023", "2023-01-01/P1Y", "2015", "2024-04", "2011"],
        ["slug"] = ["fuzz-council", "test-council"],
        ["token"] = ["not-a-real-token", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"],
        ["relation"] = ["parents", "children", "neighbours", "successors"],
        ["format"] = ["json", "csv", "yaml", "els", "opensdg", "tidy", "csvw"],
        ["status"] = ["404", "500", "400", "promising", "published"],
        ["n"] = ["1", "2"],
        ["q"] = ["food", "digital skills", "Wigan", "wigan food hubs"],
        ["page"] = ["1", "2", "1000"],
        ["pageSize"] = ["10", "100", "1000"],
        ["k"] = ["5", "15", "1000"],
        ["set"] = ["global", "economic"],
        ["type"] = ["council", "region", "country"],
        ["nation"] = ["E", "W", "S", "N", "england"],
        ["kind"] = ["case-study", "report"],
        ["element"] = ["place-making/food", "four-rs/respond"],
        ["documentName"] = ["v1"],
        ["visibility"] = ["Private", "Public", "Organisation"],
        ["email"] = ["fuzz-admin@fuzz.gov.uk", "nobody@example.gov.uk"],
        ["password"] = ["wrong password", TestAccounts.Password],
        ["to"] = ["Submitted", "Published"],
        ["rows"] = ["place-making/outcome", "four-rs/pillar"],
        ["columns"] = ["four-rs/pillar"],
    };

    public static readonly string[] Numbers = ["-1", "0", "1", "2147483648", "-2147483649", "99999999999999999999", "1e309", "NaN", "abc", "", " 1", "1.5"];

    /// <summary>A value for a parameter: half the time a right one if there is one, otherwise something hostile.</summary>
    public static string Value(Random random, string name, Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (Samples.TryGetValue(name, out var samples) && random.Next(2) == 0)
        {
            return samples[random.Next(samples.Length)];
        }
        if (underlying == typeof(bool))
        {
            return random.Next(3) switch { 0 => "true", 1 => "false", _ => Pick(random, HostileText) };
        }
        if (underlying.IsPrimitive || underlying == typeof(decimal))
        {
            return random.Next(3) == 0 ? Pick(random, HostileText) : Pick(random, Numbers);
        }
        if (underlying.IsEnum)
        {
            var names = Enum.GetNames(underlying);
            return random.Next(2) == 0 ? names[random.Next(names.Length)] : Pick(random, HostileText);
        }
        return Pick(random, HostileText);
    }

    public static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    /// <summary>Indicator data files that must each be refused, changing nothing.</summary>
    public static IEnumerable<(string Name, string FileName, byte[] Content)> HostileCsv()
    {
        const string header = "area,indicator,period,value,status,note\n";
        static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
        yield return ("NUL in a note", "nul.csv", Utf8(header + "E08000010,claimant-count,2024,4.1,,ab\0cd\n"));
        yield return ("control character in a status", "bell.csv", Utf8(header + "E08000010,claimant-count,2024,4.1,u\u0007,\n"));
        yield return ("period 9999-01-01/P5Y", "future.csv", Utf8(header + "E08000010,claimant-count,9999-01-01/P5Y,4.1,,\n"));
        yield return ("period 9999-10", "month.csv", Utf8(header + "E08000010,claimant-count,9999-10,4.1,,\n"));
        yield return ("a note of a megabyte", "note.csv", Utf8(header + "E08000010,claimant-count,2024,4.1,," + new string('n', 1_000_000) + "\n"));
        yield return ("a note past its limit", "long-note.csv", Utf8(header + "E08000010,claimant-count,2024,4.1,," + new string('n', 1_001) + "\n"));
        yield return ("a quote left open", "quote.csv", Utf8(header + "E08000010,claimant-count,2024,4.1,,\"open" + string.Concat(Enumerable.Repeat("\nE08000010,claimant-count,2024,4.1,,", 20_000))));
        yield return ("2,000 fields", "wide.csv", Utf8(header + "E08000010" + new string(',', 2_000) + "\n"));
        yield return ("12 unknown area codes of 500 KB", "codes.csv", Utf8(header + string.Concat(Enumerable.Range(0, 12).Select(i => "E" + new string((char)('0' + i % 10), 500_000) + ",claimant-count,2024,4.1,,\n"))));
        yield return ("unknown codes just under the record limit", "near.csv", Utf8(header + string.Concat(Enumerable.Range(0, 12).Select(i => "E" + new string('7', 60_000) + ",claimant-count,2024,4.1,,\n"))));
        yield return ("not UTF-8", "latin.csv", [.. Utf8(header + "E08000010,claimant-count,2024,4.1,,caf"), 0xE9, 0xFF, 0xFE, 0x00, (byte)'\n']);
        yield return ("random bytes", "random.csv", RandomBytes(4_096, 15));
        yield return ("a header only", "header.csv", Utf8(header));
        yield return ("an empty file", "empty.csv", []);
        yield return ("no known header", "odd.csv", Utf8("a,b,c\n1,2,3\n"));
        yield return ("a value that is no number", "nan.csv", Utf8(header + "E08000010,claimant-count,2024,1e309,,\n"));
    }

    /// <summary>Framework files that must each be refused: the crash and bomb files of issue 15 and more.</summary>
    public static IEnumerable<(string Name, string FileName, byte[] Content)> HostileFrameworks()
    {
        foreach (var (name, fileName, text) in HostileInputs.Frameworks())
        {
            yield return (name, fileName, Encoding.UTF8.GetBytes(text));
        }
        yield return ("an id of 100,000 characters", "id.yaml", Encoding.UTF8.GetBytes(HostileInputs.FrameworkHeader.Replace("id: hostile", "id: " + new string('a', 100_000), StringComparison.Ordinal) + "elements: []\n"));
        yield return ("a NUL in a name", "nul.yaml", Encoding.UTF8.GetBytes(HostileInputs.FrameworkHeader.Replace("name: Hostile", "name: \"Host\\0ile\"", StringComparison.Ordinal) + "elements: []\n"));
        yield return ("40,000 unknown keys", "keys.yaml", Encoding.UTF8.GetBytes(HostileInputs.FrameworkHeader + string.Concat(Enumerable.Range(0, 40_000).Select(i => $"k{i}: v\n")) + "elements: []\n"));
        yield return ("anchors of anchors 5 wide, 12 deep", "bomb5.yaml", Encoding.UTF8.GetBytes(HostileInputs.AliasBomb(width: 5, depth: 12)));
        yield return ("a merge key loop", "merge.yaml", Encoding.UTF8.GetBytes(HostileInputs.FrameworkHeader + "elements:\n  - &a {id: a, name: A, kind: k, description: d, <<: *a}\n"));
        yield return ("random bytes", "random.yaml", RandomBytes(4_096, 16));
        yield return ("not UTF-8", "latin.yaml", [.. Encoding.UTF8.GetBytes(HostileInputs.FrameworkHeader + "elements: [caf"), 0xE9, 0xFF, 0x00]);
    }

    /// <summary>Evidence collection files that must each be refused.</summary>
    public static IEnumerable<(string Name, string FileName, byte[] Content)> HostileEvidence()
    {
        yield return ("recursive alias", "loop.yaml", Encoding.UTF8.GetBytes(HostileInputs.RecursiveAliasEvidence()));
        yield return ("items nested 100,000 deep", "deep.yaml", Encoding.UTF8.GetBytes("id: hostile\nname: Hostile\ndescription: Deep.\nitems: " + new string('[', 100_000) + new string(']', 100_000) + "\n"));
        yield return ("an alias bomb", "bomb.yaml", Encoding.UTF8.GetBytes(
            "id: hostile\nname: Hostile\ndescription: Bomb.\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
            + string.Concat(Enumerable.Range(1, 10).Select(i => $"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]\n"))
            + "items:\n  - id: bomb\n    title: Bomb\n    kind: case-study\n    summary: *a10\n    elements: [four-rs/respond]\n    strength: 1\n    status: promising\n"));
    }

    private static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
