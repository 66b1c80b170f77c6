using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Observatory.Outcomes;
using Observatory.Storage;

namespace Observatory.Assessments.Surveys;

/// <summary>
/// When a survey takes answers: while it is open, from the start of its open date to the end of its close date,
/// as the day is counted in the UK. Outside that a response can be read but not changed or submitted.
/// </summary>
public static class SurveyWindow
{
    private static readonly TimeZoneInfo UkTime = FindUkTime();

    /// <summary>Today's date in the UK.</summary>
    public static DateOnly Today(TimeProvider clock) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), UkTime).DateTime);

    public static string Date(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>Whether the survey takes answers today.</summary>
    public static bool IsTakingAnswers(Survey survey, DateOnly today) =>
        survey.State == SurveyState.Open && today >= survey.OpensOn && today <= survey.ClosesOn;

    /// <summary>Why the survey does not take answers today (a conflict), or null when it does.</summary>
    public static Refusal? Refusal(Survey survey, DateOnly today) => survey.State switch
    {
        SurveyState.Draft => Outcomes.Refusal.Conflict($"The survey '{survey.Title}' has not been opened yet, so it takes no answers."),
        SurveyState.Closed or SurveyState.Published => Outcomes.Refusal.Conflict($"The survey '{survey.Title}' is closed: responses can no longer be changed or submitted."),
        _ when today < survey.OpensOn => Outcomes.Refusal.Conflict($"The survey '{survey.Title}' opens on {Date(survey.OpensOn)}: responses can be given and submitted from then."),
        _ when today > survey.ClosesOn => Outcomes.Refusal.Conflict($"The survey '{survey.Title}' closed on {Date(survey.ClosesOn)}: responses can no longer be changed or submitted."),
        _ => null,
    };

    /// <summary>Why the survey <paramref name="surveyId"/> does not take answers now, or null when it does.</summary>
    public static async Task<Refusal?> RefusalAsync(ObservatoryDbContext db, long surveyId, TimeProvider clock, CancellationToken cancellationToken)
    {
        var survey = await db.Surveys.AsNoTracking().FirstOrDefaultAsync(s => s.Id == surveyId, cancellationToken);
        return survey is null ? Outcomes.Refusal.Conflict("The survey this response answers no longer exists.") : Refusal(survey, Today(clock));
    }

    private static TimeZoneInfo FindUkTime()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.Utc;
        }
    }
}
