using Observatory.Similarity;

namespace Observatory.Core.Tests.Similarity;

public sealed class NeighbourEngineTests
{
    // Already standardised: area 0 at the origin, 1 one unit away, 2 three, 3 four.
    private static readonly double[][] Z = [[0, 1, 3, 0, 2], [0, 0, 0, 4, 2]];
    private static readonly double[] Equal = [1, 1];
    private static readonly bool[] Everyone = [true, true, true, true, true];

    [Fact]
    public void Finds_the_exact_nearest_with_match_scores_against_the_farthest()
    {
        var nearest = NeighbourEngine.Nearest(Z, Equal, 0, 3, Everyone);

        nearest.Select(n => n.Area).ShouldBe([1, 4, 2]);
        nearest.Select(n => n.Distance).ShouldBe([1, Math.Sqrt(8), 3], tolerance: 1e-12);
        // d_max = 4 (area 3): 100 × (1 − d / 4).
        nearest.Select(n => n.Score).ShouldBe([75, 29.3, 25]);
    }

    [Fact]
    public void Match_scores_are_measured_against_the_typical_council_not_the_farthest()
    {
        // Area 0's distances: 1, √8, 3, 4; the median is (√8 + 3) / 2.
        var typical = NeighbourEngine.TypicalDistance(Z, Equal, 0, Everyone);
        typical.ShouldBe((Math.Sqrt(8) + 3) / 2, 1e-12);

        NeighbourEngine.MatchScore(0, typical).ShouldBe(100);
        NeighbourEngine.MatchScore(1, typical).ShouldBe(65.7);
        NeighbourEngine.MatchScore(typical / 2, typical).ShouldBe(50);
        // As far as the typical council or farther is 0, never negative.
        NeighbourEngine.MatchScore(4, typical).ShouldBe(0);
        // Councils not compared (not candidates) do not count; with none left, every score is 100.
        NeighbourEngine.TypicalDistance(Z, Equal, 0, [true, true, true, false, false]).ShouldBe(2);
        NeighbourEngine.TypicalDistance(Z, Equal, 0, [true, false, false, false, false]).ShouldBe(0);
        NeighbourEngine.MatchScore(1, 0).ShouldBe(100);
    }

    [Fact]
    public void One_outlier_stretches_the_farthest_distance_but_not_the_typical_one()
    {
        // Nine councils close together and one far away, as the digital connectivity set has them.
        double[][] z = [[0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 50]];
        var everyone = Enumerable.Repeat(true, 10).ToArray();

        var nearest = NeighbourEngine.Nearest(z, [1], 0, 8, everyone);
        var typical = NeighbourEngine.TypicalDistance(z, [1], 0, everyone);

        // Against the farthest, all eight score 98.4 or more; against the typical council they spread out.
        nearest.Select(n => n.Score).ShouldAllBe(s => s >= 98.4);
        var scores = nearest.Select(n => NeighbourEngine.MatchScore(n.Distance, typical)).ToList();
        scores.ShouldBeInOrder(SortDirection.Descending);
        (scores[0] - scores[^1]).ShouldBeGreaterThan(50);
    }

    [Fact]
    public void An_area_is_never_its_own_neighbour_and_k_is_respected()
    {
        for (var a = 0; a < 5; a++)
        {
            NeighbourEngine.Nearest(Z, Equal, a, 10, Everyone).Select(n => n.Area).ShouldNotContain(a);
            NeighbourEngine.Nearest(Z, Equal, a, 10, Everyone).Count.ShouldBe(4);
            NeighbourEngine.Nearest(Z, Equal, a, 2, Everyone).Count.ShouldBe(2);
        }
        NeighbourEngine.Nearest(Z, Equal, 0, 4, [true, false, true, true, false]).Select(n => n.Area).ShouldBe([2, 3]);
    }

    [Fact]
    public void Distance_is_symmetric_and_weighted()
    {
        for (var a = 0; a < 5; a++)
        {
            for (var b = 0; b < 5; b++)
            {
                NeighbourEngine.Distance(Z, Equal, a, b).ShouldBe(NeighbourEngine.Distance(Z, Equal, b, a));
            }
        }
        // Weights 1 and 3: between areas 0 and 3 only the second differs, by 4: √(3 × 16).
        NeighbourEngine.Distance(Z, [1, 3], 0, 3).ShouldBe(Math.Sqrt(48), 1e-12);
    }

