using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Observatory.Content;

/// <summary>
/// Reads a YAML (or JSON, which YAML includes) document node by node, keeping line numbers, so that every
/// problem in a data file can be reported as file, line and field. Unknown keys are errors: a misspelt key
/// silently ignored is a definition silently lost.
/// </summary>
public sealed partial class YamlFile
{
    private readonly List<ContentProblem> _problems = [];

    private YamlFile(string file) => File = file;

    public string File { get; }

    public YamlMappingNode? Root { get; private set; }

    public IReadOnlyList<ContentProblem> Problems => _problems;

    public static YamlFile Parse(string file, string text)
    {
        var doc = new YamlFile(file);
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode map)
            {
                doc.Problem(1, 1, "", "the file must hold one mapping (key: value pairs) at the top level");
            }
            else
            {
                doc.Root = map;
            }
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

    public void Problem(int line, int column, string field, string message) =>
        _problems.Add(new ContentProblem(File, line, column, field, message));

    /// <summary>Reports keys of <paramref name="map"/> that are not in <paramref name="allowed"/>.</summary>
    public void RejectUnknownKeys(YamlMappingNode map, string path, IReadOnlyCollection<string> allowed)
    {
        foreach (var key in map.Children.Keys)
        {
            var name = (key as YamlScalarNode)?.Value ?? "";
            if (!allowed.Contains(name))
            {
                Problem(key, Join(path, name), $"unknown key '{name}' (expected one of: {string.Join(", ", allowed)})");
            }
        }
    }

    public YamlNode? Get(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : null;

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

    public string RequiredId(YamlMappingNode map, string key, string path)
    {
        var value = RequiredString(map, key, path);
        if (value.Length > 0 && !IdPattern().IsMatch(value))
        {
            Problem(Get(map, key), Join(path, key), $"'{value}' must be lower-case letters, digits and single hyphens (e.g. 'area-of-focus')");
        }
        return value;
    }

    public IReadOnlyList<string> OptionalStringList(YamlMappingNode map, string key, string path)
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
        Problem(Get(map, key), Join(path, key), $"'{text}' is not one of: {string.Join(", ", choices.Keys)}");
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
        Problem(Get(map, key), Join(path, key), $"'{text}' must be a number");
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
        Problem(Get(map, key), Join(path, key), $"'{text}' must be a whole number from {min} to {max}");
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
}
