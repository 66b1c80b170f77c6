using System.Text;

namespace Observatory.Testing;

/// <summary>
/// Files built to break a reader rather than to be read: the shapes that took the Observatory down before its readers
/// were bounded (a recursive alias, nesting a hundred thousand levels deep, an alias bomb), and well-formed files just
/// past a limit. Shared by the Core, Web, command-line and fuzz tests so each names the same inputs.
/// </summary>
public static class HostileInputs
{
    /// <summary>The keys every framework file needs above its elements.</summary>
    public const string FrameworkHeader = """
        id: hostile
        name: Hostile
        version: "1"
        publisher: Anyone
        group: Your organisation's frameworks
        summary: A file built to break the reader.
        source:
          file: hostile.pdf
          section: All of it

        """;

    /// <summary>An element list whose children are the list itself: reading it naively never ends.</summary>
    public static string RecursiveAliasFramework() => FrameworkHeader + """
        elements: &r
          - id: loop
            name: Loop
            kind: theme
            description: Its children are its own list.
            children: *r
        """;

    /// <summary>An evidence collection whose items list contains itself.</summary>
    public static string RecursiveAliasEvidence() => """
        id: hostile
        name: Hostile
        description: A file built to break the reader.
        items: &r
          - id: loop
            title: Loop
            kind: case-study
            summary: Its own list again.
            elements: [four-rs/respond]
            strength: 1
            status: promising
            places: *r
        """;

    /// <summary><c>elements: [[[…]]]</c>, <paramref name="depth"/> lists deep.</summary>
    public static string NestedSequences(int depth = 100_000) =>
        FrameworkHeader + "elements: " + new string('[', depth) + new string(']', depth) + "\n";

    /// <summary><c>{a: {a: …}}</c> about <paramref name="bytes"/> long.</summary>
    public static string NestedMappings(int bytes = 1_000_000)
    {
        var depth = bytes / 5;
        var sb = new StringBuilder(bytes + 64).Append(FrameworkHeader).Append("elements: ");
        for (var i = 0; i < depth; i++)
        {
            sb.Append("{a: ");
        }
        sb.Append('1');
        sb.Append('}', depth);
        return sb.Append('\n').ToString();
    }

    /// <summary>A JSON framework whose one element has a child, which has a child… <paramref name="depth"/> elements deep.</summary>
    public static string JsonChildren(int depth = 20_000)
    {
        var sb = new StringBuilder();
        sb.Append("{\"id\":\"hostile\",\"name\":\"Hostile\",\"version\":\"1\",\"publisher\":\"Anyone\",\"group\":\"Your organisation's frameworks\",\"summary\":\"Deep.\",\"source\":{\"file\":\"h.pdf\",\"section\":\"All\"},\"elements\":");
        for (var i = 0; i < depth; i++)
        {
            sb.Append("[{\"id\":\"e").Append(i).Append("\",\"name\":\"E\",\"kind\":\"k\",\"description\":\"d\",\"children\":");
        }
        sb.Append("[]");
        for (var i = 0; i < depth; i++)
        {
            sb.Append("}]");
        }
        return sb.Append('}').ToString();
    }

    /// <summary>
    /// A well-formed framework whose elements nest <paramref name="depth"/> levels (an element, its child, its
    /// grandchild…), in YAML or JSON.
    /// </summary>
    public static string DeepFramework(int depth, bool json = false, string id = "deep")
    {
        if (json)
        {
            return JsonChildren(depth).Replace("\"id\":\"hostile\"", $"\"id\":\"{id}\"", StringComparison.Ordinal);
        }
        var sb = new StringBuilder(FrameworkHeader.Replace("id: hostile", $"id: {id}", StringComparison.Ordinal)).Append("elements:\n");
        for (var i = 0; i < depth; i++)
        {
            var indent = new string(' ', i * 4);
            sb.Append(indent).Append("  - id: level-").Append(i + 1).Append('\n')
              .Append(indent).Append("    name: Level ").Append(i + 1).Append('\n')
              .Append(indent).Append("    kind: theme\n")
              .Append(indent).Append("    description: One level down.\n");
            if (i + 1 < depth)
            {
                sb.Append(indent).Append("    children:\n");
            }
        }
        return sb.ToString();
    }

    /// <summary>
    /// About 2 KB: <paramref name="depth"/> elements, each with <paramref name="width"/> aliases of the one before as its
    /// children, so reading every element reached means width^depth of them (10¹¹ by default).
    /// </summary>
    public static string AliasBomb(int width = 10, int depth = 11)
    {
        var sb = new StringBuilder(FrameworkHeader).Append("elements:\n");
        sb.Append("  - &e0 {id: e0, name: E, kind: k, description: d}\n");
        for (var level = 1; level <= depth; level++)
        {
            sb.Append("  - &e").Append(level).Append(" {id: e").Append(level).Append(", name: E, kind: k, description: d, children: [");
            sb.Append(string.Join(", ", Enumerable.Repeat($"*e{level - 1}", width)));
            sb.Append("]}\n");
        }
        return sb.ToString();
    }

    /// <summary>Every hostile framework file above, by a name for test output and a file name for the upload.</summary>
    public static IEnumerable<(string Name, string FileName, string Text)> Frameworks()
    {
        yield return ("recursive alias", "loop.yaml", RecursiveAliasFramework());
        yield return ("lists nested 100,000 deep", "lists.yaml", NestedSequences());
        yield return ("mappings nested 1 MB deep", "mappings.yaml", NestedMappings());
        yield return ("JSON children nested 20,000 deep", "children.json", JsonChildren());
        yield return ("alias bomb 10 wide, 11 deep", "bomb.yaml", AliasBomb());
        yield return ("elements nested 200 deep", "deep.yaml", DeepFramework(200));
        yield return ("elements nested 6,001 deep", "deeper.json", DeepFramework(6_001, json: true));
    }
}
