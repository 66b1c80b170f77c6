using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Observatory.Accounts;
using Observatory.Evidence;
using Observatory.Frameworks;
using Observatory.Places;

namespace Observatory.Web.Features.Evidence;

/// <summary>One row of the history: version N, made when, by whom, and why.</summary>
public sealed record VersionRow(int Version, DateTime At, string? By, string? Note, bool IsCurrent);

/// <summary>
/// An item's version history, for whoever can see the item. Each stored version holds the text that was replaced
/// with who replaced it and why, so the row for version N+1 reads its when, who and why from version N.
/// </summary>
public sealed class VersionsModel(EvidenceLibrary library, AccountDirectory directory, CurrentActor current) : PageModel
{
    public EvidenceRecord Record { get; private set; } = null!;
    public IReadOnlyList<VersionRow> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (await library.FindAsync(current.Actor, id, cancellationToken) is not { } record)
        {
            return NotFound();
        }
        Record = record;
        var versions = await library.VersionsAsync(record.Id, cancellationToken);
        var firstBy = record.SubmittedById is { } by ? await directory.PersonNameAsync(by, cancellationToken) : null;
        var rows = new List<VersionRow> { new(1, record.CreatedAt, record.Collection is null ? firstBy : "shipped data", record.Collection is null ? "Submitted" : $"Shipped in data/evidence/{record.Collection}.yaml", record.Version == 1) };
        foreach (var v in versions)
        {
            rows.Add(new VersionRow(v.Version + 1, v.ChangedAt, v.ChangedBy, v.Note, v.Version + 1 == record.Version));
        }
        var named = EvidencePageSupport.MaySeeOrganisations(current.Actor, record);
        Rows = [.. rows.OrderByDescending(r => r.Version).Select(r => named ? r : r with { By = "Not shown: published without organisation names" })];
        return Page();
    }
}
