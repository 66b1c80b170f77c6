using Observatory.Assessments.Surveys;
using Observatory.Rendering.Components.GovUk;

namespace Observatory.Web.Features.Surveys;

/// <summary>The words pages use for surveys.</summary>
public static class SurveyText
{
    public static TagOptions StateTag(SurveyState state) => state switch
    {
        SurveyState.Draft => new TagOptions { Text = "Draft", Classes = "govuk-tag--grey" },
        SurveyState.Open => new TagOptions { Text = "Open", Classes = "govuk-tag--green" },
        SurveyState.Closed => new TagOptions { Text = "Closed", Classes = "govuk-tag--yellow" },
        _ => new TagOptions { Text = "Results published", Classes = "govuk-tag--blue" },
    };

    /// <summary>"31 of 120 organisations responded".</summary>
    public static string ResponseRate(int responded, int invited) =>
        $"{responded:N0} of {invited:N0} organisation{(invited == 1 ? "" : "s")} responded";
}
