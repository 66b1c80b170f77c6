using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Observatory.Outcomes;
using Observatory.Registers;
using Observatory.Web.Features.Shared;
using Observatory.Web.Setup;

namespace Observatory.Web.Features.Registers;

/// <summary>
/// Every field of an application entry in its groups, and who may see it. Contributors of its organisation only;
/// a council that can see a shared entry cannot change it, and anyone else is told it does not exist.
/// </summary>
[Authorize]
public sealed class ApplicationEditModel(ApplicationsRegister register) : PageModel
{
    public ApplicationView View { get; private set; } = null!;

    /// <summary>What the form shows: the entry, or what was posted when it was refused.</summary>
    public IReadOnlyDictionary<string, string> Shown { get; private set; } = new Dictionary<string, string>();

    public ServiceAreas Areas => register.Areas;

    public FormErrors Errors { get; } = new();

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } failed)
        {
            return failed;
        }
        var posted = ApplicationFields.All.Select(f => new KeyValuePair<string, string?>(f.Key,
            f.Kind == ApplicationFieldKind.ServiceAreas ? string.Join(';', Request.Form[f.Key].OfType<string>()) : Request.Form[f.Key].ToString())).ToList();
        if (!(await register.SaveAsync(id, posted, ct)).Succeeded(out _, out var refusal))
        {
            Shown = posted.Where(p => !string.IsNullOrEmpty(p.Value)).ToDictionary(p => p.Key, p => p.Value!);
            // On the form each message follows the field's name: "Contract end date must be a date…".
            var worded = refusal with { Problems = [.. refusal.Problems.Select(p => p with { Message = $"{ApplicationFields.Find(p.Field)?.Name ?? p.Field} {p.Message}" })] };
            return this.Refuse(worded, Errors) ?? Page();
        }
        TempData["Notice"] = "Saved.";
        return Redirect($"/applications/{id}");
    }

    private async Task<IActionResult?> LoadAsync(long id, CancellationToken ct)
    {
        if (!(await register.GetAsync(id, ct)).Succeeded(out var view, out var refusal))
        {
            return StatusCode(refusal.StatusCode());
        }
        if (!view.CanEdit)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }
        View = view;
        Shown = view.Values.Append(new(ApplicationFields.Sharing, ApplicationEntry.SharingName(view.Entry.Sharing))).ToDictionary();
        return null;
    }
}
