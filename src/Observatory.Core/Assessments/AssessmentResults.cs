using Microsoft.EntityFrameworkCore;
using Observatory.Accounts;
using Observatory.Evidence;
using Observatory.Frameworks;
using Observatory.Indicators;
using Observatory.Outcomes;

namespace Observatory.Assessments;

/// <summary>A published evidence library item that illustrates an element a gap is about.</summary>
public sealed record WhatWorksItem(string Slug, string Title, EvidenceKind Kind, int? Year, int SharedElements);

/// <summary>An indicator the catalogue tags as evidence for an element a gap is about.</summary>
public sealed record WhatWorksIndicator(string Id, string Name);

/// <summary>"What works for this gap": a weak part, the framework elements its questions evidence, and what the Observatory holds on them.</summary>
public sealed record GapGuidance(PartScore Part, IReadOnlyList<ElementRef> Elements, IReadOnlyList<WhatWorksItem> Evidence, IReadOnlyList<WhatWorksIndicator> Indicators);

/// <summary>Everything a results page or a board report shows of one set of answers: the scores, the words and the guidance.</summary>
public sealed record AssessmentReport(TemplateScore Score, ResultSentences Words, IReadOnlyList<GapGuidance> WhatWorks)
{
    public AssessmentTemplate Template => Score.Template;
}

/// <summary>
/// Turns answers into results a board can read: the scores (<see cref="AssessmentScoring"/>), strengths and gaps in
/// words (<see cref="ResultWords"/>), and for each gap the evidence library items and indicators tagged to the same
/// framework elements as its questions. The try-it page, an organisation's assessment and the downloadable report all
/// go through here, so they always agree.
/// </summary>
public sealed class AssessmentResults(AssessmentTemplates templates, EvidenceLibrary evidence, IndicatorCatalogue indicators)
{
    /// <summary>At most this many evidence items and indicators are named for one gap.</summary>
    public const int MostLinks = 5;

    /// <summary>Scores raw answers to a template without keeping them; refuses answers the template does not take, naming each question.</summary>
    public async Task<Outcome<AssessmentReport>> ReportAsync(Actor actor, string templateId, IReadOnlyDictionary<string, string?> answers, CancellationToken cancellationToken = default)
    {
        if (!(await templates.ScoreAsync(templateId, answers, cancellationToken)).Succeeded(out var score, out var refusal))
        {
            return refusal;
        }
        return await ReportAsync(actor, score, cancellationToken);
    }

    /// <summary>The report on answers already checked against their template, such as an organisation's saved assessment.</summary>
    public Task<AssessmentReport> ReportAsync(Actor actor, AnswerSet answers, CancellationToken cancellationToken = default) =>
        ReportAsync(actor, AssessmentScoring.Score(answers), cancellationToken);

    private async Task<AssessmentReport> ReportAsync(Actor actor, TemplateScore score, CancellationToken cancellationToken)
    {
        var words = ResultWords.Describe(score);
        var gaps = words.GapParts
            .Select(part => (Part: part, Elements: ElementsOf(score.Template, part)))
            .ToList();
        if (gaps.Count == 0)
        {
            return new AssessmentReport(score, words, []);
        }
        var keys = gaps.SelectMany(g => g.Elements).Select(e => e.ToString()).Distinct().ToList();
        var items = await evidence.Published(actor)
            .Where(e => e.Elements.Any(x => keys.Contains(x.Element)))
            .Select(e => new { e.Slug, e.Title, e.Kind, e.Year, Elements = e.Elements.Select(x => x.Element).ToList() })
            .ToListAsync(cancellationToken);
        var guidance = gaps.Select(gap =>
        {
            var mine = gap.Elements.Select(e => e.ToString()).ToHashSet(StringComparer.Ordinal);
            var found = items
                .Select(i => new WhatWorksItem(i.Slug, i.Title, i.Kind, i.Year, i.Elements.Count(mine.Contains)))
                .Where(i => i.SharedElements > 0)
                .OrderByDescending(i => i.SharedElements).ThenByDescending(i => i.Year).ThenBy(i => i.Slug, StringComparer.Ordinal)
                .Take(MostLinks)
                .ToList();
            var measured = gap.Elements.SelectMany(e => indicators.ByElement(e))
                .DistinctBy(i => i.Id)
                .Take(MostLinks)
                .Select(i => new WhatWorksIndicator(i.Id, i.Name))
                .ToList();
            return new GapGuidance(gap.Part, gap.Elements, found, measured);
        }).ToList();
        return new AssessmentReport(score, words, guidance);
    }

    /// <summary>The elements a part's scored questions evidence, in the order they are first named.</summary>
    private static List<ElementRef> ElementsOf(AssessmentTemplate template, PartScore part) =>
        [.. template.Topics.Where(t => t.Id == part.Id).SelectMany(t => t.Questions).Where(template.Scores).SelectMany(q => q.Elements).Distinct()];
}
