using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Observatory.Accounts;
using Observatory.Storage;

namespace Observatory.Web.Pages.Account;

/// <summary>Your account: who you are, your organisations and roles, and your API tokens.</summary>
[Authorize]
public sealed class IndexModel(ObservatoryDbContext db, AccountService accounts, CurrentActor current) : PageModel
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
        try
        {
            var (_, secret) = await accounts.CreateTokenAsync(personId, TokenName ?? "", scopes, Days, cancellationToken);
            NewToken = secret;
            TokenName = null;
        }
        catch (AccountException ex)
        {
            Errors.Add(ex.Field == "name" ? "token-name" : ex.Field, ex.Message);
            Response.StatusCode = StatusCodes.Status400BadRequest;
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
        Person = await db.People.AsNoTracking().FirstAsync(p => p.Id == personId, cancellationToken);
        Memberships = [.. (await db.Memberships.AsNoTracking().Where(m => m.PersonId == personId)
            .Join(db.Organisations.AsNoTracking(), m => m.OrganisationId, o => o.Id, (m, o) => new { o, m.Role })
            .ToListAsync(cancellationToken)).Select(x => new MembershipRow(x.o, x.Role)).OrderBy(r => r.Organisation.Name)];
        Tokens = await db.ApiTokens.AsNoTracking().Where(t => t.PersonId == personId).OrderByDescending(t => t.CreatedAt).ToListAsync(cancellationToken);
    }
}
