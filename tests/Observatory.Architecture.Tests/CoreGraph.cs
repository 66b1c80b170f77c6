using System.Text.RegularExpressions;

namespace Observatory.Architecture.Tests;

/// <summary>
/// The allowed dependency graph between Core's folders, exactly as docs/architecture.md draws it: an arrow
/// A --> B means A may use B, and whatever B may use. <see cref="CoreGraphTests"/> checks the page draws the same.
/// </summary>
internal static partial class CoreGraph
{
    /// <summary>Each folder and the folders it may use directly (the arrows drawn).</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Arrows = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["Content"] = [],
        ["Outcomes"] = ["Content"],
        ["Storage"] = ["Content"],
        ["Auditing"] = ["Storage"],
        ["Accounts"] = ["Auditing", "Outcomes"],
        ["Places"] = ["Storage"],
        ["Frameworks"] = ["Accounts"],
        ["Indicators"] = ["Frameworks", "Places"],
        ["Portraits"] = ["Indicators"],
        ["Indices"] = ["Indicators"],
        ["Similarity"] = ["Indices"],
        ["Evidence"] = ["Frameworks", "Places"],
        ["Assessments"] = ["Evidence", "Indicators", "Similarity"],
        ["Plans"] = ["Evidence", "Indicators"],
        ["Decisions"] = ["Evidence", "Portraits"],
        ["Registers"] = ["Accounts"],
    };

    public static IEnumerable<string> Folders => Arrows.Keys;

    /// <summary>Everything <paramref name="folder"/> may use: the folders its arrows reach, however far.</summary>
    public static IReadOnlySet<string> MayUse(string folder, IReadOnlyDictionary<string, string[]>? arrows = null)
    {
        arrows ??= Arrows;
        var reached = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>(arrows[folder]);
        while (stack.TryPop(out var next))
        {
            if (reached.Add(next))
            {
                foreach (var further in arrows[next])
                {
                    stack.Push(further);
                }
            }
        }
        return reached;
    }

    /// <summary>The arrows of the first <c>mermaid</c> block under "Dependencies between capabilities" in the page.</summary>
    public static Dictionary<string, string[]> ReadFromPage(string markdown)
    {
        var section = markdown.IndexOf("## Dependencies between capabilities", StringComparison.Ordinal);
        section.ShouldBeGreaterThanOrEqualTo(0, "docs/architecture.md has no section 'Dependencies between capabilities'");
        var block = MermaidBlock().Match(markdown, section);
        block.Success.ShouldBeTrue("the section draws no mermaid graph");
        var arrows = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var line in block.Groups["body"].Value.Split('\n').Select(l => l.Trim()))
        {
            if (Arrow().Match(line) is { Success: true } arrow)
            {
                Add(arrows, arrow.Groups["from"].Value).Add(arrow.Groups["to"].Value);
                Add(arrows, arrow.Groups["to"].Value);
            }
            else if (Node().Match(line) is { Success: true } node)
            {
                Add(arrows, node.Groups["name"].Value);
            }
        }
        return arrows.ToDictionary(a => a.Key, a => a.Value.Order(StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);

        static List<string> Add(Dictionary<string, List<string>> arrows, string name) =>
            arrows.TryGetValue(name, out var list) ? list : arrows[name] = [];
    }

    [GeneratedRegex(@"```mermaid\n(?<body>.*?)```", RegexOptions.Singleline)]
    private static partial Regex MermaidBlock();

    [GeneratedRegex(@"^(?<from>[A-Z]\w*)\s*-->\s*(?<to>[A-Z]\w*)$")]
    private static partial Regex Arrow();

    [GeneratedRegex(@"^(?<name>[A-Z]\w*)$")]
    private static partial Regex Node();
}
