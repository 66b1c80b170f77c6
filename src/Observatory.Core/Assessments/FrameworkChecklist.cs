using Observatory.Frameworks;

namespace Observatory.Assessments;

/// <summary>
/// Turns any framework of the catalogue, shipped or imported by an organisation, into a checklist template in one
/// step, so a council can assess itself against its own model as well as the shipped ones: each top-level element
/// becomes a section, and it and every element under it a question ("How far does your organisation meet …?"),
/// tied to that element and with its description as guidance.
/// </summary>
public static class FrameworkChecklist
{
    public static string TemplateId(string frameworkId) => AssessmentTemplateReader.FrameworkPrefix + frameworkId;

    /// <summary>The framework id a checklist template id names, if it names one.</summary>
    public static string? FrameworkId(string templateId) =>
        templateId.StartsWith(AssessmentTemplateReader.FrameworkPrefix, StringComparison.Ordinal) && templateId.Length > AssessmentTemplateReader.FrameworkPrefix.Length
            ? templateId[AssessmentTemplateReader.FrameworkPrefix.Length..]
            : null;

    public static AssessmentTemplate From(Framework framework) => new()
    {
        Id = TemplateId(framework.Id),
        Title = $"Checklist: {framework.Name}",
        ShortTitle = $"Checklist: {framework.DisplayShortName}",
        Version = framework.Version,
        Publisher = framework.Publisher,
        Summary = $"Every element of {framework.Name} as a checklist question: answer yes, partly, no or not applicable for each.",
        Authorship = "Made by the Connected Places Observatory from the framework: each element is one question, with the element's description as guidance.",
        Sources = [.. framework.Sources.Select(s => new TemplateSource(s.DocumentTitle, s.Section))],
        Scale = AnswerScale.Checklist,
        Structure = TemplateStructure.Sections,
        Origin = TemplateOrigin.FromFramework,
        SourceFile = framework.SourceFile,
        Topics = [.. framework.Elements.Select(top => new AssessmentTopic
        {
            Id = top.Id,
            Title = top.Name,
            Guidance = top.Description,
            Elements = [top.Ref],
            Themes = [new AssessmentTheme { Id = top.Id, Title = top.Name, Questions = [.. top.SelfAndDescendants().Select(Question)] }],
        })],
    };

    private static AssessmentQuestion Question(FrameworkElement element) => new()
    {
        Id = element.Id,
        Text = $"How far does your organisation meet this {element.Kind}: {element.Name}?",
        Guidance = element.Description,
        Elements = [element.Ref],
        Line = element.Line,
    };
}
