using Observatory.Assessments;
using Observatory.Content;
using Observatory.Frameworks;

namespace Observatory.Core.Tests.Assessments;

/// <summary>The shipped catalogues, loaded once, and a reader for templates written in a test.</summary>
internal static class TemplateFiles
{
    public static readonly FrameworkCatalogue Frameworks = FrameworkCatalogue.LoadShipped(DataFolder.Locate());

    public static readonly AssessmentCatalogue Shipped = AssessmentCatalogue.LoadShipped(DataFolder.Locate(), Frameworks);

    /// <summary>Reads a template named <c>t</c> from text, with question banks from <paramref name="banks"/>.</summary>
    public static (AssessmentTemplate? Template, IReadOnlyList<ContentProblem> Problems) Read(string yaml, IReadOnlyDictionary<string, string>? banks = null) =>
        AssessmentTemplateReader.Read("data/assessments/t.yaml", yaml, "t", Frameworks.Contains,
            name => banks is not null && banks.TryGetValue(name, out var text) ? ("data/assessments/" + name, text) : null);

    public static AssessmentTemplate ReadValid(string yaml)
    {
        var (template, problems) = Read(yaml);
        problems.ShouldBeEmpty(string.Join("\n", problems));
        return template.ShouldNotBeNull();
    }

    /// <summary>A maturity question with its five statements, in YAML at the given indent.</summary>
    public static string Question(string id, int indent = 6)
    {
        var pad = new string(' ', indent);
        return $"{pad}- id: {id}\n{pad}  text: Question {id}?\n{pad}  statements:\n"
            + string.Concat(Enumerable.Range(1, 5).Select(l => $"{pad}    - {{level: {l}, text: Level {l} of {id}.}}\n"));
    }

    public const string Head = """
        id: t
        title: Test template
        version: "1"
        publisher: Test
        summary: A template for tests.
        source:
          - title: A published report
            section: Chapter 1
        scale: maturity
        levels: [Beginning, Emerging, Learning, Developing, Mastering]
        elements: [digitalisation-outcomes/data]

        """;

    /// <summary>The worked example of docs/assessments.md: topic a (themes a1: q1, q2; a2: q3) and topic b (theme b1: q4, q5).</summary>
    public static readonly AssessmentTemplate Worked = ReadValid(Head + "topics:\n"
        + "  - id: a\n    title: Topic A\n    themes:\n"
        + "      - id: a1\n        title: Theme A1\n        questions:\n" + Question("q1", 10) + Question("q2", 10)
        + "      - id: a2\n        title: Theme A2\n        questions:\n" + Question("q3", 10)
        + "  - id: b\n    title: Topic B\n    themes:\n"
        + "      - id: b1\n        title: Theme B1\n        questions:\n" + Question("q4", 10) + Question("q5", 10));
}
