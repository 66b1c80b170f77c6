using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Observatory.Accounts;
using Observatory.Storage;

namespace Observatory.Web.Pages.Admin;

/// <summary>The messages the default mail sender kept instead of sending, newest first.</summary>
[Authorize]
public sealed class OutboxModel(ObservatoryDbContext db, CurrentActor current) : PageModel
{
    public IReadOnlyList<OutboxMessage> Messages { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!current.Actor.IsSiteAdministrator)
        {
            return NotFound();
        }
        Messages = await db.OutboxMessages.AsNoTracking().OrderByDescending(m => m.Id).Take(500).ToListAsync(cancellationToken);
        return Page();
    }
}
