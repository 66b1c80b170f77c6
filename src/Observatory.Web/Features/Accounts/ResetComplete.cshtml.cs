using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Observatory.Accounts;
using Observatory.Web.Setup;

namespace Observatory.Web.Features.Accounts;

/// <summary>Choose a new password from a reset link; every session of the account ends.</summary>
[AllowAnonymous]
[EnableRateLimiting(Authentication.SignInLimit)]
public sealed class ResetCompleteModel(AccountService accounts) : PageModel
{
    [BindProperty]
    public string? Password { get; set; }

    public FormErrors Errors { get; } = new();

    public void OnGet(string token)
    {
    }

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken cancellationToken)
    {
        if (!(await accounts.ResetPasswordAsync(token, Password ?? "", cancellationToken)).Succeeded(out var refusal))
        {
            // The form has one field: a spent link is said there too, as it always was.
            return this.Refuse(refusal with { Problems = [.. refusal.Problems.Select(p => p with { Field = "password" })] }, Errors) ?? Page();
        }
        TempData["Notice"] = "Your password has been changed. Sign in with your new password.";
        return LocalRedirect("/sign-in");
    }
}
