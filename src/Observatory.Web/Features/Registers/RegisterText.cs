using System.Globalization;
using Observatory.Registers;

namespace Observatory.Web.Features.Registers;

/// <summary>Words for the register's pages: values as people read them, dates, states, and ids for form fields.</summary>
public static class RegisterText
{
    private static readonly CultureInfo British = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>A value as shown: a choice's words rather than its slug.</summary>
    public static string Display(RegisterField field, string value) => field.Kind switch
    {
        FieldKind.Choice => field.LabelOf(value) ?? value,
        FieldKind.Choices => string.Join(", ", value.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(v => field.LabelOf(v) ?? v)),
        _ => value,
    };

    /// <summary>Whether a value is shown as a link (a web address field, or an impact assessment given by its address).</summary>
    public static bool IsLink(RegisterField field, string value) =>
        field.Kind is FieldKind.Url or FieldKind.AssessmentLink && RecordRules.IsWebAddress(value);

    public static string Date(DateTime at) => at.ToString("d MMMM yyyy", British);

    public static string State(Observatory.Accounts.WorkflowState state) => state switch
    {
        Observatory.Accounts.WorkflowState.Draft => "Draft",
        Observatory.Accounts.WorkflowState.Submitted => "Waiting for approval",
        _ => "Published",
    };

    /// <summary>The largest file of records the page and the API take.</summary>
    public const long MaxImportBytes = 4 * 1024 * 1024;

    /// <summary>A published record in the API, where its downloads are.</summary>
    public static string ApiUrl(long id) => "/api/registers/algorithms/" + id.ToString(CultureInfo.InvariantCulture);

    /// <summary>The id of a form field: "model_specifications[2].model_name" becomes "model_specifications-2-model_name".</summary>
    public static string FieldId(string field) => field.Replace("[", "-", StringComparison.Ordinal).Replace("].", "-", StringComparison.Ordinal).Replace("]", "", StringComparison.Ordinal);
}

/// <summary>One input of the record form: its field, its form name and id, its value and any error.</summary>
public sealed record FieldInput(RegisterField Field, string Id, string? Value, Observatory.Rendering.Components.GovUk.ErrorMessageOptions? Error);
