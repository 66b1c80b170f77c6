using System.Text.RegularExpressions;
using Observatory.Decisions;
using Observatory.Outcomes;

namespace Observatory.Web.Features.Decisions;

/// <summary>Words the decision pages and downloads share.</summary>
public static class DecisionText
{
    public static string WheelTitle(DecisionRecord record, DecisionOption option) =>
        $"{record.Wheel.Title} for option {option.Key} ({option.Title}) of “{record.Decision.Title}”";

    /// <summary>options[1].title on the API is the form's options-1; the first option's field is "options", where "no options" points too.</summary>
    public static string OptionField(string field) => FormOptionId(Regex.Match(field, @"^options\[(\d+)\]\.title$") is { Success: true } m ? int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : -1) is { } id && field != "options" && id.Length > 0 ? id : field;

    public static string FormOptionId(int index) => index switch { < 0 => "", 0 => "options", _ => $"options-{index}" };

    public static string Page(long id) => $"/decisions/{id}";

    /// <summary>
    /// The refusal with each problem's field renamed to the form field that shows it, so the error summary's links reach
    /// their fields (the service names fields as the API sends them: options[0].title, evidence[2]).
    /// </summary>
    public static Refusal ForForm(Refusal refusal, Func<string, string> field) =>
        refusal with { Problems = [.. refusal.Problems.Select(p => p with { Field = field(p.Field) })] };

    public static string OwnWheelPage(string slug, string wheel) => $"/organisations/{slug}/decision-wheels/{wheel}";

    public static string OwnSegmentPage(string slug, string wheel, string segment) => $"{OwnWheelPage(slug, wheel)}/segments/{segment}";

    public static string DelegationPage(long id) => $"/decisions/{id}/delegation";

    public static string ScorePage(long id, string option, string segment) => $"/decisions/{id}/options/{option}/segments/{segment}";
}
