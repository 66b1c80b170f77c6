using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Observatory.Outcomes;
using Observatory.Registers;
using Observatory.Web.Features.Shared;
using Observatory.Web.Setup;

namespace Observatory.Web.Features.Registers;

/// <summary>
/// An organisation's own algorithm records, drafts included, with open problem reports counted; contributors start a
/// record or import a file of them (ATRS JSON or CSV, or the Dutch standard), all or nothing. Members only.
/// </summary>
[Authorize]
[RequestSizeLimit(RegisterText.MaxImportBytes + 64 * 1024)]
public sealed class MineModel(AlgorithmRegister register) : PageModel
{
    public OrganisationRecords List { get; private set; } = null!;

    [BindProperty]
    public string? Title { get; set; }

    [BindProperty]
    public string? Format { get; set; }

    public FormErrors Errors { get; } = new();

    /// <summary>Every problem in an uploaded file, each with its file, line and field.</summary>
    public IReadOnlyList<string> FileProblems { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct) => await LoadAsync(slug, ct) ?? Page();

    public async Task<IActionResult> OnPostCreateAsync(string slug, CancellationToken ct)
    {
        if (await LoadAsync(slug, ct) is { } failed)
        {
            return failed;
        }
        if (string.IsNullOrWhiteSpace(Title))
        {
            Errors.Add("title", "Enter the name of the tool");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var content = new RecordContent();
        content.Set("title", Title);
        content.Set("name", Title);
        if (!(await register.CreateAsync(slug, content, ct)).Succeeded(out var working, out var refusal))
        {
            return this.Refuse(refusal, Errors) ?? Page();
        }
        return Redirect($"/registers/algorithms/{working.Record.Id}/edit");
    }

    public async Task<IActionResult> OnPostImportAsync(string slug, IFormFile? file, CancellationToken ct)
    {
        if (await LoadAsync(slug, ct) is { } failed)
        {
            return failed;
        }
        if (file is null || file.Length == 0)
        {
            Errors.Add("file", "Select a file of algorithm records");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        if (file.Length > RegisterText.MaxImportBytes)
        {
            Errors.Add("file", "The selected file must be smaller than 4 MB");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        string text;
        using (var reader = new StreamReader(file.OpenReadStream()))
        {
            text = await reader.ReadToEndAsync(ct);
        }
        var name = Path.GetFileName(file.FileName);
        var read = Format switch
        {
            DutchStandard.Format => DutchStandard.Read(name, text),
            _ when name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) => AtrsFiles.ReadCsv(name, text),
            _ => AtrsFiles.ReadJson(name, text),
        };
        Outcome<List<AlgorithmRecord>> imported = read.Succeeded(out var records, out var refusal) ? await register.ImportAsync(slug, name, records, ct) : refusal;
        if (!imported.Succeeded(out var added, out var why))
        {
            var refused = this.RefuseFile(why, Errors, out var problems);
            FileProblems = problems;
            return refused ?? Page();
        }
        TempData["Notice"] = added.Count == 1 ? "Imported 1 record as a draft." : $"Imported {added.Count} records as drafts.";
        return Redirect($"/organisations/{slug}/algorithms");
    }

    private async Task<IActionResult?> LoadAsync(string slug, CancellationToken ct)
    {
        if (!(await register.ListAsync(slug, ct)).Succeeded(out var list, out var refusal))
        {
            return StatusCode(refusal.StatusCode());
        }
        List = list;
        return null;
    }
}
