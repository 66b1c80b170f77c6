using System.Globalization;
using Observatory.Indices;

namespace Observatory.Web.Features.Indices;

/// <summary>How an index's method reads in words, so the list, the scores and one area's page say it alike.</summary>
public static class IndexText
{
    public static string Normalisation(IndexDefinition d) => d.Normalisation switch
    {
        IndexNormalisation.MinMax => $"Min–max: (x − min) / (max − min), from 0 (the lowest current council) to {Number(d.Scale)} (the highest)",
        IndexNormalisation.ZScore => "z-score: (x − mean) / standard deviation",
        IndexNormalisation.ZScoreCapped => $"Capped z-score: clamp(5 + k·z, 0, 10) with k = {Number(d.K)}, so 5 is the average council and one standard deviation is worth {Number(d.K)} points",
        IndexNormalisation.HealthIndex => "Health Index style: 100 + 10·z, so 10 points is one standard deviation",
        IndexNormalisation.Rank => $"Rank from 0 (the lowest current council) to {Number(d.Scale)} (the highest)",
        IndexNormalisation.RankExponential => "Rank, exponentially transformed as in the English Indices of Deprivation: 100 − X, X = −23·ln(1 − R·(1 − e^(−100/23))), R the rank scaled from 0 (best) to 1 (worst)",
        IndexNormalisation.MedianMad => "Distance from the median in median absolute deviations: (x − median) / MAD",
        _ => "",
    };

    public static string Aggregation(IndexNode n) => n.Aggregation switch
    {
        IndexAggregation.Mean => "mean",
        IndexAggregation.WeightedMean => "weighted mean",
        IndexAggregation.Geometric => "weighted geometric mean",
        _ => "",
    };

    public static string ReferencePeriod(IndexDefinition d) =>
        d.ReferencePeriod is { } p ? $"{p.Label()} for every indicator" : "Each indicator’s latest period";

    /// <summary>"At least 2 of the 8 domains": the missing-data rule of one node.</summary>
    public static string Coverage(IndexNode n) =>
        n.ChildCount == 0 ? "No indicators: always no data"
            : $"At least {n.MinimumCoverage} of {n.ChildCount} {(n.Children.Count > 0 ? "domains" : n.ChildCount == 1 ? "indicator" : "indicators")}, otherwise no score";

    public static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    public static string Score(IndexDefinition d, double value) =>
        double.IsFinite(value) ? Math.Round(value, d.Decimals, MidpointRounding.AwayFromZero).ToString("F" + d.Decimals, CultureInfo.InvariantCulture) : "No score";

    public static string Percent(double share) => (share * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";
}
