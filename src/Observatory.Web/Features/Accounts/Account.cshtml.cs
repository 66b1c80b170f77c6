using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Observatory.Accounts;
using Observatory.Web.Setup;

namespace Observatory.Web.Features.Accounts;

/// <summary>Your account: who you are, your organisations and roles, and your API tokens.</summary>
[Authorize]
public sealed class AccountModel(AccountDirectory directory, AccountService accounts, CurrentActor current) : PageModel
{
    public sealed record MembershipRow(Organisation Organisation, Role Role);

    public Person Person { get; private set; } = null!;
    public IReadOnlyList<MembershipRow> Memberships { get; private set; } = [];
    public IReadOnlyList<ApiToken> Tokens { get; private set; } = [];

    /// <summary>A token just created: shown once, on this response only.</summary>
    public string? NewToken { get; private set; }

    [BindProperty]
    public string? TokenName { get; set; }

    [BindProperty]
    public List<string> Scopes { get; set; } = [];

    [BindProperty]
    public int Days { get; set; } = 90;

    public FormErrors Errors { get; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostCreateTokenAsync(CancellationToken cancellationToken)
    {
        var personId = current.Actor.PersonId!.Value;
        var scopes = (Scopes.Contains("read") ? TokenScopes.Read : TokenScopes.None) | (Scopes.Contains("write") ? TokenScopes.Write : TokenScopes.None);
        var outcome = await accounts.CreateTokenAsync(personId, TokenName ?? "", scopes, Days, cancellationToken);
        if (outcome.Succeeded(out var created, out var refusal))
        {
            NewToken = created.Secret;
            TokenName = null;
        }
        else if (this.Refuse(refusal with { Problems = [.. refusal.Problems.Select(p => p.Field == "name" ? p with { Field = "token-name" } : p)] }, Errors) is { } answered)
        {
            return answered;
        }
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeTokenAsync(long tokenId, CancellationToken cancellationToken)
    {
        if (!await accounts.RevokeTokenAsync(current.Actor.PersonId!.Value, tokenId, cancellationToken))
        {
            return NotFound();
        }
        TempData["Notice"] = "The token was revoked. Scripts using it can no longer reach the API.";
        return LocalRedirect("/account");
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var personId = current.Actor.PersonId!.Value;
        Person = await directory.PersonAsync(personId, cancellationToken) ?? throw new InvalidOperationException($"There is no person {personId}.");
        Memberships = [.. (await directory.MembershipsOfAsync(personId, cancellationToken)).Select(m => new MembershipRow(m.Organisation, m.Role))];
        Tokens = await directory.TokensOfAsync(personId, cancellationToken);
    }
}
