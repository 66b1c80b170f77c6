using Observatory.Portraits;

namespace Observatory.Core.Tests.Portraits;

/// <summary>Two portraits compared field by field, every number to the bit, for the engine-against-rules tests.</summary>
internal static class PortraitComparison
{
    /// <summary>What differs between <paramref name="expected"/> and <paramref name="actual"/>; empty when nothing does.</summary>
    public static List<string> Differences(Portrait expected, Portrait actual)
    {
        var differences = new List<string>();
        void Check<T>(string what, T a, T b)
        {
            if (!EqualityComparer<T>.Default.Equals(a, b))
            {
                differences.Add($"{expected.PlaceCode} {what}: rules {a}, engine {b}");
            }
        }
        void Number(string what, double? a, double? b)
        {
            if (a.HasValue != b.HasValue || (a is { } x && b is { } y && Bits(x) != Bits(y)))
            {
                differences.Add($"{expected.PlaceCode} {what}: rules {a:R}, engine {b:R}");
            }
        }
        Check("definition", expected.DefinitionId, actual.DefinitionId);
        Check("place", expected.PlaceCode, actual.PlaceCode);
        Check("period", expected.Period, actual.Period);
        Check("series", expected.Series, actual.Series);
        Check("social achieved", expected.SocialAchieved, actual.SocialAchieved);
        Check("social with data", expected.SocialWithData, actual.SocialWithData);
        Check("ecological transgressed", expected.EcologicalTransgressed, actual.EcologicalTransgressed);
        Check("ecological with data", expected.EcologicalWithData, actual.EcologicalWithData);
        Check("dimensions", expected.Dimensions.Count, actual.Dimensions.Count);
        foreach (var (e, a) in expected.Dimensions.Zip(actual.Dimensions))
        {
            Check($"{e.Id} id", e.Id, a.Id);
            Check($"{e.Id} status", e.Status, a.Status);
            Check($"{e.Id} ring", e.Ring, a.Ring);
            Check($"{e.Id} element", e.Element, a.Element);
            Check($"{e.Id} no-data reason", e.NoDataReason, a.NoDataReason);
            Check($"{e.Id} indicators", e.Indicators.Count, a.Indicators.Count);
            foreach (var (i, j) in e.Indicators.Zip(a.Indicators))
            {
                var at = $"{e.Id}/{i.Id}";
                Check($"{at} id", i.Id, j.Id);
                Check($"{at} catalogue indicator", i.IndicatorId, j.IndicatorId);
                Check($"{at} normalisation", i.Normalisation, j.Normalisation);
                Check($"{at} unit", i.Unit, j.Unit);
                Check($"{at} period", i.Period, j.Period);
                Check($"{at} threshold", i.Threshold, j.Threshold);
                Check($"{at} local reason", i.LocalReason, j.LocalReason);
                Check($"{at} status", i.Status, j.Status);
                Number($"{at} value", i.Value, j.Value);
                Number($"{at} lower value", i.ValueLower, j.ValueLower);
                Number($"{at} upper value", i.ValueUpper, j.ValueUpper);
                Number($"{at} ratio", i.Ratio, j.Ratio);
                Number($"{at} lower ratio", i.RatioLower, j.RatioLower);
                Number($"{at} upper ratio", i.RatioUpper, j.RatioUpper);
                Number($"{at} size", i.Size, j.Size);
            }
        }
        return differences;
    }

    public static long Bits(double value) => BitConverter.DoubleToInt64Bits(value);
}
