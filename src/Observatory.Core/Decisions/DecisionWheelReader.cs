using Observatory.Content;
using Observatory.Frameworks;
using YamlDotNet.RepresentationModel;

namespace Observatory.Decisions;

/// <summary>
/// Reads a decision wheel file and checks it (docs/decisions.md), reporting every problem with its file, line and
/// field: exactly one outer and one inner ring, segment ids unique across the wheel, every segment's origin one the
/// file explains, at least one guiding question, and its element one the framework catalogue holds.
/// </summary>
public static class DecisionWheelReader
{
    public const int MaxSegments = 40;

    private static readonly string[] WheelKeys = ["id", "title", "version", "publisher", "summary", "origins", "rings"];
    private static readonly string[] RingKeys = ["id", "name", "position", "segments"];
    private static readonly string[] SegmentKeys = ["id", "name", "origin", "element", "questions"];

    private static readonly IReadOnlyDictionary<string, RingPosition> Positions = new Dictionary<string, RingPosition>
    {
        ["outer"] = RingPosition.Outer,
        ["inner"] = RingPosition.Inner,
    };

    public static (DecisionWheel? Wheel, IReadOnlyList<ContentProblem> Problems) Read(string file, string text, string? expectedId, Func<ElementRef, bool> elementExists)
    {
        var doc = YamlFile.Parse(file, text);
        if (doc.Root is not { } root)
        {
            return (null, doc.Problems);
        }
        doc.RejectUnknownKeys(root, "", WheelKeys);
        var id = doc.FileId(root, "id", expectedId);
        var origins = new Dictionary<string, string>(StringComparer.Ordinal);
        switch (doc.Get(root, "origins"))
        {
            case YamlMappingNode map:
                foreach (var (key, value) in map.Children)
                {
                    if (value is YamlScalarNode { Value: { Length: > 0 } words } && key is YamlScalarNode { Value: { Length: > 0 } name })
                    {
                        origins[name] = words.Trim();
                    }
                    else
                    {
                        doc.Problem(value, $"origins.{key}", "must be words saying where segments with this origin come from");
                    }
                }
                break;
            case null:
                doc.Problem(root, "origins", "is required: say where the segments come from");
                break;
            case var other:
                doc.Problem(other, "origins", "must be a mapping of origin names to words");
                break;
        }
        var rings = new List<WheelRing>();
        var segmentIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (ringMap, ringPath) in doc.MappingList(root, "rings", "", required: true))
        {
            doc.RejectUnknownKeys(ringMap, ringPath, RingKeys);
            var ringId = doc.RequiredId(ringMap, "id", ringPath);
            var position = doc.Choice(ringMap, "position", ringPath, Positions);
            var segments = new List<WheelSegment>();
            foreach (var (segment, segmentPath) in doc.MappingList(ringMap, "segments", ringPath, required: true))
            {
                doc.RejectUnknownKeys(segment, segmentPath, SegmentKeys);
                var segmentId = doc.RequiredId(segment, "id", segmentPath);
                if (segmentId.Length > 0 && !segmentIds.Add(segmentId))
                {
                    doc.Problem(doc.Get(segment, "id"), YamlFile.Join(segmentPath, "id"), $"'{segmentId}' is already a segment of this wheel");
                }
                var origin = doc.RequiredString(segment, "origin", segmentPath, YamlFile.MaxIdLength);
                if (origin.Length > 0 && doc.Get(root, "origins") is YamlMappingNode && !origins.ContainsKey(origin))
                {
                    doc.Problem(doc.Get(segment, "origin"), YamlFile.Join(segmentPath, "origin"),
                        $"'{origin}' is not one of the origins the file explains ({string.Join(", ", origins.Keys)})");
                }
                ElementRef? element = null;
                if (doc.OptionalString(segment, "element", segmentPath, FrameworkReader.MaxNameLength) is { } elementText)
                {
                    if (ElementRef.TryParse(elementText, out var parsed) && elementExists(parsed))
                    {
                        element = parsed;
                    }
                    else
                    {
                        doc.Problem(doc.Get(segment, "element"), YamlFile.Join(segmentPath, "element"), $"'{elementText}' is not an element of the framework catalogue (framework-id/element-id)");
                    }
                }
                var questions = doc.OptionalStringList(segment, "questions", segmentPath, FrameworkReader.MaxTextLength);
                if (questions.Count == 0)
                {
                    doc.Problem(doc.Get(segment, "questions") ?? segment, YamlFile.Join(segmentPath, "questions"), "give at least one guiding question");
                }
                segments.Add(new WheelSegment(segmentId, doc.RequiredString(segment, "name", segmentPath, FrameworkReader.MaxNameLength),
                    origins.GetValueOrDefault(origin, ""), questions, element));
            }
            rings.Add(new WheelRing(ringId, doc.RequiredString(ringMap, "name", ringPath, FrameworkReader.MaxNameLength), position ?? RingPosition.Outer, segments));
        }
        if (doc.Get(root, "rings") is YamlSequenceNode ringList)
        {
            if (rings.Count(r => r.Position == RingPosition.Outer) != 1 || rings.Count(r => r.Position == RingPosition.Inner) != 1 || rings.Count != 2)
            {
                doc.Problem(ringList, "rings", "a wheel has two rings: one with position 'outer' and one with position 'inner'");
            }
            if (segmentIds.Count > MaxSegments)
            {
                doc.Problem(ringList, "rings", $"holds {segmentIds.Count} segments; a wheel may have at most {MaxSegments}");
            }
        }
        var wheel = new DecisionWheel
        {
            Id = id,
            Title = doc.RequiredString(root, "title", "", FrameworkReader.MaxNameLength),
            Version = doc.RequiredString(root, "version", "", FrameworkReader.MaxNameLength),
            Publisher = doc.RequiredString(root, "publisher", "", FrameworkReader.MaxNameLength),
            Summary = doc.RequiredString(root, "summary", "", FrameworkReader.MaxTextLength),
            // Outer ring first, as the wheel is read: the ceiling, then the foundation.
            Rings = [.. rings.OrderBy(r => r.Position)],
            SourceFile = file,
        };
        return doc.Problems.Count == 0 ? (wheel, []) : (null, doc.Problems);
    }
}
