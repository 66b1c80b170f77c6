using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Observatory.Assessments.Benchmarking;
using Observatory.Assessments.Surveys;
using Observatory.Web.Features.Shared;
using Observatory.Web.Setup;

namespace Observatory.Web.Features.Surveys;

/// <summary>
/// Change a survey (site administrators and curators): before it opens, its title, dates and who it goes to; once
/// open, only a later close date. The template and round stay as they were made. Not found for anyone else.
/// </summary>
[Authorize]
public sealed class EditModel(SectorSurveys surveys) : PageModel
{
    public SurveyView View { get; private set; } = null!;

    public bool IsDraft => View.Survey.State == SurveyState.Draft;

    public IReadOnlyList<PeerGroup> Groups => surveys.Groups;

    [BindProperty]
    public string? Title { get; set; }

    [BindProperty]
    public string? Audience { get; set; }

    [BindProperty]
    public string? Group { get; set; }

    [BindProperty]
    public string? Organisations { get; set; }

    public Dictionary<string, string> Dates { get; } = [];

    public FormErrors Errors { get; } = new();

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused)
        {
            return refused;
        }
        var s = View.Survey;
        Title = s.Title;
        Audience = s.Audience is SectorSurveys.AllAudience or SectorSurveys.ChosenAudience ? s.Audience : "group";
        Group = Audience == "group" ? s.Audience : null;
        Organisations = s.Audience == SectorSurveys.ChosenAudience ? string.Join("\n", View.Recipients) : null;
        foreach (var (field, date) in new[] { ("opensOn", s.OpensOn), ("closesOn", s.ClosesOn) })
        {
            Dates[$"{field}-day"] = date.Day.ToString(CultureInfo.InvariantCulture);
            Dates[$"{field}-month"] = date.Month.ToString(CultureInfo.InvariantCulture);
            Dates[$"{field}-year"] = date.Year.ToString(CultureInfo.InvariantCulture);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused)
        {
            return refused;
        }
        foreach (var field in new[] { "opensOn", "closesOn" })
        {
            foreach (var part in new[] { "day", "month", "year" })
            {
                Dates[$"{field}-{part}"] = Request.Form[$"{field}-{part}"].ToString().Trim();
            }
        }
        SurveyChanges changes;
        if (IsDraft)
        {
            var audience = Audience == "group" ? (string.IsNullOrWhiteSpace(Group) ? "group" : Group) : Audience;
            var chosen = (Organisations ?? "").Split([',', '\n', '\r', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            changes = new SurveyChanges(Title ?? "", DateField("opensOn") ?? "", DateField("closesOn") ?? "", audience ?? "", chosen);
        }
        else
        {
            // Once open, the form asks only for the close date.
            changes = new SurveyChanges(ClosesOn: DateField("closesOn") ?? "");
        }
        if (!(await surveys.EditAsync(id, changes, ct)).Succeeded(out var view, out var refusal))
        {
            if (Audience == "group" && refusal.Problems.Any(p => p.Field == "audience"))
            {
                Errors.Add("group", "Choose a peer group");
            }
            return this.Refuse(refusal, Errors) ?? Page();
        }
        TempData["Notice"] = $"The survey “{view.Survey.Title}” was changed.";
        return LocalRedirect($"/surveys/{id}");
    }

    private async Task<IActionResult?> LoadAsync(long id, CancellationToken ct)
    {
        if (!(await surveys.GetAsync(id, ct)).Succeeded(out var view, out var refusal))
        {
            return StatusCode(refusal.StatusCode());
        }
        if (!view.CanRun)
        {
            return NotFound();
        }
        View = view;
        return null;
    }

    /// <summary>The three fields of a date as an ISO date for the service; what is not a date is passed on as typed, to be refused.</summary>
    private string? DateField(string field)
    {
        var (d, m, y) = (Dates[$"{field}-day"], Dates[$"{field}-month"], Dates[$"{field}-year"]);
        if (d.Length == 0 && m.Length == 0 && y.Length == 0)
        {
            return null;
        }
        return int.TryParse(d, NumberStyles.None, CultureInfo.InvariantCulture, out var day) && int.TryParse(m, NumberStyles.None, CultureInfo.InvariantCulture, out var month)
            && int.TryParse(y, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is >= 2000 and <= 2100
            ? $"{year:0000}-{month:00}-{day:00}"
            : $"{y}-{m}-{d}";
    }
}
