using Observatory.Similarity;

namespace Observatory.Tests.Similarity;

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

    [Fact]
    public void Overlap_counts_shared_entries()
    {
        NeighbourEngine.Overlap(["A", "B", "C"], ["c", "D", "A"]).ShouldBe(2);
    }
}
