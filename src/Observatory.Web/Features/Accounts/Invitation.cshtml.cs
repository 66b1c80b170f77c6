using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Observatory.Accounts;
using Observatory.Web.Setup;

namespace Observatory.Web.Features.Accounts;

/// <summary>Accept an invitation: a new person chooses a name and password; someone with an account just joins.</summary>
[EnableRateLimiting(Authentication.SignInLimit)]
public sealed class InvitationModel(AccountService accounts, AccountDirectory directory) : PageModel
{
    public Invitation? Invitation { get; private set; }
    public Organisation? Organisation { get; private set; }
    public bool HasAccount { get; private set; }

    [BindProperty]
    public string? DisplayName { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    public FormErrors Errors { get; } = new();

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken)
    {
        await LoadAsync(token, cancellationToken);
        if (Invitation is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken cancellationToken)
    {
        await LoadAsync(token, cancellationToken);
        if (Invitation is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }
        try
        {
            var person = await accounts.AcceptInvitationAsync(token, DisplayName ?? "", Password ?? "", cancellationToken);
            if (!HasAccount)
            {
                await HttpContext.SignInAsync(Authentication.CookieScheme, Authentication.Principal(person, TokenScopes.Read | TokenScopes.Write, Authentication.CookieScheme));
            }
            TempData["Notice"] = HasAccount ? $"You have joined {Organisation!.Name}. Sign in to start." : $"Welcome. You have joined {Organisation!.Name}.";
            return LocalRedirect(HasAccount ? "/sign-in" : $"/organisations/{Organisation.Slug}");
        }
        catch (AccountException ex)
        {
            Errors.Add(ex.Field == "displayName" ? "display-name" : "password", ex.Message);
            Password = null;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
    }

    private async Task LoadAsync(string token, CancellationToken cancellationToken)
    {
        Invitation = await accounts.FindInvitationAsync(token, cancellationToken);
        if (Invitation is not null)
        {
            Organisation = await directory.OrganisationAsync(Invitation.OrganisationId, cancellationToken)
                ?? throw new InvalidOperationException($"There is no organisation {Invitation.OrganisationId}.");
            HasAccount = await directory.HasAccountAsync(Invitation.Email, cancellationToken);
        }
    }
}
