using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Observatory.Accounts;
using Observatory.Web.Setup;

namespace Observatory.Web.Features.Accounts;

/// <summary>
/// Ask for a password reset link. The answer is the same whether or not the address has an account. The link is built
/// from the configured public address, never from the request's host.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(Authentication.SignInLimit)]
public sealed class ResetModel(AccountService accounts) : PageModel
{
    [BindProperty]
    public string? Email { get; set; }

    public bool Sent { get; private set; }

    public FormErrors Errors { get; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (AccountService.CheckEmail(Email ?? "") is { } refusal)
        {
            return this.Refuse(refusal, Errors) ?? Page();
        }
        await accounts.RequestPasswordResetAsync(Email!, cancellationToken);
        Sent = true;
        return Page();
    }
}
