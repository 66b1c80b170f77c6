namespace Observatory.Assessments.Benchmarking;

/// <summary>
/// One organisation's submitted assessment, opted into benchmarking, as the statistics need it and no more: which
/// organisation (to count it once), its places (its peer groups come from the first council among them) and its
/// level for each question it answered (question id → level; checklist answers already turned into numbers by the
/// template's scale). No name travels with it, and none is published.
/// </summary>
public sealed record BenchmarkContribution(long OrganisationId, IReadOnlyList<string> PlaceCodes, IReadOnlyDictionary<string, int> Levels);

/// <summary>Where the contributions to a template's benchmark for a period come from: the organisations' opted-in, submitted assessments.</summary>
public interface IBenchmarkContributions
{
    Task<IReadOnlyList<BenchmarkContribution>> ForAsync(string templateId, string period, CancellationToken ct);
}
