using Observatory.Accounts;
using Observatory.Portraits;

namespace Observatory.Decisions;

/// <summary>What a person sends to record a decision: its options as titles in order (A, B, …), with optional descriptions.</summary>
public sealed record DecisionInput(
    string? Title,
    string? Kind,
    string? PlaceCode,
    string? WheelId,
    string? Summary,
    IReadOnlyList<OptionInput>? Options);

public sealed record OptionInput(string? Title, string? Description = null);

/// <summary>
/// One option's scores on one segment. Scores are "1"…"5" or "unknown" (or empty, for unknown); every field replaces
/// what was stored.
/// </summary>
public sealed record ScoreInput(
    string? ShortTerm,
    string? LongTerm,
    string? Rationale = null,
    string? Mitigations = null,
    IReadOnlyList<string>? Evidence = null,
    string? AnsweredBy = null);

/// <summary>An option's short- and long-term impact on a segment; null is unknown.</summary>
public readonly record struct SegmentImpact(int? ShortTerm, int? LongTerm)
{
    public static readonly SegmentImpact Unknown = new(null, null);
}

/// <summary>
/// The place beside a segment: the status of the portrait dimension tagged to the same Doughnut element in the
/// council's latest portrait (the worst, where several dimensions share the element), or none when nothing measures it.
/// </summary>
public sealed record SegmentContext(string DimensionName, DimensionStatus Status)
{
    /// <summary>Whether the place is already short of the foundation or beyond the ceiling here.</summary>
    public bool IsUnderPressure => Status is DimensionStatus.Shortfall or DimensionStatus.Overshoot;
}

/// <summary>
/// A segment delegated to a member to answer: who answers it, who gave it to them and when, and when the delegation
/// ended (the decision was published). The person's id is for the organisation's own members; others see names only.
/// </summary>
public sealed record SegmentDelegate(string SegmentId, long PersonId, string Name, string DelegatedBy, DateTime DelegatedAt, DateTime? EndedAt)
{
    public bool IsActive => EndedAt is null;
}

/// <summary>Evidence that can be picked for a segment: an Observatory page (an evidence library item or an indicator) with its title and what it is.</summary>
public sealed record EvidenceChoice(string Link, string Title, string What);

/// <summary>A member of the decision's organisation a segment can be delegated to.</summary>
public sealed record Delegatable(long PersonId, string Name, Role Role);

/// <summary>An option that would make a segment worse (scored 1 or 2) where the place is already in shortfall or overshoot.</summary>
public sealed record PressureWarning(string OptionKey, string OptionTitle, WheelSegment Segment, SegmentContext Context, SegmentImpact Impact);

/// <summary>A decision with everything a page or the API shows of it, as the actor may see it.</summary>
public sealed record DecisionRecord(
    Decision Decision,
    Organisation Organisation,
    DecisionWheel Wheel,
    string PlaceName,
    IReadOnlyList<DecisionOption> Options,
    IReadOnlyList<SegmentScore> Scores,
    IReadOnlyDictionary<string, SegmentContext> Context,
    bool MayContribute,
    bool MayPublish,
    bool IsMember,
    IReadOnlyList<SegmentDelegate> Delegations,
    IReadOnlySet<string> DelegatedToYou,
    IReadOnlyDictionary<string, string> LinkTitles)
{
    /// <summary>What to show for an evidence link: the title of the evidence library item or indicator it names, or the link itself.</summary>
    public string LinkText(string link) => LinkTitles.GetValueOrDefault(link) ?? link;

    public bool CanEdit => MayContribute && Decision.State == WorkflowState.Draft;

    /// <summary>An editor of a draft gives segments to other members to answer.</summary>
    public bool CanDelegate => CanEdit;

    /// <summary>Whether the actor may score this segment: an editor any segment of a draft, a delegate only the segments given to them.</summary>
    public bool MayAnswer(string segmentId) => CanEdit || Decision.State == WorkflowState.Draft && DelegatedToYou.Contains(segmentId);

    /// <summary>Whether the actor answers some segments of this draft only because they were delegated to them.</summary>
    public bool IsDelegateOnly => !CanEdit && Decision.State == WorkflowState.Draft && DelegatedToYou.Count > 0;

    public SegmentDelegate? DelegateOf(string segmentId) => Delegations.FirstOrDefault(d => d.SegmentId == segmentId);

    public bool CanSubmit => CanEdit;

    public bool CanPublish => MayPublish && Decision.State == WorkflowState.Submitted;

    public SegmentScore? ScoreOf(string optionKey, string segmentId) =>
        Scores.FirstOrDefault(s => s.OptionKey == optionKey && s.SegmentId == segmentId);

    public SegmentImpact ImpactOf(string optionKey, string segmentId) =>
        ScoreOf(optionKey, segmentId) is { } s ? new SegmentImpact(s.ShortTerm, s.LongTerm) : SegmentImpact.Unknown;

    /// <summary>Every segment's impact for one option, for drawing its wheel.</summary>
    public IReadOnlyDictionary<string, SegmentImpact> ImpactsOf(string optionKey) =>
        Wheel.Segments.ToDictionary(s => s.Id, s => ImpactOf(optionKey, s.Id), StringComparer.Ordinal);

    public SegmentContext? ContextOf(string segmentId) => Context.GetValueOrDefault(segmentId);

    /// <summary>Where an option would worsen a segment in which the place is already under pressure: said in words, not only in colour.</summary>
    public IReadOnlyList<PressureWarning> Warnings =>
        [.. from option in Options
            from segment in Wheel.Segments
            let context = ContextOf(segment.Id)
            where context is { IsUnderPressure: true }
            let impact = ImpactOf(option.Key, segment.Id)
            where impact.ShortTerm <= 2 || impact.LongTerm <= 2
            select new PressureWarning(option.Key, option.Title, segment, context, impact)];
}

/// <summary>One row of a list of decisions.</summary>
public sealed record DecisionSummary(Decision Decision, string OrganisationName, string OrganisationSlug, int Options);

/// <summary>An organisation's decisions as the actor may see them, its own wheels (latest versions), and whether the actor may record one.</summary>
public sealed record OrganisationDecisionList(Organisation Organisation, IReadOnlyList<DecisionSummary> Decisions, IReadOnlyList<DecisionWheel> OwnWheels, bool CanRecord);
