using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Observatory.Content;

/// <summary>
/// Reads a YAML (or JSON, which YAML includes) document node by node, keeping line numbers, so that every
/// problem in a data file can be reported as file, line and field. Unknown keys are errors: a misspelt key
/// silently ignored is a definition silently lost.
/// </summary>
/// <remarks>
/// Every file is read within <see cref="InputLimits"/>: its length is checked first, then each event of the parser is
/// checked (depth, node count with aliases expanded, aliases that contain themselves, value length, control
/// characters) before the node tree is built from it, so no file can make the recursive node loader or a reader that
/// walks the tree overflow the stack or expand without end. A refused file has one problem: where and which limit.
/// </remarks>
public sealed partial class YamlFile
{
    private readonly List<ContentProblem> _problems = [];
    private int _problemCount;

    private YamlFile(string file) => File = file;

    public string File { get; }

    public YamlMappingNode? Root { get; private set; }

    /// <summary>
    /// The problems found, the first <see cref="InputLimits.MaxProblems"/> of them and then one line counting the rest,
    /// so a file of a hundred thousand mistakes gives a short answer.
    /// </summary>
    public IReadOnlyList<ContentProblem> Problems => _problemCount <= _problems.Count
        ? _problems
        : [.. _problems, new ContentProblem(File, 0, 0, "", $"and {(_problemCount - _problems.Count).ToString("N0", CultureInfo.InvariantCulture)} more problems")];

    /// <summary>Every problem found, including those past the cap on <see cref="Problems"/>.</summary>
    public int ProblemCount => _problemCount;

