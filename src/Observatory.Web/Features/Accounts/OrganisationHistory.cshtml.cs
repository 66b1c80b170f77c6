using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Observatory.Accounts;
using Observatory.Auditing;

namespace Observatory.Web.Features.Accounts;

/// <summary>An organisation's audit history, for its admins: on the page, or as CSV or JSON.</summary>
[Authorize]
public sealed class OrganisationHistoryModel(AccountDirectory directory, AuditLog audit, CurrentActor current) : PageModel
{
    public Organisation Organisation { get; private set; } = null!;
    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string slug, string? format, CancellationToken cancellationToken)
    {
        var organisation = await directory.OrganisationAsync(slug, cancellationToken);
        if (organisation is null || !(current.Actor.IsSiteAdministrator || current.Actor.RoleIn(organisation.Id) is not null))
        {
            return NotFound();
        }
        if (!AccessPolicy.CanAdministerOrganisation(current.Actor, organisation.Id))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }
        Organisation = organisation;
        Entries = await audit.ForOrganisationAsync(organisation.Id, cancellationToken);
        return format switch
        {
            "csv" => File(System.Text.Encoding.UTF8.GetBytes(AuditLog.ToCsv(Entries)), "text/csv", $"{slug}-history.csv"),
            "json" => File(System.Text.Encoding.UTF8.GetBytes(AuditLog.ToJson(Entries)), "application/json", $"{slug}-history.json"),
            null => Page(),
            _ => NotFound(),
        };
    }
}
