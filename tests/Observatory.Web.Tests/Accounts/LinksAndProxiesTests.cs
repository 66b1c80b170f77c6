using System.Net;
using Observatory.Accounts;
using Observatory.Testing;

namespace Observatory.Web.Tests.Accounts;

/// <summary>
/// Links and hosts (issue 15, item 5): links in mail are built from the configured public address, never from the
/// request; only allowed hosts are served; forwarded headers count only from configured proxies, and then cookies
/// are Secure and HSTS is sent when the visitor reached the proxy over TLS.
/// </summary>
public sealed class LinksAndProxiesTests
{
    private const string Person = "officer@wigan.gov.uk";
    private const string Proxy = "10.0.0.1";

    private static async Task<ObservatoryAppFactory> AppAsync(params (string Key, string Value)[] settings)
    {
        var app = new ObservatoryAppFactory();
        foreach (var (key, value) in settings)
        {
            app.Settings[key] = value;
        }
        await app.EnsurePreparedAsync();
        var wigan = await TestAccounts.OrganisationAsync(app.Services, "Wigan Council", "E08000010");
        await TestAccounts.MemberAsync(app.Services, Person, wigan, Role.OrganisationAdmin);
        return app;
    }

    /// <summary>Asks for a reset link on <paramref name="origin"/> (scheme and host the request names) and returns the link mailed.</summary>
    private static async Task<string> ResetLinkAsync(ObservatoryAppFactory app, string origin)
    {
        var client = await app.ClientAsync();
        using var sent = await AccountForms.PostAsync(client, $"{origin}/account/reset", new Dictionary<string, string> { ["email"] = Person });
        sent.StatusCode.ShouldBe(HttpStatusCode.OK);
        var message = (await AccountForms.OutboxAsync(app)).Last(m => m.To == Person);
        return AccountForms.LinkTo(message.Body, "/account/reset");
    }

    [Fact]
    public async Task A_reset_link_never_follows_the_host_a_request_names()
    {
        await using var app = await AppAsync();

        var link = await ResetLinkAsync(app, "http://attacker.example");

        link.ShouldStartWith("http://localhost/account/reset/", Case.Sensitive, "with no public address set, links name the local address the Observatory serves");
        link.ShouldNotContain("attacker.example");
    }

    [Fact]
    public async Task Reset_and_invitation_links_use_the_configured_public_address()
    {
        await using var app = await AppAsync(("Observatory:PublicBaseUrl", "https://observatory.example.gov.uk/"));

        var reset = await ResetLinkAsync(app, "http://localhost");
        var admin = await TestAccounts.ClientAsync(app, Person);
        using var invited = await AccountForms.PostAsync(admin, "/organisations/wigan-council?handler=Invite", new Dictionary<string, string> { ["email"] = "new@wigan.gov.uk", ["role"] = "Viewer" });
        var shown = AccountForms.LinkTo(await invited.Content.ReadAsStringAsync(), "/invitations");
        var mailed = AccountForms.LinkTo((await AccountForms.OutboxAsync(app)).Last(m => m.To == "new@wigan.gov.uk").Body, "/invitations");

        reset.ShouldStartWith("https://observatory.example.gov.uk/account/reset/");
        shown.ShouldStartWith("https://observatory.example.gov.uk/invitations/");
        mailed.ShouldBe(shown);
    }

    [Fact]
    public async Task Evidence_exports_and_json_ld_link_to_the_public_address_not_the_host_a_request_names()
    {
        await using var app = await AppAsync();
        var client = await app.ClientAsync();

        var exported = await client.GetStringAsync("http://attacker.example/api/evidence/export?format=json");
        var listed = await client.GetStringAsync("http://attacker.example/api/evidence.csv");
        // The first item the export links to, read back through the host a request names.
        var link = System.Text.RegularExpressions.Regex.Match(exported, "http://localhost(/evidence/[^\"]+)\"").Groups[1].Value;
        link.ShouldNotBeNullOrEmpty("the export links to its items");
        var page = await client.GetStringAsync("http://attacker.example" + link);

        exported.ShouldContain("http://localhost/evidence/");
        listed.ShouldContain("http://localhost/evidence/");
        page.ShouldContain("http://localhost/evidence/");
        foreach (var answer in new[] { exported, listed, page })
        {
            answer.ShouldNotContain("attacker.example");
        }
    }