    public static YamlFile Parse(string file, string text)
    {
        var doc = new YamlFile(file);
        if (text.Length > InputLimits.MaxYamlLength)
        {
            doc.Problem(1, 1, "", $"is {text.Length.ToString("N0", CultureInfo.InvariantCulture)} characters long; a file may be at most {InputLimits.MaxYamlLength.ToString("N0", CultureInfo.InvariantCulture)} characters");
            return doc;
        }
        try
        {
            var stream = new YamlStream();
            stream.Load(new BoundedParser(new Parser(new StringReader(text))));
            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode map)
            {
                doc.Problem(1, 1, "", "the file must hold one mapping (key: value pairs) at the top level");
            }
            else
            {
                doc.Root = map;
            }
        }
        catch (InputLimitException ex)
        {
            doc.Problem(ex.Line, ex.Column, "", ex.Message);
        }
        catch (YamlException ex)
        {
            doc.Problem((int)ex.Start.Line, (int)ex.Start.Column, "", "is not valid YAML: " + FirstLine(ex.InnerException?.Message ?? ex.Message));
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner fails this way on some malformed text; find where by scanning to the fault.
            var (line, column) = LastGoodPosition(text);
            doc.Problem(line, column, "", "is not valid YAML: the text cannot be read after this point (check brackets and quotes)");
        }
        return doc;
    }

    private static (int Line, int Column) LastGoodPosition(string text)
    {
        var scanner = new Scanner(new StringReader(text));
        Mark last = Mark.Empty;
        try
        {
            while (scanner.MoveNext())
            {
                last = scanner.Current!.End;
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or YamlException)
        {
            // Reached the fault.
        }
        return ((int)Math.Max(1, last.Line), (int)Math.Max(1, last.Column));
    }

    public void Problem(YamlNode? node, string field, string message) =>
        Problem(node is null ? 0 : (int)node.Start.Line, node is null ? 0 : (int)node.Start.Column, field, message);

    public void Problem(int line, int column, string field, string message)
    {
        if (++_problemCount <= InputLimits.MaxProblems)
        {
            _problems.Add(new ContentProblem(File, line, column, field, message));
        }
    }

    /// <summary>Reports keys of <paramref name="map"/> that are not in <paramref name="allowed"/>.</summary>
    public void RejectUnknownKeys(YamlMappingNode map, string path, IReadOnlyCollection<string> allowed)
    {
        foreach (var key in map.Children.Keys)
        {
            var name = (key as YamlScalarNode)?.Value ?? "";
            if (!allowed.Contains(name))
            {
                Problem(key, Join(path, name), $"unknown key {InputLimits.Quote(name)} (expected one of: {string.Join(", ", allowed)})");
            }
        }
    }

    public YamlNode? Get(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : null;

    /// <summary>How long an id (of a framework, element, collection, item…) may be.</summary>
    public const int MaxIdLength = 100;

    /// <summary>As <see cref="OptionalString(YamlMappingNode, string, string)"/>, refusing a value longer than <paramref name="maxLength"/>.</summary>
    public string? OptionalString(YamlMappingNode map, string key, string path, int maxLength) =>
        Limit(OptionalString(map, key, path), map, key, path, maxLength);

    /// <summary>As <see cref="RequiredString(YamlMappingNode, string, string)"/>, refusing a value longer than <paramref name="maxLength"/>.</summary>
    public string RequiredString(YamlMappingNode map, string key, string path, int maxLength) =>
        Limit(RequiredString(map, key, path), map, key, path, maxLength)!;

    private string? Limit(string? value, YamlMappingNode map, string key, string path, int maxLength)
    {
        if (value is not null && value.Length > maxLength)
        {
            Problem(Get(map, key), Join(path, key), TooLong(value.Length, maxLength));
        }
        return value;
    }

    /// <summary>"is 1,200 characters; at most 1,000 are allowed", the one wording of every length limit.</summary>
    public static string TooLong(int length, int maxLength) =>
        $"is {length.ToString("N0", CultureInfo.InvariantCulture)} characters; at most {maxLength.ToString("N0", CultureInfo.InvariantCulture)} are allowed";

    public string? OptionalString(YamlMappingNode map, string key, string path)
    {
        var node = Get(map, key);
        if (node is null)
        {
            return null;
        }
        if (node is not YamlScalarNode scalar)
        {
            Problem(node, Join(path, key), "must be a single text value");
            return null;
        }
        var value = scalar.Value?.Trim();
        return string.IsNullOrEmpty(value) ? null : value;
    }

    public string RequiredString(YamlMappingNode map, string key, string path)
    {
        var node = Get(map, key);
        var value = OptionalString(map, key, path);
        if (value is null && (node is null || node is YamlScalarNode))
        {
            if (node is null)
            {
                Problem(map, Join(path, key), "is required");
            }
            else
            {
                Problem(node, Join(path, key), "must not be empty");
            }
        }
        return value ?? "";
    }

    /// <summary>
    /// A definition file's own id (under <paramref name="key"/> of its root), checked as <see cref="RequiredId"/>
    /// and, when <paramref name="expectedId"/> is given, equal to the file's name: the Observatory finds a shipped
    /// file by its name, so the two must agree.
    /// </summary>
    public string FileId(YamlMappingNode root, string key, string? expectedId)
    {
        var id = RequiredId(root, key, "");
        if (expectedId is not null && id.Length > 0 && id != expectedId)
        {
            Problem(Get(root, key), key, $"{InputLimits.Quote(id)} must equal the file name '{expectedId}'");
        }
        return id;
    }

    public string RequiredId(YamlMappingNode map, string key, string path)
    {
        var value = RequiredString(map, key, path);
        if (value.Length > MaxIdLength)
        {
            Problem(Get(map, key), Join(path, key), TooLong(value.Length, MaxIdLength));
        }
        else if (value.Length > 0 && !IdPattern().IsMatch(value))
        {
            Problem(Get(map, key), Join(path, key), $"{InputLimits.Quote(value)} must be lower-case letters, digits and single hyphens (e.g. 'area-of-focus')");
        }
        return value;
    }

    public IReadOnlyList<string> OptionalStringList(YamlMappingNode map, string key, string path) =>
        OptionalStringList(map, key, path, InputLimits.MaxScalarLength);

    /// <summary>A list of text, each item at most <paramref name="maxLength"/> characters.</summary>
    public IReadOnlyList<string> OptionalStringList(YamlMappingNode map, string key, string path, int maxLength)
    {
        var node = Get(map, key);
        if (node is null)
        {
            return [];
        }
        if (node is not YamlSequenceNode seq)
        {
            Problem(node, Join(path, key), "must be a list");
            return [];
        }
        var items = new List<string>();
        var i = 0;
        foreach (var item in seq.Children)
        {
            if (item is YamlScalarNode { Value: { } v } && !string.IsNullOrWhiteSpace(v))
            {
                if (v.Trim().Length > maxLength)
                {
                    Problem(item, $"{Join(path, key)}[{i}]", TooLong(v.Trim().Length, maxLength));
                }
                items.Add(v.Trim());
            }
            else
            {
                Problem(item, $"{Join(path, key)}[{i}]", "must be non-empty text");
            }
            i++;
        }
        return items;
    }

    public IEnumerable<(YamlMappingNode Map, string Path)> MappingList(YamlMappingNode map, string key, string path, bool required)
    {
        var node = Get(map, key);
        if (node is null)
        {
            if (required)
            {
                Problem(map, Join(path, key), "is required");
            }
            yield break;
        }
        if (node is not YamlSequenceNode seq)
        {
            Problem(node, Join(path, key), "must be a list");
            yield break;
        }
        if (required && seq.Children.Count == 0)
        {
            Problem(node, Join(path, key), "must not be empty");
        }
        var i = 0;
        foreach (var item in seq.Children)
        {
            var itemPath = $"{Join(path, key)}[{i++}]";
            if (item is YamlMappingNode m)
            {
                yield return (m, itemPath);
            }
            else
            {
                Problem(item, itemPath, "must be a mapping (key: value pairs)");
            }
        }
    }

    /// <summary>A value from a fixed set of spellings (e.g. higher-is-better → Polarity.HigherIsBetter); anything else is a problem naming the set.</summary>
    public T? Choice<T>(YamlMappingNode map, string key, string path, IReadOnlyDictionary<string, T> choices, bool required = true)
        where T : struct
    {
        var text = required ? RequiredString(map, key, path) : OptionalString(map, key, path);
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        if (choices.TryGetValue(text, out var value))
        {
            return value;
        }
        Problem(Get(map, key), Join(path, key), $"{InputLimits.Quote(text)} is not one of: {string.Join(", ", choices.Keys)}");
        return null;
    }

    /// <summary>The YAML spelling of a value of <paramref name="choices"/>, for messages, pages and the API.</summary>
    public static string Spelling<T>(IReadOnlyDictionary<string, T> choices, T value)
        where T : struct => choices.First(c => EqualityComparer<T>.Default.Equals(c.Value, value)).Key;

    /// <summary>A finite number, read in the invariant culture whatever the machine's.</summary>
    public double? Number(YamlMappingNode map, string key, string path, bool required = false)
    {
        var text = required ? RequiredString(map, key, path) : OptionalString(map, key, path);
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        if (double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
        {
            return value;
        }
        Problem(Get(map, key), Join(path, key), $"{InputLimits.Quote(text)} must be a number");
        return null;
    }

    public int? Whole(YamlMappingNode map, string key, string path, int min, int max, bool required = false)
    {
        var text = required ? RequiredString(map, key, path) : OptionalString(map, key, path);
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }
        Problem(Get(map, key), Join(path, key), $"{InputLimits.Quote(text)} must be a whole number from {min} to {max}");
        return null;
    }

    public static int LineOf(YamlNode? node) => node is null ? 0 : (int)node.Start.Line;

    public static string Join(string path, string key) => string.IsNullOrEmpty(path) ? key : $"{path}.{key}";

    private static string FirstLine(string message)
    {
        var cut = message.IndexOfAny(['\r', '\n']);
        return cut < 0 ? message : message[..cut];
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    public static partial Regex IdPattern();

    /// <summary>A limit of <see cref="InputLimits"/> broken at a place in the file.</summary>
    private sealed class InputLimitException(Mark at, string message) : Exception(message)
    {
        public int Line { get; } = (int)Math.Max(1, at.Line);
        public int Column { get; } = (int)Math.Max(1, at.Column);
    }

    /// <summary>
    /// Passes the parser's events to the node loader, checking each against <see cref="InputLimits"/> first. The
    /// parser itself keeps its state on the heap, so only the loader (one call per level) and the readers recurse, and
    /// they never see a level past <see cref="InputLimits.MaxDepth"/>. An alias is counted as the nodes and levels of
    /// the node it names, which are known when that node ends; an alias to a node still open would contain itself.
    /// </summary>
    private sealed class BoundedParser(IParser inner) : IParser
    {
        private sealed class Open(string? anchor)
        {
            public string? Anchor { get; } = anchor;
            public long Nodes { get; set; } = 1;
            public int Height { get; set; } = 1;
        }

        private readonly Stack<Open> _open = new();
        private readonly Dictionary<string, (long Nodes, int Height)> _anchors = new(StringComparer.Ordinal);
        private long _nodes;

        public ParsingEvent? Current => inner.Current;

        public bool MoveNext()
        {
            if (!inner.MoveNext())
            {
                return false;
            }
            switch (inner.Current)
            {
                case Scalar scalar:
                    CheckValue(scalar);
                    Add(scalar, 1, 0);
                    Remember(scalar.Anchor, 1, 0);
                    break;
                case SequenceStart or MappingStart:
                    var start = (NodeEvent)inner.Current;
                    if (_open.Count + 1 > InputLimits.MaxDepth)
                    {
                        throw new InputLimitException(start.Start,
                            $"nests lists and mappings more than {InputLimits.MaxDepth} levels deep; a file may nest at most {InputLimits.MaxDepth}");
                    }
                    CountNodes(start, 1);
                    _open.Push(new Open(start.Anchor.IsEmpty ? null : start.Anchor.Value));
                    break;
                case SequenceEnd or MappingEnd:
                    var ended = _open.Pop();
                    if (_open.TryPeek(out var parent))
                    {
                        parent.Nodes += ended.Nodes;
                        parent.Height = Math.Max(parent.Height, ended.Height + 1);
                    }
                    if (ended.Anchor is { } anchor)
                    {
                        _anchors[anchor] = (ended.Nodes, ended.Height);
                    }
                    break;
                case AnchorAlias alias:
                    Expand(alias);
                    break;
            }
            return true;
        }

        private static void CheckValue(Scalar scalar)
        {
            var value = scalar.Value.AsSpan();
            if (value.Length > InputLimits.MaxScalarLength)
            {
                throw new InputLimitException(scalar.Start,
                    $"holds a value of {value.Length.ToString("N0", CultureInfo.InvariantCulture)} characters; a value may be at most {InputLimits.MaxScalarLength.ToString("N0", CultureInfo.InvariantCulture)} characters");
            }
            if (InputLimits.IndexOfRefusedControl(value) is >= 0 and var at)
            {
                throw new InputLimitException(scalar.Start, $"a value {InputLimits.DescribeControl(value, at)}");
            }
        }

        private void Expand(AnchorAlias alias)
        {
            var name = alias.Value.Value;
            if (_open.Any(o => o.Anchor == name))
            {
                throw new InputLimitException(alias.Start, $"the alias *{InputLimits.Quote(name).Trim('\'')} refers to a node that contains it, so reading it would never end");
            }
            if (!_anchors.TryGetValue(name, out var anchored))
            {
                // An alias to no anchor: the loader reports it as invalid YAML.
                return;
            }
            if (_open.Count + anchored.Height > InputLimits.MaxDepth)
            {
                throw new InputLimitException(alias.Start,
                    $"the alias *{InputLimits.Quote(name).Trim('\'')} stands for lists and mappings that would nest more than {InputLimits.MaxDepth} levels deep here; a file may nest at most {InputLimits.MaxDepth}");
            }
            Add(alias, anchored.Nodes, anchored.Height);
        }

        /// <summary>Counts a complete node (a value, or what an alias stands for) into the document and the list or mapping holding it.</summary>
        private void Add(ParsingEvent at, long nodes, int height)
        {
            CountNodes(at, nodes);
            if (_open.TryPeek(out var parent))
            {
                parent.Nodes += nodes;
                parent.Height = Math.Max(parent.Height, height + 1);
            }
        }

        private void CountNodes(ParsingEvent at, long nodes)
        {
            _nodes += nodes;
            if (_nodes > InputLimits.MaxNodes)
            {
                throw new InputLimitException(at.Start,
                    $"holds more than {InputLimits.MaxNodes.ToString("N0", CultureInfo.InvariantCulture)} nodes (values, lists and mappings, an alias counting as all it stands for); a file may hold at most {InputLimits.MaxNodes.ToString("N0", CultureInfo.InvariantCulture)}");
            }
        }

        private void Remember(AnchorName anchor, long nodes, int height)
        {
            if (!anchor.IsEmpty)
            {
                _anchors[anchor.Value] = (nodes, height);
            }
        }
    }
}
