using Observatory.Frameworks;
using Observatory.Outcomes;

namespace Observatory.Assessments;

/// <summary>
/// The templates a person can assess against: the shipped ones, and a checklist of any framework they can see
/// (id <c>framework-</c> and the framework's id). Pages, API and command line go through this service.
/// </summary>
public sealed class AssessmentTemplates(AssessmentCatalogue shipped, FrameworkLibrary frameworks)
{
    public IReadOnlyList<AssessmentTemplate> Shipped => shipped.Templates;

    public async Task<Outcome<AssessmentTemplate>> FindAsync(string id, CancellationToken cancellationToken = default)
    {
        if (shipped.Find(id) is { } template)
        {
            return template;
        }
        if (FrameworkChecklist.FrameworkId(id) is { } frameworkId
            && (await frameworks.GetCatalogueAsync(cancellationToken)).Find(frameworkId) is { } framework)
        {
            return FrameworkChecklist.From(framework);
        }
        return Refusal.NotFound($"There is no assessment template '{id}'.");
    }

    /// <summary>
    /// Everything the actor can assess against: the shipped templates, then every framework of the catalogue they can
    /// see as a checklist (shipped frameworks, and those an organisation imported that the access policy shows them,
    /// its own private ones included), by name.
    /// </summary>
    public async Task<IReadOnlyList<AssessmentTemplate>> ChoicesAsync(CancellationToken cancellationToken = default)
    {
        var catalogue = await frameworks.GetCatalogueAsync(cancellationToken);
        return [.. shipped.Templates, .. catalogue.Frameworks.OrderBy(f => f.Name, StringComparer.OrdinalIgnoreCase).Select(FrameworkChecklist.From)];
    }

    /// <summary>Scores answers without keeping them: anyone may try a template.</summary>
    public async Task<Outcome<TemplateScore>> ScoreAsync(string id, IReadOnlyDictionary<string, string?> answers, CancellationToken cancellationToken = default)
    {
        if (!(await FindAsync(id, cancellationToken)).Succeeded(out var template, out var refusal))
        {
            return refusal;
        }
        return AssessmentScoring.Read(template, answers).Map(AssessmentScoring.Score);
    }
}
