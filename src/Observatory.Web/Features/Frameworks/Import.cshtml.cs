using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Observatory.Accounts;
using Observatory.Content;
using Observatory.Frameworks;
using Observatory.Outcomes;
using Observatory.Web.Setup;

namespace Observatory.Web.Features.Frameworks;

[Authorize]
[RequestSizeLimit(MaxUploadBytes + 64_000)]
public sealed class ImportModel(FrameworkLibrary library, AccountDirectory directory, CurrentActor current) : PageModel
{
    /// <summary>The organisations the person may import for (contributor or above).</summary>
    public IReadOnlyList<Organisation> Organisations { get; private set; } = [];

    [BindProperty]
    public long? OrganisationId { get; set; }

    [BindProperty]
    public Visibility Visibility { get; set; } = Visibility.Private;

    public const long MaxUploadBytes = ImportedFramework.MaxContentLength;

    public IReadOnlyList<string> Problems { get; private set; } = [];
    public string? FileError { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadOrganisationsAsync(cancellationToken);
        return Organisations.Count == 0 && !current.Actor.IsSiteAdministrator ? StatusCode(StatusCodes.Status403Forbidden) : Page();
    }

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        await LoadOrganisationsAsync(cancellationToken);
        if (OrganisationId is { } chosen ? Organisations.All(o => o.Id != chosen) : !current.Actor.IsSiteAdministrator)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }
        if (file is null || file.Length == 0)
        {
            return Refuse("Select a framework file");
        }
        if (file.Length > MaxUploadBytes)
        {
            return Refuse("The selected file must be smaller than 2 MB");
        }
        var extension = Path.GetExtension(file.FileName).ToLowerInvariant();
        if (extension is not (".yaml" or ".yml" or ".json"))
        {
            return Refuse("The selected file must be YAML (.yaml or .yml) or JSON (.json)");
        }
        string text;
        using (var reader = new StreamReader(file.OpenReadStream()))
        {
            text = await reader.ReadToEndAsync(cancellationToken);
        }
        var outcome = await library.ImportAsync(file.FileName, text, current.Actor.Name, OrganisationId, OrganisationId is null ? Visibility.Public : Visibility, cancellationToken);
        if (!outcome.Succeeded(out var result, out var refusal))
        {
            if (refusal.Kind is not (RefusalKind.Invalid or RefusalKind.Conflict))
            {
                return StatusCode(refusal.StatusCode());
            }
            // The file's problems are listed in full above the form, each with its line, rather than beside one field.
            Problems = [.. refusal.Problems.Select(p => p.ToString())];
            FileError = refusal.Problems.Count == 1 ? refusal.Problems[0].ToString() : $"The file has {refusal.Problems.Count} problems, listed above";
            ModelState.AddModelError("file", FileError);
            Response.StatusCode = refusal.StatusCode();
            return Page();
        }
        TempData["Notice"] = result.Outcome switch
        {
            FrameworkImportOutcome.Created => $"Imported {result.Framework.Name} ({result.Framework.ElementCount} elements).",
            FrameworkImportOutcome.NewVersion => $"Imported version {result.Framework.Version} of {result.Framework.Name}; it is now the current version.",
            _ => $"{result.Framework.Name} version {result.Framework.Version} was already imported; nothing changed.",
        };
        return Redirect($"/frameworks/{result.Framework.Id}");
    }

    private async Task LoadOrganisationsAsync(CancellationToken cancellationToken)
    {
        Organisations = await directory.ContributableByAsync(current.Actor, cancellationToken);
        OrganisationId ??= Organisations.FirstOrDefault()?.Id;
    }

    private PageResult Refuse(string message)
    {
        FileError = message;
        Problems = [message];
        ModelState.AddModelError("file", message);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
