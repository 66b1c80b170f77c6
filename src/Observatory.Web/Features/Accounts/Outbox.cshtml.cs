using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Observatory.Accounts;

namespace Observatory.Web.Features.Accounts;

/// <summary>The messages the default mail sender kept instead of sending, newest first.</summary>
[Authorize]
public sealed class OutboxModel(AccountDirectory directory, CurrentActor current) : PageModel
{
    public IReadOnlyList<OutboxMessage> Messages { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!current.Actor.IsSiteAdministrator)
        {
            return NotFound();
        }
        Messages = await directory.OutboxAsync(500, cancellationToken);
        return Page();
    }
}
