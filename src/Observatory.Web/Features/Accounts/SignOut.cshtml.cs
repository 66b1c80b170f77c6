using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Observatory.Web.Setup;

namespace Observatory.Web.Features.Accounts;

/// <summary>Signing out is a POST (with its anti-forgery token), so a link on another site cannot sign anyone out.</summary>
public sealed class SignOutModel : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(Authentication.CookieScheme);
        TempData["Notice"] = "You have signed out.";
        return LocalRedirect("/");
    }
}
