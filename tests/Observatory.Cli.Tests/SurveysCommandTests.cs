using Microsoft.EntityFrameworkCore;
using Observatory.Accounts;
using Observatory.Assessments.Surveys;
using Observatory.Cli;
using Observatory.Testing;

namespace Observatory.Cli.Tests;

public sealed class SurveysCommandTests
{
    [Fact]
    public async Task Publish_publishes_a_closed_survey_once_and_says_how_many_responded()
    {
        await using var database = TestDatabase.CreateSqlite();
        (await CliRunner.RunAsync("db", "migrate", "--db", database.Setting)).ExitCode.ShouldBe(ExitCodes.Success);
        long open, closed;
        await using (var db = database.CreateContext())
        {
            var organisation = new Organisation { Slug = "wigan-council", Name = "Wigan Council", PlaceCodes = "E08000010", CreatedAt = DateTime.UtcNow };
            db.Add(organisation);
            Survey Survey(SurveyState state) => new()
            {
                Title = $"Impact survey ({state})",
                TemplateId = "covid-impact-survey",
                TemplateVersion = "1.0",
                Period = "2026/27",
                Audience = "all",
                State = state,
                OpensOn = new DateOnly(2099, 1, 1),
                ClosesOn = new DateOnly(2099, 1, 31),
                CreatedBy = "tests",
                UpdatedBy = "tests",
            };
            var a = Survey(SurveyState.Open);
            var b = Survey(SurveyState.Closed);
            db.AddRange(a, b);
            await db.SaveChangesAsync();
            db.AddRange(new SurveyRecipient { SurveyId = a.Id, OrganisationId = organisation.Id }, new SurveyRecipient { SurveyId = b.Id, OrganisationId = organisation.Id });
            await db.SaveChangesAsync();
            (open, closed) = (a.Id, b.Id);
        }

        var listed = await CliRunner.RunAsync("surveys", "list", "--db", database.Setting);
        listed.ExitCode.ShouldBe(ExitCodes.Success, listed.Error);
        listed.Out.ShouldContain($"{closed}\tclosed\tcovid-impact-survey\t2026/27\t2099-01-01 to 2099-01-31\t0 of 1 submitted\tImpact survey (Closed)");

        var tooEarly = await CliRunner.RunAsync("surveys", "publish", open.ToString(System.Globalization.CultureInfo.InvariantCulture), "--db", database.Setting);
        tooEarly.ExitCode.ShouldBe(ExitCodes.Conflict, tooEarly.Error);
        tooEarly.Error.ShouldContain("Close the survey 'Impact survey (Open)' first");

        var published = await CliRunner.RunAsync("surveys", "publish", closed.ToString(System.Globalization.CultureInfo.InvariantCulture), "--db", database.Setting);
        published.ExitCode.ShouldBe(ExitCodes.Success, published.Error);
        published.Out.ShouldContain("0 of 1 organisations responded; figures suppressed (fewer than 5 respondents); no written answers published.");

        var again = await CliRunner.RunAsync("surveys", "publish", closed.ToString(System.Globalization.CultureInfo.InvariantCulture), "--db", database.Setting);
        again.ExitCode.ShouldBe(ExitCodes.Conflict);
        (await CliRunner.RunAsync("surveys", "publish", "999", "--db", database.Setting)).ExitCode.ShouldBe(ExitCodes.NotFound);
        await using var check = database.CreateContext();
        (await check.Set<Survey>().SingleAsync(s => s.Id == closed)).State.ShouldBe(SurveyState.Published);
        (await check.Set<Survey>().SingleAsync(s => s.Id == open)).State.ShouldBe(SurveyState.Open);
    }
}
