using System.Net;
using Observatory.Accounts;
using Observatory.Testing;

namespace Observatory.Web.Tests.Accounts;

/// <summary>
/// Sessions end on the server (issue 15, item 5): a session cookie stops working when its person signs out, even if
/// a copy of it is sent again, and a password reset ends every session of the account.
/// </summary>
public sealed class SessionTests : IAsyncLifetime
{
    private const string Person = "officer@wigan.gov.uk";

    private readonly ObservatoryAppFactory _app = new();

    public async Task InitializeAsync()
    {
        await _app.EnsurePreparedAsync();
        var wigan = await TestAccounts.OrganisationAsync(_app.Services, "Wigan Council", "E08000010");
        await TestAccounts.MemberAsync(_app.Services, Person, wigan, Role.Viewer);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    /// <summary>Signs in and returns the session cookie as a Cookie header value.</summary>
    private async Task<(HttpClient Client, string Cookie)> SignedInAsync()
    {
        var client = await _app.ClientAsync();
        using var response = await TestAccounts.SignInAsync(client, Person);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("observatory-session=", StringComparison.Ordinal)).Split(';')[0];
        return (client, cookie);
    }

    private async Task<HttpStatusCode> AccountPageWithAsync(string cookie)
    {
        var replay = _app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/account");
        request.Headers.Add("Cookie", cookie);
        using var response = await replay.SendAsync(request);
        return response.StatusCode;
    }

    [Fact]
    public async Task A_session_cookie_replayed_after_signing_out_is_refused()
    {
        var (client, cookie) = await SignedInAsync();
        var (_, elsewhere) = await SignedInAsync();
        (await AccountPageWithAsync(cookie)).ShouldBe(HttpStatusCode.OK);

        using var signOut = await AccountForms.PostAsync(client, "/sign-out", []);
        signOut.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        (await AccountPageWithAsync(cookie)).ShouldBe(HttpStatusCode.Redirect, "the copy of the cookie no longer opens the account");
        (await AccountPageWithAsync(elsewhere)).ShouldBe(HttpStatusCode.OK, "signing out on one device leaves the others signed in");
    }

    [Fact]
    public async Task A_password_reset_ends_every_session_of_the_account()
    {
        var (_, cookie) = await SignedInAsync();
        var visitor = await _app.ClientAsync();
        using (var asked = await AccountForms.PostAsync(visitor, "/account/reset", new Dictionary<string, string> { ["email"] = Person }))
        {
            asked.StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        var path = new Uri(AccountForms.LinkTo((await AccountForms.OutboxAsync(_app)).Last(m => m.To == Person).Body, "/account/reset")).AbsolutePath;

        using var reset = await AccountForms.PostAsync(visitor, path, new Dictionary<string, string> { ["password"] = "a brand new long password" });

        reset.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await AccountPageWithAsync(cookie)).ShouldBe(HttpStatusCode.Redirect);
    }
}
