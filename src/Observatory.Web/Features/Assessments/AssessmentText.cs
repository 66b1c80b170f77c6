using System.Globalization;
using Observatory.Accounts;
using Observatory.Assessments;

namespace Observatory.Web.Features.Assessments;

/// <summary>The words pages use for scales and scores.</summary>
public static class AssessmentText
{
    public static string Scale(AssessmentTemplate t) => t.Scale switch
    {
        AnswerScale.Maturity => $"each answered at one of {t.MaxLevel} levels, from {t.LevelNames[0]} to {t.LevelNames[^1]}",
        AnswerScale.Agreement => "each answered from strongly disagree to strongly agree",
        AnswerScale.Checklist => "each answered yes, partly, no or not applicable",
        _ => "each answered in your own words",
    };

    public static string Level(AssessmentTemplate t, int? level) =>
        level is not { } l ? "" : l == 0 ? "Not yet at any level" : $"{l.ToString(CultureInfo.InvariantCulture)} – {t.LevelName(l)}";

    public static string Mean(double? mean) => mean is { } m ? m.ToString("0.0", CultureInfo.InvariantCulture) : "No answers";

    public static string Percent(double? share) => share is { } s ? Math.Round(s * 100).ToString("0", CultureInfo.InvariantCulture) + "%" : "–";

    /// <summary>Who may read an assessment, in a sentence for its own organisation.</summary>
    public static string Audience(AssessmentRecord record) => record.Assessment.Visibility switch
    {
        Visibility.Public => "Anyone can read these results, without signing in.",
        Visibility.Shared => $"Members of {record.Organisation.Name} and of {Join(record.SharedWithOrganisations.Select(o => o.Name))} can read these results.",
        _ => $"Only members of {record.Organisation.Name} can see this assessment.",
    };

    /// <summary>"A, B and C".</summary>
    public static string Join(IEnumerable<string> names)
    {
        var list = names.ToList();
        return list.Count <= 1 ? string.Concat(list) : string.Join(", ", list[..^1]) + " and " + list[^1];
    }
}
