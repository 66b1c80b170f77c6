using System.Text.Json;
using Observatory.Assessments;
using Observatory.Assessments.Benchmarking;

namespace Observatory.Core.Tests.Assessments.Benchmarking;

/// <summary>The statistics of a benchmark: medians and quartiles by the weakest-link rule, and which figures are suppressed.</summary>
public sealed class BenchmarkEngineTests
{
    private static readonly PeerGroup All = new("all", PeerGroupKind.All, "All");
    private static readonly PeerGroup England = new("nation-england", PeerGroupKind.Nation, "England");
    private static readonly PeerGroup Wales = new("nation-wales", PeerGroupKind.Nation, "Wales");

    [Fact]
    public void Quartiles_are_linear_interpolations_between_the_sorted_levels()
    {
        // Levels 1, 2, 3, 4: h = 3p, so the lower quartile is 1 + 0.75 × (2 − 1), the median halfway between 2 and 3.
        BenchmarkEngine.Spread([0, 1, 1, 1, 1, 0]).ShouldBe(new Distribution(4, 2.5, 1.75, 3.25));
        // Levels 1, 2, 3, 4, 5: every quartile falls on a level.
        BenchmarkEngine.Spread([0, 1, 1, 1, 1, 1]).ShouldBe(new Distribution(5, 3, 2, 4));
        // Levels 2, 2, 2, 2, 2, 5: ties.
        BenchmarkEngine.Spread([0, 0, 5, 0, 0, 1]).ShouldBe(new Distribution(6, 2, 2, 2));
        // Levels 0, 3, 3, 4, 4, 4, 5: a contributor not yet at any level counts as 0.
        BenchmarkEngine.Spread([1, 0, 0, 2, 3, 1]).ShouldBe(new Distribution(7, 4, 3, 4));
    }

    [Fact]
    public void Every_figure_of_the_data_maturity_assessment_is_the_median_and_quartiles_of_the_weakest_link_scores()
    {
        var template = BenchmarkData.Dmag;
        var random = new Random(42);
        // Twelve councils answering everything, and three who left some questions unanswered.
        var contributions = Enumerable.Range(0, 15).Select(i => new BenchmarkContribution(i, ["E08000010"],
            template.Questions.Where(_ => i < 12 || random.Next(4) > 0).ToDictionary(q => q.Id, _ => random.Next(1, 6)))).ToList();

        var statistics = BenchmarkEngine.Compute(template, "2026/27", contributions, [All], [.. contributions.Select(_ => new[] { 0 })]);

        var scores = contributions.Select(c => AssessmentScoring.Score(AssessmentScoring.Answers(template,
            c.Levels.ToDictionary(a => a.Key, a => new Answer(a.Value, null, null))))).ToList();
        var figures = statistics.Groups.Single().Figures.ToDictionary(f => f.Item);
        statistics.Items.Count.ShouldBe(1 + 10 + template.Topics.Sum(t => t.Themes.Count) + 97);
        // A contributor is counted for a part when it answered at least one of its questions.
        IEnumerable<int> Counted(IEnumerable<string> questions, Func<TemplateScore, int> level) =>
            contributions.Select((c, i) => (c, i)).Where(p => questions.Any(p.c.Levels.ContainsKey)).Select(p => level(scores[p.i]));
        void Check(string item, IReadOnlyList<int> levels)
        {
            var d = figures[item].Distribution.ShouldNotBeNull(item);
            d.Count.ShouldBe(levels.Count, item);
            d.Median.ShouldBe(BenchmarkData.Quantile(levels, 0.5), item);
            d.LowerQuartile.ShouldBe(BenchmarkData.Quantile(levels, 0.25), item);
            d.UpperQuartile.ShouldBe(BenchmarkData.Quantile(levels, 0.75), item);
        }
        Check("overall", [.. Counted(template.Questions.Select(q => q.Id), s => s.Overall.WeakestLink!.Value)]);
        foreach (var topic in template.Topics)
        {
            Check(topic.Id, [.. Counted(topic.Questions.Select(q => q.Id), s => s.Topics.Single(t => t.Id == topic.Id).WeakestLink!.Value)]);
            foreach (var theme in topic.Themes)
            {
                var levels = Counted(theme.Questions.Select(q => q.Id), s => s.Topics.Single(t => t.Id == topic.Id).Parts.Single(p => p.Id == theme.Id).WeakestLink!.Value).ToList();
                if (levels.Count >= 5)
                {
                    Check($"{topic.Id}/{theme.Id}", levels);
                }
            }
        }
        foreach (var question in template.Questions)
        {
            var answered = contributions.Where(c => c.Levels.ContainsKey(question.Id)).Select(c => c.Levels[question.Id]).ToList();
            if (answered.Count >= 5)
            {
                Check(question.Id, answered);
            }
            else
            {
                figures[question.Id].Suppressed.ShouldBe(SuppressionReason.FewerThanFive);
            }
        }
    }

