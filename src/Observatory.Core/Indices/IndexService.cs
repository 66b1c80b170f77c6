using Observatory.Indicators;

namespace Observatory.Indices;

/// <summary>Computes the shipped indices for the current councils from the observations store.</summary>
public sealed class IndexService(IndexDefinitions definitions, CouncilMatrix matrices)
{
    /// <summary>The index for every current council; null when there is no such index.</summary>
    public async Task<IndexResult?> ComputeAsync(string id, Period? period = null, CancellationToken cancellationToken = default)
    {
        if (definitions.Find(id) is not { } definition)
        {
            return null;
        }
        var rows = definition.Indicators.Select(i => new MatrixRow(i.IndicatorId, i.Period ?? definition.ReferencePeriod)).ToList();
        var matrix = await matrices.BuildAsync(rows, period, cancellationToken);
        return IndexEngine.Compute(definition, matrix);
    }
}
