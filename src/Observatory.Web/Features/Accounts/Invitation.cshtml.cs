using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Observatory.Accounts;
using Observatory.Outcomes;
using Observatory.Web.Setup;

namespace Observatory.Web.Features.Accounts;

/// <summary>
/// Accept an invitation: a new person chooses a name and password. For an address that already has an account the
/// page only sends its owner to sign in and accept (<see cref="AcceptInvitationModel"/>): following a link does not
/// prove who owns the account it would join.
/// </summary>
[EnableRateLimiting(Authentication.SignInLimit)]
public sealed class InvitationModel(AccountService accounts, AccountDirectory directory) : PageModel
{
    public Invitation? Invitation { get; private set; }
    public Organisation? Organisation { get; private set; }
    public bool HasAccount { get; private set; }

    /// <summary>The link's secret, for the link to the signed-in acceptance.</summary>
    public string Token { get; private set; } = "";

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
        var outcome = await accounts.AcceptInvitationAsNewPersonAsync(token, DisplayName ?? "", Password ?? "", cancellationToken);
        if (!outcome.Succeeded(out var person, out var refusal))
        {
            Password = null;
            Response.StatusCode = refusal.StatusCode();
            Errors.Add(refusal.Problems.FirstOrDefault()?.Field switch
            {
                "displayName" => "display-name",
                "password" => "password",
                _ => "sign-in-to-accept",
            }, refusal.Message);
            return Page();
        }
        await HttpContext.SignInPersonAsync(person);
        TempData["Notice"] = $"Welcome. You have joined {Organisation!.Name}.";
        return LocalRedirect($"/organisations/{Organisation.Slug}");
    }

    private async Task LoadAsync(string token, CancellationToken cancellationToken)
    {
        Token = token;
        Invitation = await accounts.FindInvitationAsync(token, cancellationToken);
        if (Invitation is not null)
        {
            Organisation = await directory.OrganisationAsync(Invitation.OrganisationId, cancellationToken)
                ?? throw new InvalidOperationException($"There is no organisation {Invitation.OrganisationId}.");
            HasAccount = await directory.HasAccountAsync(Invitation.Email, cancellationToken);
        }
    }
}
