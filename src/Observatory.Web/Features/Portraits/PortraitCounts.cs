using Observatory.Places;
using Observatory.Portraits;
using Observatory.Rendering.Charts;

namespace Observatory.Web.Features.Portraits;

/// <summary>One place of a definition: its counts and each dimension's status, as the definition page and /api/portraits list it.</summary>
public sealed record PlaceCounts(string Place, string Name, int SocialAchieved, int SocialWithData, int EcologicalTransgressed, int EcologicalWithData,
    IReadOnlyDictionary<string, string> Statuses);

public static class PortraitCounts
{
    /// <summary>Every place of a computed batch, in the batch's order, named as the portrait pages name them.</summary>
    public static IReadOnlyList<PlaceCounts> Of(PortraitBatch batch, PlaceRegistry places)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var dimensions = batch.Definition.Dimensions;
        var rows = new List<PlaceCounts>(batch.Places.Count);
        for (var i = 0; i < batch.Places.Count; i++)
        {
            var code = batch.Places[i];
            var statuses = new Dictionary<string, string>(dimensions.Count, StringComparer.Ordinal);
            for (var d = 0; d < dimensions.Count; d++)
            {
                statuses[dimensions[d].Id] = DoughnutChart.StatusSlug(batch.Statuses[d][i]);
            }
            rows.Add(new PlaceCounts(code, PortraitRequest.NameOf(code, places) ?? code, batch.SocialAchieved[i], batch.SocialWithData[i],
                batch.EcologicalTransgressed[i], batch.EcologicalWithData[i], statuses));
        }
        return rows;
    }
}
