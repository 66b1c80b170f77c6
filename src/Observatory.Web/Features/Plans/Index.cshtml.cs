using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Observatory.Accounts;
using Observatory.Plans;
using Observatory.Web.Setup;

namespace Observatory.Web.Features.Plans;

/// <summary>An organisation's recovery and resilience plans, and, for its contributors, the form that starts one.</summary>
public sealed class IndexModel(RecoveryPlans plans) : PageModel
{
    public Organisation Organisation { get; private set; } = null!;
    public IReadOnlyList<PlanSummary> Plans { get; private set; } = [];
    public bool CanStart { get; private set; }
    public FormErrors Errors { get; } = new();

    [BindProperty]
    public string? Title { get; set; }

    [BindProperty]
    public string? Summary { get; set; }

    [BindProperty]
    public string? Place { get; set; }

    [BindProperty]
    public string? StartYear { get; set; }

    [BindProperty]
    public string? EndYear { get; set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken) =>
        await LoadAsync(slug, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string slug, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(slug, cancellationToken))
        {
            return NotFound();
        }
        var input = new PlanInput(Title, Summary, Place, Year(StartYear), Year(EndYear));
        if (!(await plans.CreateAsync(slug, input, cancellationToken)).Succeeded(out var record, out var refusal))
        {
            return this.Refuse(refusal, Errors) ?? Page();
        }
        TempData["Notice"] = "The plan was started. Add its targets and actions.";
        return LocalRedirect(PlanText.Path(record.Plan.Id));
    }

    private static int? Year(string? text) => int.TryParse(text?.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var y) ? y : null;

    private async Task<bool> LoadAsync(string slug, CancellationToken cancellationToken)
    {
        if (!(await plans.ListAsync(slug, cancellationToken)).Succeeded(out var list, out _))
        {
            return false;
        }
        (Organisation, Plans) = list;
        CanStart = plans.CanStart(Organisation);
        Place ??= Organisation.Places.FirstOrDefault();
        return true;
    }
}