    [Fact]
    public void Missing_indicators_are_left_out_and_the_rest_scaled_up_to_the_full_weight()
    {
        double[][] z = [[0, 1, double.NaN], [0, double.NaN, double.NaN], [0, 0, 1]];

        // Areas 0 and 1 share two of three: (3 / 2) × 1.
        NeighbourEngine.Distance(z, [1, 1, 1], 0, 1).ShouldBe(Math.Sqrt(1.5), 1e-12);
        // Areas 0 and 2 share one of three, under half the weight: not compared.
        double.IsNaN(NeighbourEngine.Distance(z, [1, 1, 1], 0, 2)).ShouldBeTrue();
        NeighbourEngine.Nearest(z, [1, 1, 1], 0, 5, [true, true, true]).Select(n => n.Area).ShouldBe([1]);
    }

    [Fact]
    public void Standardising_gives_z_scores_over_the_reference_set()
    {
        var z = NeighbourEngine.Standardise([[1, 3, 5, 99, double.NaN], [2, 2, 2, 2, 2]], [true, true, true, false, true]);

        z[0][0].ShouldBe(-Math.Sqrt(1.5), 1e-12);
        z[0][1].ShouldBe(0);
        double.IsNaN(z[0][4]).ShouldBeTrue();
        z[1].ShouldAllBe(v => v == 0);
    }

    [Theory]
    [InlineData(0.0, false, false)]
    [InlineData(0.0, true, false)]
    [InlineData(0.05, false, true)]
    [InlineData(0.3, true, true)]
    public void The_search_finds_what_sorting_every_candidate_finds(double missing, bool weighted, bool someNotCandidates)
    {
        // 300 areas: several blocks of candidates and a part-filled last one. Values on a coarse grid, and some
        // areas repeated, so that many distances tie and the order by slot decides.
        var random = new Random(42);
        const int Areas = 300, Indicators = 7;
        var z = new double[Indicators][];
        for (var r = 0; r < Indicators; r++)
        {
            z[r] = new double[Areas];
            for (var a = 0; a < Areas; a++)
            {
                z[r][a] = a % 10 == 9 ? z[r][a - 5] : random.NextDouble() < missing ? double.NaN : random.Next(-3, 4) * 0.5;
            }
        }
        double[] weights = weighted ? [.. Enumerable.Range(0, Indicators).Select(_ => random.Next(1, 4) * 0.7)] : [.. Enumerable.Repeat(1.0, Indicators)];
        var candidates = Enumerable.Range(0, Areas).Select(a => !someNotCandidates || random.NextDouble() < 0.8).ToArray();
        var areas = Enumerable.Range(0, Areas).ToArray();

        foreach (var k in new[] { 1, 5, 20, Areas + 5 })
        {
            var all = NeighbourEngine.Nearest(z, weights, areas, k, candidates);
            for (var a = 0; a < Areas; a++)
            {
                var expected = Sorted(z, weights, a, k, candidates);
                all[a].ShouldBe(expected, $"area {a}, k = {k}");
                if (a % 37 == 0)
                {
                    NeighbourEngine.Nearest(z, weights, a, k, candidates).ShouldBe(expected);
                }
            }
        }
    }

    /// <summary>Every comparable candidate's distance, sorted (nearest first, then by slot), the first k taken.</summary>
    private static List<Neighbour> Sorted(double[][] z, double[] weights, int area, int k, bool[] candidates)
    {
        var found = Enumerable.Range(0, candidates.Length).Where(b => b != area && candidates[b])
            .Select(b => (Area: b, Distance: NeighbourEngine.Distance(z, weights, area, b))).Where(f => !double.IsNaN(f.Distance)).ToList();
        if (found.Count == 0)
        {
            return [];
        }
        var max = found.Max(f => f.Distance);
        return [.. found.OrderBy(f => f.Distance).ThenBy(f => f.Area).Take(k)
            .Select(f => new Neighbour(f.Area, f.Distance, max > 0 ? Math.Round(100 * (1 - (f.Distance / max)), 1, MidpointRounding.AwayFromZero) : 100))];
    }

    [Fact]
    public void The_search_gives_the_distance_function_s_distances_to_the_bit()
    {
        var random = new Random(5);
        var z = Enumerable.Range(0, 30).Select(_ => Enumerable.Range(0, 200).Select(_ => (random.NextDouble() * 6) - 3).ToArray()).ToArray();
        var weights = Enumerable.Repeat(1.0, 30).ToArray();
        var everyone = Enumerable.Repeat(true, 200).ToArray();

        var nearest = NeighbourEngine.Nearest(z, weights, Enumerable.Range(0, 200).ToArray(), 199, everyone);

        for (var a = 0; a < 200; a++)
        {
            nearest[a].Count.ShouldBe(199);
            nearest[a].ShouldAllBe(n => BitConverter.DoubleToInt64Bits(n.Distance) == BitConverter.DoubleToInt64Bits(NeighbourEngine.Distance(z, weights, a, n.Area)));
        }
    }

    [Fact]
    public void Overlap_counts_shared_entries()
    {
        NeighbourEngine.Overlap(["A", "B", "C"], ["c", "D", "A"]).ShouldBe(2);
    }
}
