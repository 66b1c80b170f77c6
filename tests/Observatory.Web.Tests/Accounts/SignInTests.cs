using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Observatory.Accounts;
using Observatory.Testing;

namespace Observatory.Web.Tests.Accounts;

/// <summary>Sign-in, sessions, tokens and the protections around them, through the real pages and API.</summary>
public sealed class SignInTests : IAsyncLifetime
{
    private readonly ObservatoryAppFactory _app = new();
    private Organisation _organisation = null!;

    public async Task InitializeAsync()
    {
        await _app.EnsurePreparedAsync();
        _organisation = await TestAccounts.OrganisationAsync(_app.Services, "Wigan Council", "E08000010");
        await TestAccounts.MemberAsync(_app.Services, "admin@wigan.gov.uk", _organisation, Role.OrganisationAdmin);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Signing_in_opens_the_account_page_and_signing_out_closes_it()
    {
        var client = await _app.ClientAsync();
        (await client.GetAsync("/account")).StatusCode.ShouldBe(HttpStatusCode.Redirect, "the account page needs a sign-in");

        using var signIn = await TestAccounts.SignInAsync(client, "Admin@Wigan.gov.uk");
        signIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        signIn.Headers.Location!.OriginalString.ShouldBe("/account");
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("observatory-session=", StringComparison.Ordinal));
        cookie.ShouldContain("httponly", Case.Insensitive);
        cookie.ShouldContain("samesite=lax", Case.Insensitive);
        var account = await client.GetHtmlAsync("/account");
        account.QuerySelector("h1")!.TextContent.ShouldBe("Your account");
        account.Body!.TextContent.ShouldContain("Wigan Council");

        var token = await TestAccounts.FormTokenAsync(client, "/sign-out");
        using var signOut = await client.PostAsync("/sign-out", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        (await client.GetAsync("/account")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_address_get_the_same_answer()
    {
        var client = await _app.ClientAsync();

        using var wrong = await TestAccounts.SignInAsync(client, "admin@wigan.gov.uk", "not the password at all");
        using var unknown = await TestAccounts.SignInAsync(client, "nobody@wigan.gov.uk", "not the password at all");

        wrong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        unknown.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var a = (await wrong.Content.ReadAsStringAsync()).ParseHtml().QuerySelector(".govuk-error-summary")!.TextContent.Normalised();
        var b = (await unknown.Content.ReadAsStringAsync()).ParseHtml().QuerySelector(".govuk-error-summary")!.TextContent.Normalised();
        a.ShouldBe(b);
        a.ShouldContain("Enter a correct email address and password");
    }

    [Fact]
    public async Task The_account_locks_after_five_wrong_passwords_even_for_the_right_one()
    {
        var client = await _app.ClientAsync();
        for (var i = 0; i < 5; i++)
        {
            using var _ = await TestAccounts.SignInAsync(client, "admin@wigan.gov.uk", "wrong password number " + i);
        }

        using var right = await TestAccounts.SignInAsync(client, "admin@wigan.gov.uk");

        right.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_post_without_its_anti_forgery_token_is_refused()
    {
        var client = await _app.ClientAsync();

        using var response = await client.PostAsync("/sign-in", new FormUrlEncodedContent(new Dictionary<string, string> { ["email"] = "admin@wigan.gov.uk", ["password"] = TestAccounts.Password }));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Headers.Contains("Set-Cookie").ShouldBeFalse();
    }

    [Fact]
    public async Task Sign_in_attempts_beyond_the_limit_answer_429()
    {
        await using var app = new ObservatoryAppFactory();
        app.Settings["OBSERVATORY_SIGNIN_PER_MINUTE"] = "3";
        var client = await app.ClientAsync();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            using var response = await TestAccounts.SignInAsync(client, "someone@wigan.gov.uk", "guess " + i);
            statuses.Add(response.StatusCode);
        }

        statuses.Take(3).ShouldAllBe(s => s == HttpStatusCode.BadRequest);
        statuses.Skip(3).ShouldAllBe(s => s == HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task A_bearer_token_reaches_the_api_and_a_bad_one_is_refused_with_401()
    {
        var person = await TestAccounts.MemberAsync(_app.Services, "script@wigan.gov.uk", _organisation, Role.Viewer);
        string secret;
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            (_, secret) = await scope.ServiceProvider.GetRequiredService<AccountService>().CreateTokenAsync(person.Id, "report", TokenScopes.Read, 7).ShouldSucceed();
        }
        var client = await _app.ClientAsync();

        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        (await client.GetAsync("/api/frameworks")).StatusCode.ShouldBe(HttpStatusCode.OK);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret + "tampered");
        using var refused = await client.GetAsync("/api/frameworks");
        refused.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString().ShouldBe("The token is unknown, revoked or expired.");
    }

    [Fact]
    public async Task An_invitation_link_signs_a_new_person_up_once()
    {
        var admin = await TestAccounts.ClientAsync(_app, "admin@wigan.gov.uk");
        var token = await TestAccounts.FormTokenAsync(admin, "/organisations/wigan-council");
        using var invite = await admin.PostAsync("/organisations/wigan-council?handler=Invite", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["email"] = "new.officer@wigan.gov.uk",
            ["role"] = "Contributor",
        }));
        invite.StatusCode.ShouldBe(HttpStatusCode.OK);
        var link = (await invite.Content.ReadAsStringAsync()).ParseHtml().QuerySelector(".govuk-notification-banner code")!.TextContent;
        var path = new Uri(link).AbsolutePath;

        var newcomer = await _app.ClientAsync();
        var formToken = await TestAccounts.FormTokenAsync(newcomer, path);
        var fields = new Dictionary<string, string> { ["__RequestVerificationToken"] = formToken, ["displayName"] = "New Officer", ["password"] = TestAccounts.Password };
        using var accept = await newcomer.PostAsync(path, new FormUrlEncodedContent(fields));
        accept.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await newcomer.GetHtmlAsync("/account")).Body!.TextContent.ShouldContain("Contributor");

        var again = await _app.ClientAsync();
        (await again.GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.NotFound, "the link works once");
    }
}
