using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Observatory.Accounts;
using Observatory.Evidence;
using Observatory.Frameworks;
using Observatory.Places;
using Observatory.Web.Setup;

namespace Observatory.Web.Features.Evidence;

/// <summary>"Anyone signed in may submit an item": the submission form, and what happens next once it is sent.</summary>
[Authorize]
public sealed class SubmitModel(EvidenceCuration curation, PlaceRegistry places, FrameworkCatalogue frameworks, AccountDirectory directory, CurrentActor current) : PageModel
{
    /// <summary>The frameworks whose elements the form offers as choices (those the rules accept).</summary>
    public FrameworkCatalogue Frameworks => frameworks;

    [BindProperty]
    public EvidenceForm Form { get; set; } = new();

    public FormErrors Errors { get; } = new();

    /// <summary>The organisations the actor may submit for (contributor or above).</summary>
    public IReadOnlyList<Organisation> Organisations { get; private set; } = [];

    public EvidenceRecord? Submitted { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!EvidenceAccess.CanSubmit(current.Actor))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!EvidenceAccess.CanSubmit(current.Actor))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }
        // Every problem in one pass: the form's own and the data-file rules', so one error summary lists them all.
        var (item, problems) = Form.Read(places);
        if (problems.Count > 0)
        {
            await LoadAsync(cancellationToken);
            return this.Refuse(EvidenceForm.Refusal(problems, curation.CheckSubmission(item with { Id = "submission" }, Form.Note).Problems), Errors) ?? Page();
        }
        var outcome = await curation.SubmitAsync(current.Actor, item, Form.Organisation, Form.Note, cancellationToken);
        if (!outcome.Succeeded(out var submitted, out var refusal))
        {
            await LoadAsync(cancellationToken);
            return this.Refuse(EvidenceForm.InFormWords(refusal), Errors) ?? Page();
        }
        Submitted = submitted;
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Organisations = await directory.ContributableByAsync(current.Actor, cancellationToken);
    }
}
