using Observatory.Assessments;
using Observatory.Assessments.Benchmarking;
using Observatory.Content;
using Observatory.Places;
using Observatory.Similarity;

namespace Observatory.Core.Tests.Assessments.Benchmarking;

/// <summary>The shipped places and clusters, loaded once, and generated contributions over them.</summary>
internal static class BenchmarkData
{
    public static readonly PlaceRegistry Places = PlaceRegistry.LoadShipped(DataFolder.Locate());

    public static readonly OnsClusters Clusters = OnsClusters.LoadShipped(DataFolder.Locate(), Places);

    public static readonly PeerGroupDirectory Groups = new(Places, Clusters);

    public static AssessmentTemplate Dmag => TemplateFiles.Shipped.Find("dmag-2023")!;

    /// <summary>A contribution from a council answering every question of the template at a random level.</summary>
    public static BenchmarkContribution Full(long id, string placeCode, AssessmentTemplate template, Random random) =>
        new(id, [placeCode], template.Questions.ToDictionary(q => q.Id, _ => random.Next(1, template.MaxLevel + 1)));

    /// <summary>Contributions from the given councils, each answering everything, organisation ids 1000 upwards.</summary>
    public static List<BenchmarkContribution> From(IEnumerable<string> placeCodes, AssessmentTemplate template, int seed = 7)
    {
        var random = new Random(seed);
        return [.. placeCodes.Select((code, i) => Full(1000 + i, code, template, random))];
    }

    /// <summary>Sorted levels' quantile by Hyndman and Fan's type 7, worked the plain way: for checking the engine's counting.</summary>
    public static double Quantile(IReadOnlyList<int> levels, double p)
    {
        var sorted = levels.Order().ToArray();
        var h = (sorted.Length - 1) * p;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + ((h - lo) * (sorted[hi] - sorted[lo]));
    }
}
