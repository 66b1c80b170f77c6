using Observatory.Frameworks;

namespace Observatory.Decisions;

/// <summary>Where a ring sits on the wheel: the environmental ceiling outside, the social foundation inside.</summary>
public enum RingPosition
{
    Outer,
    Inner,
}

/// <summary>
/// A decision wheel (data/decision-wheels/*.yaml): two rings of segments a decision's options are scored on, each
/// segment with where it comes from, its guiding questions and the Doughnut element it corresponds to (which gives the
/// place's portrait status beside it, and the evidence and indicators tagged to the same element).
/// </summary>
public sealed record DecisionWheel
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public required string Version { get; init; }
    public required string Publisher { get; init; }
    public required string Summary { get; init; }
    public required IReadOnlyList<WheelRing> Rings { get; init; }
    public required string SourceFile { get; init; }

    /// <summary>The organisation whose own wheel this is (a copy it edits), or null for a shipped wheel.</summary>
    public long? OrganisationId { get; init; }

    public IEnumerable<WheelSegment> Segments => Rings.SelectMany(r => r.Segments);

    public int SegmentCount => Rings.Sum(r => r.Segments.Count);

    public WheelSegment? Segment(string id) => Segments.FirstOrDefault(s => s.Id == id);

    public WheelRing? RingOf(string segmentId) => Rings.FirstOrDefault(r => r.Segments.Any(s => s.Id == segmentId));
}

public sealed record WheelRing(string Id, string Name, RingPosition Position, IReadOnlyList<WheelSegment> Segments);

/// <summary>One segment: its name, where it comes from (in words, shown on the page), its guiding questions and its Doughnut element.</summary>
public sealed record WheelSegment(string Id, string Name, string Origin, IReadOnlyList<string> Questions, ElementRef? Element);
