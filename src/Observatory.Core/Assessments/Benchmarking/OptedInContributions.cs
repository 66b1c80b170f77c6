namespace Observatory.Assessments.Benchmarking;

/// <summary>
/// The benchmarks' contributions read from organisations' own assessments: every submitted assessment of the
/// template for the period whose organisation opted it into benchmarking. Answers become numbers the way the
/// template's scale orders them — a level or an agreement as it is; on a checklist no 0, partly 1, yes 2 — and an
/// answer that places nothing on the scale (not applicable, words) is left out, so it counts for no figure.
/// </summary>
public sealed class OptedInContributions(OrganisationAssessments assessments) : IBenchmarkContributions
{
    public async Task<IReadOnlyList<BenchmarkContribution>> ForAsync(string templateId, string period, CancellationToken ct)
    {
        var opted = await assessments.BenchmarkContributionsAsync(templateId, period, ct);
        return [.. opted.Select(a => new BenchmarkContribution(a.OrganisationId, a.PlaceCodes, Levels(a.Answers)))];
    }

    public static IReadOnlyDictionary<string, int> Levels(IReadOnlyDictionary<string, Answer> answers)
    {
        var levels = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (question, answer) in answers)
        {
            int? level = answer switch
            {
                { Level: { } l } => l,
                { Choice: ChecklistAnswer.No } => 0,
                { Choice: ChecklistAnswer.Partly } => 1,
                { Choice: ChecklistAnswer.Yes } => 2,
                _ => null,
            };
            if (level is { } value)
            {
                levels[question] = value;
            }
        }
        return levels;
    }
}
