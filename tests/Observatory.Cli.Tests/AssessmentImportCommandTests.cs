using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Observatory.Assessments;
using Observatory.Cli;

namespace Observatory.Cli.Tests;

/// <summary>observatory assessments import and export: an organisation's answers as a file, all or nothing.</summary>
public sealed class AssessmentImportCommandTests : CommandFileTests
{
    [Fact]
    public async Task Import_is_all_or_nothing_naming_the_line_of_each_problem_and_export_gives_the_answers_back()
    {
        (await Run("orgs", "create", "Wigan Council", "--place", "E08000010")).ExitCode.ShouldBe(ExitCodes.Success);
        var badCsv = WriteFile("answers.csv", """
            question,answer,evidence,note,confidence,method,target,action
            data-standards,3,https://www.wigan.gov.uk/data,Standards board minutes,high,self,4,Adopt the open standards
            data-use,6,,,,,,
            value-spend,2,intranet-page,,,,,
            no-such-question,2,,,,,,
            """);

        var refused = await Run("assessments", "import", badCsv, "--organisation", "wigan-council", "--template", "digital-maturity", "--period", "2026/27");

        refused.ExitCode.ShouldBe(ExitCodes.InputRefused, refused.Error);
        refused.Error.ShouldContain($"{badCsv}:3: answers.data-use: '6' is not on the scale");
        refused.Error.ShouldContain($"{badCsv}:4: answers.value-spend.evidence:");
        refused.Error.ShouldContain($"{badCsv}:5: answers.no-such-question:");
        refused.Error.ShouldContain("nothing was changed");
        await using (var db = _database.CreateContext())
        {
            (await db.Assessments.CountAsync()).ShouldBe(0, "a refused import starts no assessment");
        }

        var noTemplate = await Run("assessments", "import", badCsv, "--organisation", "wigan-council");
        noTemplate.ExitCode.ShouldBe(ExitCodes.Usage);
        noTemplate.Error.ShouldContain("--template and --period");
        (await Run("assessments", "import", badCsv, "--organisation", "nowhere-council", "--template", "digital-maturity", "--period", "2026/27")).ExitCode.ShouldBe(ExitCodes.NotFound);

        var json = WriteFile("answers.json", """
            {
              "template": "digital-maturity",
              "period": "2026/27",
              "answers": {
                "data-standards": {"answer": 3, "evidence": ["https://www.wigan.gov.uk/data"], "note": "Standards board minutes", "confidence": "high", "method": "self", "target": 4, "action": "Adopt the open standards"},
                "data-use": "Developing",
                "value-spend": null
              }
            }
            """);
        var imported = await Run("assessments", "import", json, "--organisation", "wigan-council");
        imported.ExitCode.ShouldBe(ExitCodes.Success, imported.Error);
        imported.Out.ShouldContain("Imported 3 answer(s) into assessment 1");
        imported.Out.ShouldContain("2 of 24 questions answered");

        var exported = await Run("assessments", "export", "1");
        exported.ExitCode.ShouldBe(ExitCodes.Success, exported.Error);
        var document = JsonDocument.Parse(exported.Out).RootElement;
        (document.GetProperty("organisation").GetString(), document.GetProperty("template").GetString(), document.GetProperty("period").GetString(), document.GetProperty("state").GetString())
            .ShouldBe(("wigan-council", "digital-maturity", "2026/27", "draft"));
        var standards = document.GetProperty("answers").GetProperty("data-standards");
        standards.GetProperty("answer").GetInt32().ShouldBe(3);
        standards.GetProperty("evidence")[0].GetString().ShouldBe("https://www.wigan.gov.uk/data");
        (standards.GetProperty("confidence").GetString(), standards.GetProperty("method").GetString(), standards.GetProperty("target").GetInt32()).ShouldBe(("high", "self", 4));
        document.GetProperty("answers").GetProperty("data-use").GetProperty("answer").GetInt32().ShouldBe(4);

        // What export writes, import reads back: into the same draft, changing nothing.
        var again = await Run("assessments", "import", WriteFile("exported.json", exported.Out), "--organisation", "wigan-council");
        again.ExitCode.ShouldBe(ExitCodes.Success, again.Error);
        var reExported = JsonDocument.Parse((await Run("assessments", "export", "1")).Out).RootElement;
        reExported.GetProperty("answers").GetRawText().Replace(" ", "").ShouldBe(document.GetProperty("answers").GetRawText().Replace(" ", ""));
        (await Run("assessments", "export", "99")).ExitCode.ShouldBe(ExitCodes.NotFound);
    }
}
