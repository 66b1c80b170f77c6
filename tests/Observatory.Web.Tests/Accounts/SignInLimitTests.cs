using System.Net;
using Observatory.Accounts;
using Observatory.Testing;

namespace Observatory.Web.Tests.Accounts;

/// <summary>
/// Sign-in under pressure (issue 15, item 8): concurrent wrong passwords lock the account as surely as one after
/// another, on SQLite and PostgreSQL, and the sign-in forms are limited per account as well as per client address —
/// behind a proxy, each visitor by their own address.
/// </summary>
public sealed class SignInLimitTests
{
    private const string Person = "officer@wigan.gov.uk";

    private static async Task<ObservatoryAppFactory> AppAsync(TestDatabase? database, params (string Key, string Value)[] settings)
    {
        var app = new ObservatoryAppFactory(database);
        foreach (var (key, value) in settings)
        {
            app.Settings[key] = value;
        }
        await app.EnsurePreparedAsync();
        var wigan = await TestAccounts.OrganisationAsync(app.Services, "Wigan Council", "E08000010");
        await TestAccounts.MemberAsync(app.Services, Person, wigan, Role.Viewer);
        return app;
    }

    [Fact]
    public Task Concurrent_wrong_passwords_lock_the_account_on_sqlite() => ConcurrentWrongPasswordsLock(null);

    [PostgresFact]
    public async Task Concurrent_wrong_passwords_lock_the_account_on_postgresql() => await ConcurrentWrongPasswordsLock(await TestDatabase.CreatePostgresAsync());

    private static async Task ConcurrentWrongPasswordsLock(TestDatabase? database)
    {
        await using var app = await AppAsync(database, ("OBSERVATORY_SIGNIN_PER_MINUTE", "1000"), ("OBSERVATORY_SIGNIN_PER_ACCOUNT_PER_MINUTE", "1000"));
        var client = await app.ClientAsync();
        var token = await TestAccounts.FormTokenAsync(client, "/sign-in");

        var attempts = await Task.WhenAll(Enumerable.Range(0, 16).Select(async i =>
        {
            using var response = await client.PostAsync("/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["email"] = Person,
                ["password"] = $"wrong password number {i}",
            }));
            return response.StatusCode;
        }));
        using var right = await TestAccounts.SignInAsync(client, Person);

        attempts.ShouldAllBe(s => s == HttpStatusCode.BadRequest);
        right.StatusCode.ShouldBe(HttpStatusCode.BadRequest, "sixteen wrong passwords at once lock the account, so the right one is refused");
    }

    [Fact]
    public async Task Sign_in_is_limited_per_account_whatever_the_address()
    {
        await using var app = await AppAsync(null, ("OBSERVATORY_SIGNIN_PER_MINUTE", "1000"), ("OBSERVATORY_SIGNIN_PER_ACCOUNT_PER_MINUTE", "3"));
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            // A new client each time, as a guesser spreading attempts would.
            using var response = await TestAccounts.SignInAsync(await app.ClientAsync(), "Officer@Wigan.gov.uk ", "guess number " + i);
            statuses.Add(response.StatusCode);
        }
        using var someoneElse = await TestAccounts.SignInAsync(await app.ClientAsync(), "someone.else@wigan.gov.uk", "a wrong password");

        statuses.ShouldBe([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.TooManyRequests]);
        someoneElse.StatusCode.ShouldBe(HttpStatusCode.BadRequest, "another account has its own allowance");
    }

    [Fact]
    public async Task Behind_a_known_proxy_each_visitor_has_their_own_address_allowance()
    {
        await using var app = await AppAsync(null, ("OBSERVATORY_SIGNIN_PER_MINUTE", "3"), ("Observatory:KnownProxies", "10.0.0.1"));

        // One form (its anti-forgery cookie and token) for every post, so what answers is the limit, not the form check.
        var form = await AccountForms.SendFromAsync(app, "10.0.0.1", "GET", "/sign-in");
        var token = Uri.EscapeDataString(AccountForms.FormToken(await form.BodyAsync()));
        async Task<int> PostFrom(string visitor, int attempt)
        {
            var context = await AccountForms.SendFromAsync(app, "10.0.0.1", "POST", "/sign-in", new Dictionary<string, string> { ["X-Forwarded-For"] = visitor },
                $"email=person{attempt}%40example.com&password=guess&__RequestVerificationToken={token}", AccountForms.CookiesOf(form));
            return context.Response.StatusCode;
        }

        var first = new List<int>();
        for (var i = 0; i < 4; i++)
        {
            first.Add(await PostFrom("198.51.100.1", i));
        }
        var second = await PostFrom("198.51.100.2", 10);

        first.Take(3).ShouldAllBe(s => s == 400);
        first[3].ShouldBe(429);
        second.ShouldBe(400, "a second visitor behind the same proxy is not refused for the first one's attempts");
    }
}
