using Observatory.Frameworks;

namespace Observatory.Evidence;

/// <summary>The kinds of item the sources' Observatory holds: "briefings, reports, policy papers and media", and case studies and datasets.</summary>
public enum EvidenceKind
{
    CaseStudy,
    Briefing,
    Report,
    PolicyPaper,
    Media,
    Dataset,
}

/// <summary>Where an item stands in the what-works sense: an early idea, shown to work, or taken up widely.</summary>
public enum WhatWorksStatus
{
    Promising,
    Evidenced,
    Scaled,
}

public sealed record EvidenceLink(string Title, string Url);

/// <summary>Why an item is tagged with one framework element: a sentence quoted or paraphrased from its source.</summary>
public sealed record EvidenceTagReason(ElementRef Element, string Because);

/// <summary>Where the sources name this example: the file in the source documents and its section.</summary>
public sealed record EvidenceSource(string File, string Section);

/// <summary>
/// One piece of what-works evidence: what a place did, who did it, which framework elements it illustrates and how
/// strong the evidence is. The same shape whether it ships in <c>data/evidence/</c> or a user contributed it.
/// </summary>
public sealed record EvidenceItem
{
    public const int MaxTitleLength = 200;
    public const int MaxSummaryLength = 2_000;
    public const int MaxBodyLength = 50_000;

    /// <summary>A place name, an organisation, a link's title, a source's file or section.</summary>
    public const int MaxNameLength = 300;

    public const int MaxUrlLength = 2_000;

    /// <summary>A strength reason or a tag's "because": one or two sentences.</summary>
    public const int MaxReasonLength = 1_000;

    public required string Id { get; init; }
    public required string Title { get; init; }
    public required EvidenceKind Kind { get; init; }

    /// <summary>Plain text: what was done and why it matters.</summary>
    public required string Summary { get; init; }

    /// <summary>Markdown, rendered without raw HTML.</summary>
    public string? Body { get; init; }

    /// <summary>GSS codes of UK places, or ISO 3166 alpha-3 codes of countries abroad.</summary>
    public IReadOnlyList<string> Places { get; init; } = [];

    /// <summary>The places as the source writes them (a city abroad, a neighbourhood), shown beside the coded places.</summary>
    public IReadOnlyList<string> PlaceNames { get; init; } = [];

    public IReadOnlyList<string> Organisations { get; init; } = [];
    public int? Year { get; init; }
    public IReadOnlyList<EvidenceLink> Links { get; init; } = [];
    public IReadOnlyList<ElementRef> Elements { get; init; } = [];

    /// <summary>1–5 on the standards of evidence scale (<see cref="StrengthOfEvidence"/>).</summary>
    public required int Strength { get; init; }

    /// <summary>
    /// Why the item sits at its level on the standards of evidence scale, in one sentence drawn from what its source
    /// shows (e.g. a plan with no measured outcome: level 1). Every shipped item has one; a contribution may not.
    /// </summary>
    public string? StrengthReason { get; init; }

    /// <summary>
    /// For some of <see cref="Elements"/>, why the item is tagged with it, from its source. Every shipped item gives
    /// one for each 4Rs pillar and each area of focus it is tagged with.
    /// </summary>
    public IReadOnlyList<EvidenceTagReason> TagReasons { get; init; } = [];

    /// <summary>
    /// Where the source names no area of focus for the item: why none is claimed, rather than a tag it cannot support.
    /// </summary>
    public string? NoAreaOfFocus { get; init; }

    public required WhatWorksStatus Status { get; init; }

    /// <summary>
    /// Published without organisation names: the consultation asked for case studies that cannot be dismissed for
    /// who did them.
    /// </summary>
    public bool Anonymous { get; init; }

    /// <summary>Where the sources name it; every shipped item has one, a contribution may not.</summary>
    public EvidenceSource? Source { get; init; }

    /// <summary>The shipped collection it came from (e.g. rr-table-1); null for a contribution.</summary>
    public string? Collection { get; init; }

    /// <summary>The organisations a reader may see: none when the item is published anonymously.</summary>
    public IReadOnlyList<string> ShownOrganisations => Anonymous ? [] : Organisations;

    /// <summary>Why the item is tagged with <paramref name="element"/>, if its data says.</summary>
    public string? BecauseOf(ElementRef element) => TagReasons.FirstOrDefault(r => r.Element == element)?.Because;
}

/// <summary>The five-level standards of evidence scale (after Nesta), documented in docs/data-formats.md.</summary>
public static class StrengthOfEvidence
{
    public const int Lowest = 1;
    public const int Highest = 5;

    public static readonly IReadOnlyList<(int Level, string Name, string Meaning)> Levels =
    [
        (1, "Described", "The work is described: what it does and why it should matter, coherently and convincingly."),
        (2, "Positive change", "Data shows positive change, but cannot show the work caused it."),
        (3, "Causal", "A comparison or control group shows the work caused the change."),
        (4, "Replicated", "Independent evaluation has replicated the result."),
        (5, "Systematised", "Manuals, systems and procedures let others replicate it with consistent impact."),
    ];

    public static string NameOf(int level) => Levels.FirstOrDefault(l => l.Level == level).Name ?? "Unknown";

    public static string MeaningOf(int level) => Levels.FirstOrDefault(l => l.Level == level).Meaning ?? "";
}

/// <summary>The spellings used in data files, pages, the API and exports.</summary>
public static class EvidenceSpellings
{
    public static readonly IReadOnlyDictionary<string, EvidenceKind> Kinds = new Dictionary<string, EvidenceKind>
    {
        ["case-study"] = EvidenceKind.CaseStudy,
        ["briefing"] = EvidenceKind.Briefing,
        ["report"] = EvidenceKind.Report,
        ["policy-paper"] = EvidenceKind.PolicyPaper,
        ["media"] = EvidenceKind.Media,
        ["dataset"] = EvidenceKind.Dataset,
    };

    public static readonly IReadOnlyDictionary<string, WhatWorksStatus> Statuses = new Dictionary<string, WhatWorksStatus>
    {
        ["promising"] = WhatWorksStatus.Promising,
        ["evidenced"] = WhatWorksStatus.Evidenced,
        ["scaled"] = WhatWorksStatus.Scaled,
    };

    public static string Of(EvidenceKind kind) => Content.YamlFile.Spelling(Kinds, kind);

    public static string Of(WhatWorksStatus status) => Content.YamlFile.Spelling(Statuses, status);

    public static string KindName(EvidenceKind kind) => kind switch
    {
        EvidenceKind.CaseStudy => "Case study",
        EvidenceKind.PolicyPaper => "Policy paper",
        _ => kind.ToString(),
    };
}
