using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Observatory.Accounts;
using Observatory.Storage;
using Observatory.Testing;

namespace Observatory.Web.Tests.Accounts;

/// <summary>
/// Invitations (issue 15, item 4): an invitation to an address that already has an account joins that account only
/// when its owner signs in to accept, and its link is never shown to the admin who sent it.
/// </summary>
public sealed class InvitationTests : IAsyncLifetime
{
    private const string Victim = "victim@wigan.example";

    private readonly ObservatoryAppFactory _app = new();
    private Organisation _wigan = null!;

    public async Task InitializeAsync()
    {
        await _app.EnsurePreparedAsync();
        _wigan = await TestAccounts.OrganisationAsync(_app.Services, "Wigan Council", "E08000010");
        var bolton = await TestAccounts.OrganisationAsync(_app.Services, "Bolton Council", "E08000001");
        await TestAccounts.MemberAsync(_app.Services, "admin@wigan.gov.uk", _wigan, Role.OrganisationAdmin);
        await TestAccounts.MemberAsync(_app.Services, "admin@bolton.gov.uk", bolton, Role.OrganisationAdmin);
        await TestAccounts.MemberAsync(_app.Services, "officer@bolton.gov.uk", bolton, Role.Viewer);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<HttpResponseMessage> InviteAsync(HttpClient admin, string organisation, string email) =>
        await AccountForms.PostAsync(admin, $"/organisations/{organisation}?handler=Invite", new Dictionary<string, string> { ["email"] = email, ["role"] = "Contributor" });

    private async Task<string> MailedInvitationPathAsync(string email, string organisation)
    {
        var message = (await AccountForms.OutboxAsync(_app)).Last(m => m.To == email && m.Subject.Contains(organisation, StringComparison.Ordinal));
        return new Uri(AccountForms.LinkTo(message.Body, "/invitations")).AbsolutePath;
    }

    private async Task<int> MembershipsInWiganAsync(string email)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ObservatoryDbContext>();
        return await db.Memberships.Join(db.People, m => m.PersonId, p => p.Id, (m, p) => new { m.OrganisationId, p.Email })
            .CountAsync(x => x.OrganisationId == _wigan.Id && x.Email == email);
    }

    [Fact]
    public async Task An_account_another_organisation_made_for_an_address_cannot_be_joined_to_a_later_invitation()
    {
        // Bolton's admin invites the victim's address, sees the link (no mail server, no account yet), and accepts it
        // with a password of their own choosing.
        var bolton = await TestAccounts.ClientAsync(_app, "admin@bolton.gov.uk");
        using var planted = await InviteAsync(bolton, "bolton-council", Victim);
        planted.StatusCode.ShouldBe(HttpStatusCode.OK);
        var plantedPath = new Uri(AccountForms.LinkTo(await planted.Content.ReadAsStringAsync(), "/invitations")).AbsolutePath;
        var attacker = await _app.ClientAsync();
        using (var made = await AccountForms.PostAsync(attacker, plantedPath, new Dictionary<string, string> { ["displayName"] = "Victim", ["password"] = "chosen by the attacker" }))
        {
            made.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        }

        // Later Wigan invites the same address: the link goes by mail only, since the address has an account.
        var wigan = await TestAccounts.ClientAsync(_app, "admin@wigan.gov.uk");
        using var invited = await InviteAsync(wigan, "wigan-council", Victim);
        invited.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await invited.Content.ReadAsStringAsync()).ShouldNotContain("/invitations/");

        // The victim follows the mailed link without knowing the planted password: accepting must not join the account.
        var path = await MailedInvitationPathAsync(Victim, "Wigan Council");
        var victim = await _app.ClientAsync();
        var page = await victim.GetHtmlAsync(path);
        page.QuerySelector("main")!.TextContent.Normalised().ShouldContain("Sign in as victim@wigan.example to accept");
        page.QuerySelector($"main a[href='/account{path}']").ShouldNotBeNull();
        using (var accept = await AccountForms.PostAsync(victim, path, [], formPage: "/sign-out"))
        {
            accept.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        }

        (await MembershipsInWiganAsync(Victim)).ShouldBe(0);
        var asVictim = await _app.ClientAsync();
        (await TestAccounts.SignInAsync(asVictim, Victim, "chosen by the attacker")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await asVictim.GetAsync("/organisations/wigan-council")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Someone_with_an_account_signs_in_as_its_owner_to_accept()
    {
        var wigan = await TestAccounts.ClientAsync(_app, "admin@wigan.gov.uk");
        using var invited = await InviteAsync(wigan, "wigan-council", "officer@bolton.gov.uk");
        (await invited.Content.ReadAsStringAsync()).ShouldNotContain("/invitations/");
        var path = await MailedInvitationPathAsync("officer@bolton.gov.uk", "Wigan Council");

        var officer = await _app.ClientAsync();
        using (var unsigned = await officer.GetAsync("/account" + path))
        {
            unsigned.StatusCode.ShouldBe(HttpStatusCode.Redirect);
            unsigned.Headers.Location!.OriginalString.ShouldStartWith("/sign-in?returnUrl=");
        }
        // Someone signed in as another person cannot take it.
        using (var other = await AccountForms.PostAsync(wigan, "/account" + path, [], formPage: "/sign-out"))
        {
            other.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        }
        (await MembershipsInWiganAsync("officer@bolton.gov.uk")).ShouldBe(0);

        (await TestAccounts.SignInAsync(officer, "officer@bolton.gov.uk")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await officer.GetHtmlAsync("/account" + path)).QuerySelector("h1")!.TextContent.ShouldBe("Join Wigan Council");
        using var accept = await AccountForms.PostAsync(officer, "/account" + path, []);
        accept.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        accept.Headers.Location!.OriginalString.ShouldBe("/organisations/wigan-council");
        (await MembershipsInWiganAsync("officer@bolton.gov.uk")).ShouldBe(1);
        (await officer.GetAsync("/account" + path)).StatusCode.ShouldBe(HttpStatusCode.NotFound, "the link works once");
    }
}
