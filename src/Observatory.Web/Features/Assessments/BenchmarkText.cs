using System.Globalization;
using Observatory.Assessments.Benchmarking;

namespace Observatory.Web.Features.Assessments;

/// <summary>The words and codes pages and the API use for benchmark figures.</summary>
public static class BenchmarkText
{
    /// <summary>The reason's code in the API and CSV.</summary>
    public static string ReasonCode(SuppressionReason reason) => reason switch
    {
        SuppressionReason.FewerThanFive => "fewer-than-5-contributors",
        _ => "could-be-worked-out-by-difference",
    };

    /// <summary>The reason in words, for people.</summary>
    public static string Reason(SuppressionReason reason) => reason switch
    {
        SuppressionReason.FewerThanFive => "Fewer than 5 organisations contributed, so the figures could point to one of them.",
        _ => "Hidden so that the figures of a group of fewer than 5 cannot be worked out by comparing this group with another.",
    };

    public static string Kind(BenchmarkItemKind kind) => kind switch
    {
        BenchmarkItemKind.Overall => "overall",
        BenchmarkItemKind.Topic => "topic",
        BenchmarkItemKind.Theme => "theme",
        _ => "question",
    };

    /// <summary>A quartile or median: a whole level as is, else to two decimals (2.25, 3.5).</summary>
    public static string Level(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
