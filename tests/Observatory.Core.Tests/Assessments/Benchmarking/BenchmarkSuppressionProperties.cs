using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Observatory.Assessments.Benchmarking;

namespace Observatory.Core.Tests.Assessments.Benchmarking;

/// <summary>
/// The suppression rule over generated, adversarial peer groups: organisations spread over council types, nations,
/// regions (inside one nation only) and clusters, many groups just above or below five, some organisations in no
/// region or cluster, and groups that coincide (a type that is exactly a nation). Whatever the spread, no published
/// figure rests on fewer than five organisations directly or by difference.
/// </summary>
public sealed class BenchmarkSuppressionProperties
{
    /// <summary>One organisation's place in the groups: type, nation, region (-1 none), cluster (-1 none).</summary>
    public sealed record Org(int Type, int Nation, int Region, int Cluster);

    public sealed record Case(Org[] Orgs)
    {
        public override string ToString() => string.Join(" ", Orgs.Select(o => $"{o.Type}{o.Nation}{o.Region}{o.Cluster}"));
    }

    private static readonly PeerGroupKind[] Kinds =
    [
        PeerGroupKind.All,
        PeerGroupKind.CouncilType, PeerGroupKind.CouncilType, PeerGroupKind.CouncilType, PeerGroupKind.CouncilType,
        PeerGroupKind.Nation, PeerGroupKind.Nation, PeerGroupKind.Nation,
        PeerGroupKind.Region, PeerGroupKind.Region, PeerGroupKind.Region, PeerGroupKind.Region,
        PeerGroupKind.Cluster, PeerGroupKind.Cluster, PeerGroupKind.Cluster,
    ];

    /// <summary>Type 3 is nation 1's own type (as Welsh principal areas are Wales); the others are nation 0's and 2's.</summary>
    private static Gen<Org> Orgs() =>
        from nation in Gen.Frequency((6, Gen.Constant(0)), (2, Gen.Constant(1)), (1, Gen.Constant(2)))
        from type in nation == 1 ? Gen.Constant(3) : Gen.Choose(0, 2)
        from region in nation == 0 ? Gen.Frequency((8, Gen.Choose(0, 3)), (1, Gen.Constant(-1))) : Gen.Constant(-1)
        from cluster in Gen.Frequency((8, Gen.Choose(0, 2)), (1, Gen.Constant(-1)))
        select new Org(type, nation, region, cluster);

    private static Gen<Case> Cases() =>
        from n in Gen.Frequency((3, Gen.Choose(0, 30)), (2, Gen.Choose(30, 120)))
        from orgs in Orgs().ArrayOf(n)
        select new Case(orgs);

    /// <summary>Each group's members as index sets, in the order of <see cref="Kinds"/>.</summary>
    private static List<HashSet<int>> Members(Case c)
    {
        var sets = Kinds.Select(_ => new HashSet<int>()).ToList();
        for (var i = 0; i < c.Orgs.Length; i++)
        {
            var o = c.Orgs[i];
            sets[0].Add(i);
            sets[1 + o.Type].Add(i);
            sets[5 + o.Nation].Add(i);
            if (o.Region >= 0)
            {
                sets[8 + o.Region].Add(i);
            }
            if (o.Cluster >= 0)
            {
                sets[12 + o.Cluster].Add(i);
            }
        }
        return sets;
    }

    private static SuppressionReason?[] Decide(Case c, List<HashSet<int>> sets) =>
        BenchmarkSuppression.Decide(Kinds, [.. sets.Select(s => BenchmarkSuppression.Members(s, c.Orgs.Length))]);

    private static bool Safe(int difference) => difference == 0 || difference >= BenchmarkSuppression.MinimumContributors;

    [Property(MaxTest = 500)]
    public Property Every_published_group_has_five_or_more_and_every_smaller_one_is_suppressed_as_such() =>
        Prop.ForAll(Arb.From(Cases()), c =>
        {
            var sets = Members(c);
            var reasons = Decide(c, sets);
            return sets.Select((s, g) => s.Count < 5 ? reasons[g] == SuppressionReason.FewerThanFive : reasons[g] != SuppressionReason.FewerThanFive).All(x => x);
        });

    [Property(MaxTest = 500)]
    public Property Any_two_published_groups_differ_by_none_or_by_five_or_more() =>
        Prop.ForAll(Arb.From(Cases()), c =>
        {
            var sets = Members(c);
            var reasons = Decide(c, sets);
            var published = Enumerable.Range(0, sets.Count).Where(g => reasons[g] is null).ToList();
            return published.All(a => published.All(b => a == b || Safe(sets[a].Except(sets[b]).Count())));
        });