    [Fact]
    public async Task Only_allowed_hosts_are_served()
    {
        await using var app = await AppAsync(("Observatory:PublicBaseUrl", "https://observatory.example.gov.uk"));
        var client = await app.ClientAsync();

        (await client.GetAsync("http://attacker.example/")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await client.GetAsync("http://observatory.example.gov.uk/")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync("http://localhost/health")).StatusCode.ShouldBe(HttpStatusCode.OK, "the machine itself may still ask");

        await using var strict = await AppAsync(("Observatory:PublicBaseUrl", "https://observatory.example.gov.uk"), ("AllowedHosts", "observatory.example.gov.uk"));
        (await (await strict.ClientAsync()).GetAsync("http://localhost/")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Behind_a_known_proxy_over_tls_cookies_are_secure_and_hsts_is_sent()
    {
        await using var app = await AppAsync(("Observatory:KnownProxies", $"{Proxy}, 192.168.10.0/24"));
        var overTls = new Dictionary<string, string> { ["X-Forwarded-Proto"] = "https", ["X-Forwarded-For"] = "203.0.113.7" };

        var form = await AccountForms.SendFromAsync(app, Proxy, "GET", "/sign-in", overTls);
        var html = await form.BodyAsync();
        var signIn = await AccountForms.SendFromAsync(app, Proxy, "POST", "/sign-in", overTls,
            $"email={Uri.EscapeDataString(Person)}&password={Uri.EscapeDataString(TestAccounts.Password)}&__RequestVerificationToken={Uri.EscapeDataString(AccountForms.FormToken(html))}",
            AccountForms.CookiesOf(form));
        var viaNetwork = await AccountForms.SendFromAsync(app, "192.168.10.20", "GET", "/sign-in", overTls);

        form.Response.Headers.StrictTransportSecurity.ToString().ShouldStartWith("max-age=");
        Cookie(form, "observatory-antiforgery").ShouldContain("secure", Case.Insensitive);
        signIn.Response.StatusCode.ShouldBe(Microsoft.AspNetCore.Http.StatusCodes.Status302Found);
        Cookie(signIn, "observatory-session").ShouldContain("secure", Case.Insensitive);
        viaNetwork.Response.Headers.StrictTransportSecurity.ToString().ShouldStartWith("max-age=", customMessage: "a proxy in a configured network counts too");
    }

    [Fact]
    public async Task Forwarded_headers_from_anyone_else_are_ignored()
    {
        await using var app = await AppAsync(("Observatory:KnownProxies", Proxy));

        var spoofed = await AccountForms.SendFromAsync(app, "203.0.113.50", "GET", "/sign-in", new Dictionary<string, string> { ["X-Forwarded-Proto"] = "https" });
        await using var unconfigured = await AppAsync();
        var noProxies = await AccountForms.SendFromAsync(unconfigured, Proxy, "GET", "/sign-in", new Dictionary<string, string> { ["X-Forwarded-Proto"] = "https" });

        foreach (var response in new[] { spoofed.Response, noProxies.Response })
        {
            response.Headers.ContainsKey("Strict-Transport-Security").ShouldBeFalse();
        }
        Cookie(spoofed, "observatory-antiforgery").ShouldNotContain("secure", Case.Insensitive);
        Cookie(noProxies, "observatory-antiforgery").ShouldNotContain("secure", Case.Insensitive);
    }

    private static string Cookie(Microsoft.AspNetCore.Http.HttpContext context, string name) =>
        context.Response.Headers.SetCookie.Single(c => c!.StartsWith(name + "=", StringComparison.Ordinal))!;
}
