using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Observatory.Outcomes;
using Observatory.Registers;
using Observatory.Web.Features.Shared;
using Observatory.Web.Setup;

namespace Observatory.Web.Features.Registers;

/// <summary>
/// An organisation's working copy of a record: every field of the template in its groups, a blank entry to add
/// another third party, model or dataset, and the workflow (send for approval; the approver publishes or sends back);
/// the problems the public reported, to mark resolved. Members only; anyone else is told it does not exist.
/// </summary>
[Authorize]
public sealed class EditModel(AlgorithmRegister register) : PageModel
{
    public WorkingRecord Working { get; private set; } = null!;

    /// <summary>What the form shows: the working copy, or what was posted when it was refused.</summary>
    public RecordContent Shown { get; private set; } = new();

    public FormErrors Errors { get; } = new();

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    public async Task<IActionResult> OnPostSaveAsync(long id, string? then, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } failed)
        {
            return failed;
        }
        var posted = ReadForm();
        if (!(await register.SaveAsync(id, posted, ct)).Succeeded(out _, out var refusal))
        {
            Shown = posted;
            return Refused(refusal);
        }
        if (then == "submit" && !(await register.SubmitAsync(id, ct)).Succeeded(out _, out var notSent))
        {
            await LoadAsync(id, ct);
            return Refused(notSent);
        }
        return Done(id, then == "submit" ? "Saved and sent for approval." : "Saved.");
    }

    public async Task<IActionResult> OnPostPublishAsync(long id, string? changeNote, CancellationToken ct) =>
        await MoveAsync(id, register.PublishAsync(id, changeNote, ct), "Published: the record is now in the public register.");

    public async Task<IActionResult> OnPostReturnAsync(long id, CancellationToken ct) =>
        await MoveAsync(id, register.ReturnAsync(id, ct), "Sent back to draft.");

    public async Task<IActionResult> OnPostResolveAsync(long id, long reportId, string? resolution, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } failed)
        {
            return failed;
        }
        if (!(await register.ResolveProblemAsync(id, reportId, resolution, ct)).Succeeded(out _, out var refusal))
        {
            return Refused(refusal);
        }
        return Done(id, "The problem is marked resolved.");
    }

    private async Task<IActionResult> MoveAsync(long id, Task<Outcome<WorkingRecord>> move, string notice)
    {
        if (!(await move).Succeeded(out _, out var refusal))
        {
            return await LoadAsync(id, default) ?? Refused(refusal);
        }
        return Done(id, notice);
    }

    private IActionResult Refused(Refusal refusal)
    {
        // Problems of a repeating group's entry are named group[n].field; the form's ids use dashes.
        var renamed = refusal with { Problems = [.. refusal.Problems.Select(p => p with { Field = RegisterText.FieldId(p.Field) })] };
        return this.Refuse(renamed, Errors) ?? Page();
    }

    private RedirectResult Done(long id, string notice)
    {
        TempData["Notice"] = notice;
        return Redirect($"/registers/algorithms/{id.ToString(CultureInfo.InvariantCulture)}/edit");
    }

    /// <summary>The record as the form sent it: a value per field, and every numbered entry of each repeating group.</summary>
    private RecordContent ReadForm()
    {
        var form = Request.Form;
        var content = new RecordContent();
        foreach (var field in RegisterFields.Single.Where(f => f.Kind != FieldKind.Generated))
        {
            var values = form[field.Attribute].OfType<string>().Where(v => v.Length > 0).ToList();
            content.Set(field.Attribute, field.Kind == FieldKind.Choices ? string.Join(",", values) : values.FirstOrDefault());
        }
        foreach (var group in RegisterFields.RepeatGroups.Keys)
        {
            for (var i = 1; i <= 50 && form.Keys.Any(k => k.StartsWith($"{group}-{i}-", StringComparison.Ordinal)); i++)
            {
                content.AddEntry(group, RegisterFields.InGroup(group).Select(f => new KeyValuePair<string, string?>(f.Attribute, form[$"{group}-{i}-{f.Attribute}"].ToString())));
            }
        }
        return content;
    }

    private async Task<IActionResult?> LoadAsync(long id, CancellationToken ct)
    {
        if (!(await register.GetAsync(id, ct)).Succeeded(out var working, out var refusal))
        {
            return StatusCode(refusal.StatusCode());
        }
        Working = working;
        Shown = working.Content;
        return null;
    }
}
