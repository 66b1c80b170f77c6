using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Observatory.Accounts;
using Observatory.Web.Setup;

namespace Observatory.Web.Features.Accounts;

[EnableRateLimiting(Authentication.SignInLimit)]
public sealed class SignInModel(AccountService accounts) : PageModel
{
    /// <summary>One message for a wrong address, a wrong password and a locked account, so no one learns who has an account.</summary>
    public const string Refusal = "Enter a correct email address and password. After 5 wrong attempts an account is locked for 15 minutes";

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public FormErrors Errors { get; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(Email))
        {
            Errors.Add("email", "Enter your email address");
        }
        if (string.IsNullOrEmpty(Password))
        {
            Errors.Add("password", "Enter your password");
        }
        if (!Errors.Any)
        {
            var result = await accounts.SignInAsync(Email!, Password!, cancellationToken);
            if (result.Outcome == SignInOutcome.Success)
            {
                await HttpContext.SignInPersonAsync(result.Person!);
                return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/account");
            }
            Errors.Add("email", Refusal);
        }
        Password = null;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
