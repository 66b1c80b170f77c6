using System.Globalization;
using Observatory.Registers;

namespace Observatory.Web.Features.Registers;

/// <summary>Words for the applications register's pages: values as people read them.</summary>
public static class ApplicationText
{
    private static readonly CultureInfo British = CultureInfo.GetCultureInfo("en-GB");

    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>Whether an uploaded file is an Excel workbook, by its content type or its name.</summary>
    public static bool IsXlsx(string? contentType, string file) => Content.SpreadsheetReader.IsWorkbook(contentType, file);

    /// <summary>An entry in the API.</summary>
    public static string ApiUrl(long id) => "/api/applications/" + id.ToString(CultureInfo.InvariantCulture);

    public static string Date(string? value) => ApplicationFields.DateOf(value) is { } d ? d.ToString("d MMMM yyyy", British) : "";

    public static string Date(DateOnly d) => d.ToString("d MMMM yyyy", British);

    public static string Sharing(ApplicationSharing sharing) => sharing switch
    {
        ApplicationSharing.Councils => "All councils",
        ApplicationSharing.Published => "Everyone",
        _ => "Your organisation only",
    };

    /// <summary>A value as shown: a choice's words, service areas' names, yes or no, pounds.</summary>
    public static string Display(ApplicationField field, string value, ServiceAreas areas) => field.Kind switch
    {
        ApplicationFieldKind.Choice => field.LabelOf(value) ?? value,
        ApplicationFieldKind.YesNo => value == "yes" ? "Yes" : "No",
        ApplicationFieldKind.Date => Date(value),
        ApplicationFieldKind.Money => decimal.TryParse(value, CultureInfo.InvariantCulture, out var pounds) ? pounds.ToString("C", British) : value,
        ApplicationFieldKind.ServiceAreas => string.Join(", ", ApplicationFields.Items(value).Select(a => areas.Find(a)?.Name ?? a)),
        _ => value,
    };
}
