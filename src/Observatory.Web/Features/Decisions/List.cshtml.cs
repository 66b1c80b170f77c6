using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Observatory.Decisions;
using Observatory.Web.Features.Shared;
using Observatory.Web.Setup;

namespace Observatory.Web.Features.Decisions;

/// <summary>An organisation's own decisions, drafts included, and a form to record one. Members only.</summary>
[Authorize]
public sealed class ListModel(OrganisationDecisions decisions) : PageModel
{
    public const int OptionFields = 3;

    public OrganisationDecisionList List { get; private set; } = null!;

    public IReadOnlyList<DecisionWheel> Wheels => decisions.Wheels.Wheels;

    [BindProperty]
    public string? Title { get; set; }

    [BindProperty]
    public string? Kind { get; set; }

    [BindProperty]
    public string? PlaceCode { get; set; }

    [BindProperty]
    public string? WheelId { get; set; }

    [BindProperty]
    public string? Summary { get; set; }

    [BindProperty]
    public List<string?> Options { get; set; } = [];

    public FormErrors Errors { get; } = new();

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        if (!(await decisions.ListAsync(slug, ct)).Succeeded(out var list, out var refusal))
        {
            return StatusCode(refusal.StatusCode());
        }
        List = list;
        WheelId = DecisionWheels.DefaultId;
        PlaceCode = list.Organisation.Places.FirstOrDefault();
        return Page();
    }

    public async Task<IActionResult> OnPostCreateAsync(string slug, CancellationToken ct)
    {
        var input = new DecisionInput(Title, Kind, PlaceCode, WheelId, Summary, [.. Options.Select(o => new OptionInput(o))]);
        if (!(await decisions.CreateAsync(slug, input, ct)).Succeeded(out var record, out var refusal))
        {
            if (!(await decisions.ListAsync(slug, ct)).Succeeded(out var list, out _))
            {
                return StatusCode(refusal.StatusCode());
            }
            List = list;
            return this.Refuse(DecisionText.ForForm(refusal, DecisionText.OptionField), Errors) ?? Page();
        }
        TempData["Notice"] = "The decision was recorded. Score each option on each segment of the wheel.";
        return LocalRedirect(DecisionText.Page(record.Decision.Id));
    }
}