    [Property(MaxTest = 500)]
    public Property No_published_group_minus_the_published_groups_of_one_kind_inside_it_leaves_fewer_than_five() =>
        Prop.ForAll(Arb.From(Cases()), c =>
        {
            var sets = Members(c);
            var reasons = Decide(c, sets);
            var published = Enumerable.Range(0, sets.Count).Where(g => reasons[g] is null).ToList();
            return published.All(p => Enum.GetValues<PeerGroupKind>().Where(k => k != PeerGroupKind.All && k != Kinds[p]).All(kind =>
            {
                var inside = published.Where(g => g != p && Kinds[g] == kind && sets[g].Count > 0 && sets[g].IsSubsetOf(sets[p])).ToList();
                return inside.Count == 0 || Safe(sets[p].Except(inside.SelectMany(g => sets[g])).Count());
            }));
        });

    [Property(MaxTest = 200)]
    public Property Arbitrary_overlapping_groups_published_in_pairs_differ_by_none_or_five_or_more() =>
        Prop.ForAll(Arb.From(
            from n in Gen.Choose(1, 80)
            from groups in Gen.Choose(0, (1 << 12) - 1).ArrayOf(n).Select(bits => bits)
            select (n, groups)), input =>
        {
            // Twelve groups of arbitrary overlap (each organisation in any subset of them), all of one kind each.
            var (n, bits) = input;
            var sets = Enumerable.Range(0, 12).Select(g => Enumerable.Range(0, n).Where(i => (bits[i] & (1 << g)) != 0).ToHashSet()).ToList();
            var kinds = Enumerable.Range(0, 12).Select(g => (PeerGroupKind)(1 + (g % 4))).ToArray();
            var reasons = BenchmarkSuppression.Decide(kinds, [.. sets.Select(s => BenchmarkSuppression.Members(s, n))]);
            var published = Enumerable.Range(0, 12).Where(g => reasons[g] is null).ToList();
            return published.All(a => sets[a].Count >= 5 && published.All(b => a == b || Safe(sets[a].Except(sets[b]).Count())));
        });

    [Property(MaxTest = 100)]
    public Property Every_published_figure_of_a_release_rests_on_five_or_more_for_its_own_question() =>
        Prop.ForAll(Arb.From(Cases()), Arb.From(Gen.Choose(0, 1000)), (c, seed) =>
        {
            // A small template answered with gaps, so questions have contributor sets of their own.
            var template = TemplateFiles.Shipped.Find("digital-maturity")!;
            var random = new Random(seed);
            var contributions = c.Orgs.Select((_, i) => new BenchmarkContribution(i, [],
                template.Questions.Where(_ => random.Next(6) > 0).ToDictionary(q => q.Id, _ => random.Next(1, 6)))).ToList();
            var sets = Members(c);
            var groups = Kinds.Select((k, g) => new PeerGroup($"g{g}", k, $"g{g}")).ToList();
            var membership = c.Orgs.Select((_, i) => Enumerable.Range(0, sets.Count).Where(g => sets[g].Contains(i)).ToArray()).ToList();

            var s = BenchmarkEngine.Compute(template, "p", contributions, groups, membership);

            return s.Items.All(item =>
            {
                // Counted for an item: those who answered it, or any question of the section or of the whole.
                var questions = item.Kind switch
                {
                    BenchmarkItemKind.Question => [item.Id],
                    BenchmarkItemKind.Topic => template.Topics.Single(t => t.Id == item.Id).Questions.Select(q => q.Id).ToList(),
                    _ => template.Questions.Select(q => q.Id).ToList(),
                };
                var counted = contributions.Select((x, i) => (x, i)).Where(p => questions.Any(p.x.Levels.ContainsKey)).Select(p => p.i).ToHashSet();
                var published = Enumerable.Range(0, groups.Count).Where(g => s.Groups[g].Figures.Single(f => f.Item == item.Id).Distribution is not null).ToList();
                return published.All(g => s.Groups[g].Figures.Single(f => f.Item == item.Id).Distribution!.Count == sets[g].Intersect(counted).Count()
                    && sets[g].Intersect(counted).Count() >= 5
                    && published.All(h => g == h || Safe(sets[g].Intersect(counted).Except(sets[h]).Count())));
            });
        });
}
