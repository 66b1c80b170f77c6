using System.Globalization;
using Observatory.Accounts;
using Observatory.Content;
using Observatory.Plans;

namespace Observatory.Web.Features.Plans;

/// <summary>Words, addresses and the CSV download shared by the plans' pages and API.</summary>
public static class PlanText
{
    public static string Path(long id) => "/plans/" + id.ToString(CultureInfo.InvariantCulture);

    public static string StateCode(WorkflowState state) => state switch
    {
        WorkflowState.Draft => "draft",
        WorkflowState.Submitted => "submitted",
        _ => "published",
    };

    public static string StateName(WorkflowState state) => state switch
    {
        WorkflowState.Draft => "Draft",
        WorkflowState.Submitted => "Waiting for approval",
        _ => "Published",
    };

    /// <summary>The GOV.UK tag colour for a target's status: green achieved, turquoise on track, red off track, grey with nothing new.</summary>
    public static string TagClass(TargetStatus status) => status switch
    {
        TargetStatus.Achieved => "govuk-tag--green",
        TargetStatus.OnTrack => "govuk-tag--turquoise",
        TargetStatus.OffTrack => "govuk-tag--red",
        _ => "govuk-tag--grey",
    };

    public static string TagClass(ActionStatus status) => status switch
    {
        ActionStatus.Done => "govuk-tag--green",
        ActionStatus.OnTrack => "govuk-tag--turquoise",
        ActionStatus.AtRisk => "govuk-tag--orange",
        ActionStatus.Late => "govuk-tag--red",
        _ => "govuk-tag--grey",
    };

    public static IReadOnlyList<string> Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Pounds as the pages show them: "£25,000", "£1,250.50".</summary>
    public static string Pounds(decimal value) =>
        value.ToString(decimal.Truncate(value) == value ? "£#,0" : "£#,0.00", CultureInfo.GetCultureInfo("en-GB"));

    public static string Date(DateOnly? date) => date?.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB")) ?? "Not set";

    /// <summary>One line per target and per action, as a board paper's appendix or a spreadsheet would want them.</summary>
    public static string Csv(PlanRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        string N(double? v) => Numbers.RoundTrip(v);
        var header = new[] { "kind", "id", "title", "indicator", "area", "baseline_period", "baseline_value", "target_period", "target_value", "latest_period", "latest_value", "trajectory_value",
            "status", "owner", "start_on", "due_on", "elements", "description", "partners", "evidence" };
        var rows = record.Targets.Select(t => new string?[]
        {
            "target", t.Target.Id.ToString(CultureInfo.InvariantCulture), t.Indicator.Name, t.Indicator.Id, t.Area.Code, t.Baseline.Period.ToIso(), N(t.Baseline.Value),
            t.Goal.Period.ToIso(), N(t.Goal.Value), t.Assessment.Latest?.Period.ToIso(), N(t.Assessment.Latest?.Value), N(t.Assessment.Expected),
            TargetProgress.Code(t.Assessment.Status), "", "", "", t.Target.Elements.Replace(',', ' '), "", "", "",
        }).Concat(record.Actions.Select(a => new string?[]
        {
            "action", a.Action.Id.ToString(CultureInfo.InvariantCulture), a.Action.Title, "", "", "", "", "", "", "", "", "", RecoveryPlans.Code(a.Action.Status), a.Action.Owner,
            a.Action.StartOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), a.Action.DueOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), a.Action.Elements.Replace(',', ' '),
            // As a plan file reads them back (PlanImportFile): partners separated by semicolons, evidence by spaces.
            a.Action.Description, string.Join("; ", Lines(a.Action.Partners)), a.Action.Evidence.Replace(',', ' '),
        }));
        return CsvWriter.Write(header, rows);
    }

    /// <summary>A grid cell in words: "2 actions, 1 target (1 on track)", or "None".</summary>
    public static string Cell(PlanGridCell cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        if (cell.Actions == 0 && cell.Targets == 0)
        {
            return "None";
        }
        var parts = new List<string>();
        if (cell.Actions > 0)
        {
            parts.Add(cell.Actions == 1 ? "1 action" : $"{cell.Actions} actions");
        }
        if (cell.Targets > 0)
        {
            var statuses = string.Join(", ", cell.TargetStatuses.OrderByDescending(s => s.Key).Select(s => $"{s.Value} {TargetProgress.Name(s.Key)}"));
            parts.Add((cell.Targets == 1 ? "1 target" : $"{cell.Targets} targets") + $" ({statuses})");
        }
        return string.Join(", ", parts);
    }
}
