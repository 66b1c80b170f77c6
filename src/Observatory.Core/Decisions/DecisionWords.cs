using Observatory.Accounts;
using Observatory.Portraits;

namespace Observatory.Decisions;

/// <summary>The words pages, the API and the drawing use for scores, kinds and states, in one place.</summary>
public static class DecisionWords
{
    public static readonly IReadOnlyDictionary<string, DecisionKind> Kinds = new Dictionary<string, DecisionKind>(StringComparer.OrdinalIgnoreCase)
    {
        ["cabinet-proposal"] = DecisionKind.CabinetProposal,
        ["committee-proposal"] = DecisionKind.CommitteeProposal,
        ["project"] = DecisionKind.Project,
        ["policy"] = DecisionKind.Policy,
    };

    public static string KindSlug(DecisionKind kind) => Kinds.First(k => k.Value == kind).Key;

    public static string KindName(DecisionKind kind) => kind switch
    {
        DecisionKind.CabinetProposal => "Cabinet proposal",
        DecisionKind.CommitteeProposal => "Committee proposal",
        DecisionKind.Project => "Project",
        _ => "Policy",
    };

    /// <summary>The five-point scale as Cornwall Council's decision wheel words its ends.</summary>
    public static string ScoreName(int? score) => score switch
    {
        1 => "1 – long-lasting or severe negative impact",
        2 => "2 – some negative impact",
        3 => "3 – neutral or balanced impact",
        4 => "4 – some positive impact",
        5 => "5 – long-lasting or extensive positive impact",
        _ => "Unknown – the impact is not known",
    };

    public static string ScoreShort(int? score) => score switch
    {
        1 => "1 severe negative",
        2 => "2 negative",
        3 => "3 neutral",
        4 => "4 positive",
        5 => "5 extensive positive",
        _ => "unknown",
    };

    public static string ScoreSlug(int? score) => score?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown";

    public static string StateSlug(WorkflowState state) => state.ToString().ToLowerInvariant();

    public static string StateName(WorkflowState state) => state switch
    {
        WorkflowState.Draft => "Draft",
        WorkflowState.Submitted => "Submitted for approval",
        _ => "Published",
    };

    public static string StatusName(DimensionStatus status) => status switch
    {
        DimensionStatus.Shortfall => "shortfall",
        DimensionStatus.Overshoot => "overshoot",
        DimensionStatus.Within => "within the safe and just space",
        _ => "no data",
    };
}
