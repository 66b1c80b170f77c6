using Observatory.Decisions;

namespace Observatory.Web.Features.Decisions;

/// <summary>Words the decision pages and downloads share.</summary>
public static class DecisionText
{
    public static string WheelTitle(DecisionRecord record, DecisionOption option) =>
        $"{record.Wheel.Title} for option {option.Key} ({option.Title}) of “{record.Decision.Title}”";

    public static string Page(long id) => $"/decisions/{id}";

    public static string ScorePage(long id, string option, string segment) => $"/decisions/{id}/options/{option}/segments/{segment}";
}
