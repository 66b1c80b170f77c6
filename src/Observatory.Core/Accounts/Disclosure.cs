namespace Observatory.Accounts;

/// <summary>
/// How far figures drawn from several organisations' private answers may go: never resting on fewer than
/// <see cref="MinimumOrganisations"/> of them. The one number behind the benchmarks' suppression
/// (Assessments.Benchmarking.BenchmarkSuppression), sector surveys' results and the applications register's sector view,
/// so that changing the rule changes it everywhere at once.
/// </summary>
public static class Disclosure
{
    /// <summary>No figure is published that rests on fewer than five organisations that have not published their own.</summary>
    public const int MinimumOrganisations = 5;
}
