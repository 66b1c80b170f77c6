using Observatory.Assessments;
using Observatory.Cli;
using Observatory.Content;
using Observatory.Frameworks;

namespace Observatory.Cli.Tests;

public sealed class AssessmentsCommandTests
{
    [Fact]
    public async Task Templates_lists_every_shipped_template_with_its_scale_questions_and_source()
    {
        var shipped = AssessmentCatalogue.LoadShipped(DataFolder.Locate(), FrameworkCatalogue.LoadShipped(DataFolder.Locate()));

        var result = await CliRunner.RunAsync("assessments", "templates");

        result.ExitCode.ShouldBe(ExitCodes.Success, result.Error);
        var lines = result.Out.Split('\n');
        foreach (var t in shipped.Templates)
        {
            lines.ShouldContain(l => l.StartsWith(t.Id + " ") && l.Contains($"{t.QuestionCount} questions") && l.Contains(t.Title));
        }
        result.Out.ShouldContain("dmag-2023");
        lines.ShouldContain(l => l.StartsWith("dmag-2023 ") && l.Contains("maturity") && l.Contains(" 97 questions"));
        result.Out.ShouldContain("Source: Central Digital and Data Office, Data Maturity Assessment for Government (2023)");
    }
}
