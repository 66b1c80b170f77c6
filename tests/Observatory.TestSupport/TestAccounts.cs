using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.DependencyInjection;
using Observatory.Accounts;

namespace Observatory.Testing;

/// <summary>
/// People and organisations for tests, made through the real account service (an invitation accepted, as a
/// person would), and HTTP clients signed in through the real sign-in page.
/// </summary>
public static class TestAccounts
{
    public const string Password = "correct horse battery staple";

    public static async Task<Organisation> OrganisationAsync(IServiceProvider services, string name, params string[] places)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AccountService>().CreateOrganisationAsync(Actor.System("tests"), name, OrganisationKind.Council, places).ShouldSucceed();
    }

    /// <summary>A person with <paramref name="role"/> in <paramref name="organisation"/>, joined by accepting an invitation.</summary>
    public static async Task<Person> MemberAsync(IServiceProvider services, string email, Organisation organisation, Role role)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentActor>().Actor = Actor.System("tests");
        var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
        var (_, secret) = await accounts.InviteAsync(Actor.System("tests"), organisation.Id, email, role, "http://localhost/invitations").ShouldSucceed();
        return await accounts.AcceptInvitationAsNewPersonAsync(secret, email.Split('@')[0], Password).ShouldSucceed();
    }

    public static async Task<Person> SiteAdministratorAsync(IServiceProvider services, string email)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AccountService>().CreateSiteAdministratorAsync(email, "Site admin", Password).ShouldSucceed();
    }

    /// <summary>The anti-forgery token of the first form on <paramref name="url"/>.</summary>
    public static async Task<string> FormTokenAsync(HttpClient client, string url)
    {
        var html = await client.GetStringAsync(url);
        var document = new HtmlParser().ParseDocument(html);
        return document.QuerySelector("input[name='__RequestVerificationToken']")?.GetAttribute("value")
            ?? throw new InvalidOperationException($"{url} has no form with an anti-forgery token.");
    }

    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password = Password)
    {
        var token = await FormTokenAsync(client, "/sign-in");
        return await client.PostAsync("/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["email"] = email,
            ["password"] = password,
        }));
    }

    /// <summary>A new client of <paramref name="app"/>, signed in as <paramref name="email"/>.</summary>
    public static async Task<HttpClient> ClientAsync(ObservatoryAppFactory app, string email)
    {
        var client = await app.ClientAsync();
        using var response = await SignInAsync(client, email);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Signing in as {email} answered {(int)response.StatusCode}.");
        }
        return client;
    }

    /// <summary>
    /// A new client of <paramref name="app"/> that calls the API as a script would: with a personal access token of
    /// <paramref name="person"/> carrying <paramref name="scopes"/>, made through the real account service.
    /// </summary>
    public static Task<HttpClient> TokenClientAsync(ObservatoryAppFactory app, Person person, TokenScopes scopes = TokenScopes.Read | TokenScopes.Write) =>
        TokenClientAsync(app, person.Id, scopes);

    public static async Task<HttpClient> TokenClientAsync(ObservatoryAppFactory app, long personId, TokenScopes scopes = TokenScopes.Read | TokenScopes.Write)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var (_, secret) = await scope.ServiceProvider.GetRequiredService<AccountService>().CreateTokenAsync(personId, "script", scopes, 30).ShouldSucceed();
        var client = await app.ClientAsync();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }
}
