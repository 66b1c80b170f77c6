using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Observatory.Accounts;
using Observatory.Storage;
using Observatory.Testing;

namespace Observatory.Web.Tests.Accounts;

/// <summary>
/// Least privilege for API tokens (issue 15, item 3): a token, even one that may write, never creates, widens or
/// revokes tokens, nor changes an account or a membership; only a person signed in recently can.
/// </summary>
public sealed class TokenPrivilegeTests : IAsyncLifetime
{
    private const string Officer = "officer@wigan.gov.uk";
    private const string SiteAdmin = "admin@observatory.example";

    private readonly ClockedAppFactory _app = new(new TestClock(DateTimeOffset.UtcNow));
    private Person _officer = null!;
    private string _readToken = null!;
    private string _writeToken = null!;
    private long _writeTokenId;
    private string _siteAdminToken = null!;

    public async Task InitializeAsync()
    {
        await _app.EnsurePreparedAsync();
        var wigan = await TestAccounts.OrganisationAsync(_app.Services, "Wigan Council", "E08000010");
        _officer = await TestAccounts.MemberAsync(_app.Services, Officer, wigan, Role.OrganisationAdmin);
        var admin = await TestAccounts.SiteAdministratorAsync(_app.Services, SiteAdmin);
        await using var scope = _app.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
        (_, _readToken) = await accounts.CreateTokenAsync(_officer.Id, "reports", TokenScopes.Read, 30).ShouldSucceed();
        var (write, writeSecret) = await accounts.CreateTokenAsync(_officer.Id, "loader", TokenScopes.Read | TokenScopes.Write, 30).ShouldSucceed();
        (_writeToken, _writeTokenId) = (writeSecret, write.Id);
        (_, _siteAdminToken) = await accounts.CreateTokenAsync(admin.Id, "site script", TokenScopes.Read | TokenScopes.Write, 30).ShouldSucceed();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<HttpClient> ScriptAsync(string token)
    {
        var client = await _app.ClientAsync();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private async Task<List<ApiToken>> TokensAsync()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ObservatoryDbContext>().ApiTokens.AsNoTracking().Where(t => t.PersonId == _officer.Id).ToListAsync();
    }

    private static List<KeyValuePair<string, string>> NewTokenForm(string name) =>
        [new("tokenName", name), new("scopes", "read"), new("scopes", "write"), new("days", "366")];

    [Fact]
    public async Task A_read_token_can_neither_create_a_write_token_nor_revoke_one()
    {
        var script = await ScriptAsync(_readToken);

        (await script.GetAsync("/account")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        // A real anti-forgery token for the token's identity (any page with a form gives one), so what refuses the
        // posts below is the rule about tokens, not the anti-forgery check.
        using var create = await AccountForms.PostAsync(script, "/account?handler=CreateToken", NewTokenForm("escalated"), formPage: "/sign-out");
        using var revoke = await AccountForms.PostAsync(script, "/account?handler=RevokeToken", [new("tokenId", _writeTokenId.ToString())], formPage: "/sign-out");

        create.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        revoke.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var tokens = await TokensAsync();
        tokens.Count.ShouldBe(2, "no token was created");
        tokens.ShouldAllBe(t => t.RevokedAt == null, "no token was revoked");
    }

    [Fact]
    public async Task A_write_token_cannot_manage_accounts_memberships_or_the_site_either()
    {
        var script = await ScriptAsync(_writeToken);
        var admin = await ScriptAsync(_siteAdminToken);

        using var create = await AccountForms.PostAsync(script, "/account?handler=CreateToken", NewTokenForm("escalated"), formPage: "/sign-out");
        using var invite = await AccountForms.PostAsync(script, "/organisations/wigan-council?handler=Invite",
            new Dictionary<string, string> { ["email"] = "planted@example.com", ["role"] = "OrganisationAdmin" }, formPage: "/sign-out");
        using var outbox = await admin.GetAsync("/admin/outbox");
        using var organisation = await AccountForms.PostAsync(admin, "/admin", new Dictionary<string, string> { ["name"] = "Planted Council", ["kind"] = "Council" }, formPage: "/sign-out");

        create.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        invite.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        outbox.StatusCode.ShouldBe(HttpStatusCode.Forbidden, "the outbox holds other people's reset links");
        organisation.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await TokensAsync()).Count.ShouldBe(2);
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ObservatoryDbContext>();
        (await db.Invitations.CountAsync(i => i.Email == "planted@example.com")).ShouldBe(0);
        (await db.Organisations.CountAsync(o => o.Name == "Planted Council")).ShouldBe(0);
        // The same tokens still do what tokens are for.
        (await script.GetAsync("/api/frameworks")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Changing_the_account_needs_a_recent_sign_in_and_the_password_renews_it()
    {
        var person = await TestAccounts.ClientAsync(_app, Officer);
        using (var fresh = await AccountForms.PostAsync(person, "/account?handler=CreateToken", NewTokenForm("just after signing in")))
        {
            fresh.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        _app.Clock.Advance(TimeSpan.FromMinutes(31));
        (await person.GetAsync("/account")).StatusCode.ShouldBe(HttpStatusCode.OK, "reading the account page needs no new password");
        using var stale = await AccountForms.PostAsync(person, "/account?handler=CreateToken", NewTokenForm("half an hour later"));
        stale.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        stale.Headers.Location!.OriginalString.ShouldBe("/sign-in/confirm?returnUrl=%2Faccount");
        (await TokensAsync()).Count.ShouldBe(3, "nothing was created on the stale session");

        using var wrong = await AccountForms.PostAsync(person, "/sign-in/confirm?returnUrl=%2Faccount", new Dictionary<string, string> { ["password"] = "not my password at all" });
        wrong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        using var confirmed = await AccountForms.PostAsync(person, "/sign-in/confirm?returnUrl=%2Faccount", new Dictionary<string, string> { ["password"] = TestAccounts.Password });
        confirmed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        confirmed.Headers.Location!.OriginalString.ShouldBe("/account");
        using var renewed = await AccountForms.PostAsync(person, "/account?handler=CreateToken", NewTokenForm("after confirming"));
        renewed.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await TokensAsync()).Count.ShouldBe(4);
    }
}