    [Fact]
    public void A_group_of_fewer_than_five_is_suppressed_and_so_is_the_group_that_would_give_it_away_by_difference()
    {
        // 12 organisations: 10 in England, 2 in Wales. Wales is too small; "all" minus England would be Wales, so
        // England (the smaller of the two) goes too, and "all" stays.
        var contributions = BenchmarkData.From(Enumerable.Repeat("E08000010", 10).Concat(Enumerable.Repeat("W06000015", 2)), BenchmarkData.Dmag);
        var membership = contributions.Select((_, i) => i < 10 ? new[] { 0, 1 } : new[] { 0, 2 }).ToList();

        var s = BenchmarkEngine.Compute(BenchmarkData.Dmag, "2026/27", contributions, [All, England, Wales], membership);

        s.Group("all")!.Suppressed.ShouldBeNull();
        s.Group("all")!.Contributors.ShouldBe(12);
        s.Group("nation-england")!.Suppressed.ShouldBe(SuppressionReason.Complementary);
        s.Group("nation-england")!.Contributors.ShouldBeNull();
        s.Group("nation-wales")!.Suppressed.ShouldBe(SuppressionReason.FewerThanFive);
        s.Group("nation-wales")!.Contributors.ShouldBeNull();
        s.Group("nation-england")!.Figures.ShouldAllBe(f => f.Distribution == null && f.Suppressed == SuppressionReason.Complementary);
        s.Group("nation-wales")!.Figures.ShouldAllBe(f => f.Distribution == null && f.Suppressed == SuppressionReason.FewerThanFive);
        s.Group("all")!.Figures.ShouldAllBe(f => f.Distribution != null && f.Distribution.Count == 12);
    }

    [Fact]
    public void The_regions_inside_a_nation_may_not_leave_a_remainder_of_fewer_than_five()
    {
        // England 30: North West 10, London 10, South East 7, North East 3. The North East is too small; England
        // minus the other three would be the North East, so the smallest of them (the South East) goes too.
        var regions = new[] { ("region-north-west", 10), ("region-london", 10), ("region-south-east", 7), ("region-north-east", 3) };
        PeerGroup[] groups = [All, England, .. regions.Select(r => new PeerGroup(r.Item1, PeerGroupKind.Region, r.Item1))];
        var membership = regions.SelectMany((r, i) => Enumerable.Repeat(new[] { 0, 1, 2 + i }, r.Item2)).ToList();
        var contributions = BenchmarkData.From(Enumerable.Repeat("E08000010", membership.Count), BenchmarkData.Dmag);

        var s = BenchmarkEngine.Compute(BenchmarkData.Dmag, "2026/27", contributions, groups, membership);

        s.Groups.Select(g => (g.Group.Id, g.Suppressed)).ShouldBe(
        [
            ("all", null), ("nation-england", null), ("region-north-west", null), ("region-london", null),
            ("region-south-east", SuppressionReason.Complementary), ("region-north-east", SuppressionReason.FewerThanFive),
        ]);
    }

    [Fact]
    public void A_question_few_answered_is_suppressed_on_its_own_while_its_topic_is_published()
    {
        var template = BenchmarkData.Dmag;
        var skipped = template.Questions.First().Id;
        var contributions = BenchmarkData.From(Enumerable.Repeat("E08000010", 6), template)
            .Select((c, i) => i < 2 ? c : c with { Levels = c.Levels.Where(kv => kv.Key != skipped).ToDictionary() }).ToList();

        var s = BenchmarkEngine.Compute(template, "2026/27", contributions, [All], [.. contributions.Select(_ => new[] { 0 })]);

        var figures = s.Groups.Single().Figures.ToDictionary(f => f.Item);
        figures[skipped].Suppressed.ShouldBe(SuppressionReason.FewerThanFive);
        // The topic counts all six: an unanswered question is at no level (0) by the weakest-link rule.
        var topic = template.Topics.First();
        figures[topic.Id].Distribution.ShouldNotBeNull().Count.ShouldBe(6);
        figures[topic.Id].Distribution!.LowerQuartile.ShouldBe(0);
    }

    [Fact]
    public void The_published_statistics_name_no_organisation()
    {
        var contributions = BenchmarkData.From(Enumerable.Repeat("E08000010", 8), BenchmarkData.Dmag)
            .Select((c, i) => c with { OrganisationId = 987_654_300 + i }).ToList();

        var s = BenchmarkEngine.Compute(BenchmarkData.Dmag, "2026/27", contributions, BenchmarkData.Groups);
        var json = JsonSerializer.Serialize(s);

        foreach (var c in contributions)
        {
            json.ShouldNotContain(c.OrganisationId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        json.ShouldNotContain("E08000010");
    }

    [Fact]
    public void A_checklist_is_benchmarked_by_section_on_the_numbers_its_answers_are_given()
    {
        var template = TemplateFiles.Shipped.Find("local-digital-capital")!;
        template.Structure.ShouldBe(TemplateStructure.Sections);
        var random = new Random(3);
        // No = 0, partly = 1, yes = 2, as a source might number them.
        var contributions = Enumerable.Range(0, 9).Select(i => new BenchmarkContribution(i, ["E08000010"],
            template.Questions.ToDictionary(q => q.Id, _ => random.Next(0, 3)))).ToList();

        var s = BenchmarkEngine.Compute(template, "2026/27", contributions, [All], [.. contributions.Select(_ => new[] { 0 })]);

        s.Items.ShouldNotContain(i => i.Kind == BenchmarkItemKind.Theme);
        var figures = s.Groups.Single().Figures.ToDictionary(f => f.Item);
        foreach (var section in template.Topics)
        {
            var levels = contributions.Select(c => section.Questions.Min(q => c.Levels[q.Id])).ToList();
            figures[section.Id].Distribution.ShouldNotBeNull().Median.ShouldBe(BenchmarkData.Quantile(levels, 0.5));
        }
    }
}
