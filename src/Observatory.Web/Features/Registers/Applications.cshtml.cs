using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Observatory.Outcomes;
using Observatory.Registers;
using Observatory.Web.Features.Shared;
using Observatory.Web.Setup;

namespace Observatory.Web.Features.Registers;

/// <summary>
/// An organisation's applications, private ones included; contributors add one by name (then fill in the rest) or
/// import a CSV or XLSX file of them, all or nothing. Members only.
/// </summary>
[Authorize]
[RequestSizeLimit(RegisterText.MaxImportBytes + 64 * 1024)]
public sealed class ApplicationsModel(ApplicationsRegister register) : PageModel
{
    public OrganisationApplications List { get; private set; } = null!;

    [BindProperty]
    public string? Name { get; set; }

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
        if (string.IsNullOrWhiteSpace(Name))
        {
            Errors.Add("name", "Enter the name of the application");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        if (!(await register.CreateAsync(slug, [new(ApplicationFields.Name, Name)], ct)).Succeeded(out var view, out var refusal))
        {
            return this.Refuse(refusal, Errors) ?? Page();
        }
        TempData["Notice"] = "Added. It is private to your organisation until you choose otherwise.";
        return Redirect($"/applications/{view.Entry.Id}/edit");
    }

    public async Task<IActionResult> OnPostImportAsync(string slug, IFormFile? file, CancellationToken ct)
    {
        if (await LoadAsync(slug, ct) is { } failed)
        {
            return failed;
        }
        if (file is null || file.Length == 0)
        {
            Errors.Add("file", "Select a CSV file or Excel workbook of applications");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        if (file.Length > RegisterText.MaxImportBytes)
        {
            Errors.Add("file", "The selected file must be smaller than 4 MB");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var name = Path.GetFileName(file.FileName);
        Outcome<List<ImportedApplication>> read;
        if (ApplicationText.IsXlsx(file.ContentType, name))
        {
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, ct);
            buffer.Position = 0;
            read = ApplicationFiles.ReadXlsx(name, buffer);
        }
        else
        {
            using var reader = new StreamReader(file.OpenReadStream());
            read = ApplicationFiles.ReadCsv(name, await reader.ReadToEndAsync(ct));
        }
        Outcome<List<ApplicationEntry>> imported = read.Succeeded(out var rows, out var refusal) ? await register.ImportAsync(slug, name, rows, ct) : refusal;
        if (!imported.Succeeded(out var added, out var why))
        {
            var refused = this.RefuseFile(why, Errors, out var problems);
            FileProblems = problems;
            return refused ?? Page();
        }
        TempData["Notice"] = added.Count == 1 ? "Imported 1 application." : $"Imported {added.Count} applications.";
        return Redirect($"/organisations/{slug}/applications");
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
