using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Observatory.Accounts;
using Observatory.Web.Setup;

namespace Observatory.Web.Features.Accounts;

/// <summary>
/// Confirm your password: a person whose sign-in is no longer recent gives it again before changing their account
/// (tokens, invitations, memberships, the site). Wrong passwords count towards the lockout, as at sign-in.
/// </summary>
[Authorize(AuthenticationSchemes = Authentication.CookieScheme)]
[EnableRateLimiting(Authentication.SignInLimit)]
public sealed class ConfirmModel(AccountService accounts) : PageModel
{
    [BindProperty]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public FormErrors Errors { get; } = new();

    public int RecentMinutes => (int)Authentication.RecentSignIn.TotalMinutes;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (HttpContext.Features.Get<SignInSessionFeature>() is not { } session)
        {
            return Challenge(Authentication.CookieScheme);
        }
        var outcome = await accounts.ConfirmSessionAsync(session.Key, Password ?? "", cancellationToken);
        if (!outcome.Succeeded(out var refusal))
        {
            if (refusal.Kind == Outcomes.RefusalKind.Forbidden)
            {
                await HttpContext.SignOutAsync(Authentication.CookieScheme);
                return Challenge(Authentication.CookieScheme);
            }
            Errors.Add("password", refusal.Message);
            Password = null;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/account");
    }
}
