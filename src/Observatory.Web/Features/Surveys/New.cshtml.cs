using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Observatory.Accounts;
using Observatory.Assessments;
using Observatory.Assessments.Benchmarking;
using Observatory.Assessments.Surveys;
using Observatory.Web.Features.Assessments;
using Observatory.Web.Features.Shared;
using Observatory.Web.Setup;

namespace Observatory.Web.Features.Surveys;

/// <summary>
/// Create a survey (site administrators and curators): its title, the template it asks, the round, the open and
/// close dates and who it goes to — all organisations, a fixed peer group, or organisations chosen by name.
/// It is made as a draft, to be opened from its page.
/// </summary>
[Authorize]
public sealed class NewModel(SectorSurveys surveys, AssessmentTemplates templates, CurrentActor current, TimeProvider clock) : PageModel
{
    public IReadOnlyList<AssessmentTemplate> Templates => templates.Shipped;

    public IReadOnlyList<PeerGroup> Groups => surveys.Groups;

    [BindProperty]
    public string? Title { get; set; }

    [BindProperty]
    public string? TemplateId { get; set; }

    [BindProperty]
    public string? Period { get; set; }

    [BindProperty]
    public string? Audience { get; set; }

    [BindProperty]
    public string? Group { get; set; }

    /// <summary>The chosen organisations' web addresses (slugs), one a line or separated by commas.</summary>
    [BindProperty]
    public string? Organisations { get; set; }

    public Dictionary<string, string> Dates { get; } = [];

    public FormErrors Errors { get; } = new();

    public IActionResult OnGet()
    {
        if (!SectorSurveys.CanRun(current.Actor))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }
        Period = AssessmentForm.CurrentPeriod(clock.GetUtcNow());
        Audience = SectorSurveys.AllAudience;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        foreach (var field in new[] { "opensOn", "closesOn" })
        {
            foreach (var part in new[] { "day", "month", "year" })
            {
                Dates[$"{field}-{part}"] = Request.Form[$"{field}-{part}"].ToString().Trim();
            }
        }
        // "A peer group" with none chosen is sent on as "group", which is no audience, so the service refuses it.
        var audience = Audience == "group" ? (string.IsNullOrWhiteSpace(Group) ? "group" : Group) : Audience;
        var chosen = (Organisations ?? "").Split([',', '\n', '\r', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var input = new SurveyInput(Title, TemplateId, Period, Date("opensOn"), Date("closesOn"), audience, chosen);
        if (!(await surveys.CreateAsync(input, ct)).Succeeded(out var view, out var refusal))
        {
            if (Audience == "group" && refusal.Problems.Any(p => p.Field == "audience"))
            {
                Errors.Add("group", "Choose a peer group");
            }
            return this.Refuse(refusal, Errors) ?? Page();
        }
        TempData["Notice"] = $"The survey “{view.Survey.Title}” was created as a draft. Open it when it is ready to send.";
        return LocalRedirect($"/surveys/{view.Survey.Id}");
    }

    /// <summary>The three fields of a date as an ISO date for the service; what is not a date is passed on as typed, to be refused.</summary>
    private string? Date(string field)
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
