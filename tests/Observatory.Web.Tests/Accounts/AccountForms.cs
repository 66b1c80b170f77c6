using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Observatory.Accounts;
using Observatory.Storage;
using Observatory.Testing;

namespace Observatory.Web.Tests.Accounts;

/// <summary>Forms, mail and raw requests for the account tests, through the real pages.</summary>
internal static class AccountForms
{
    /// <summary>Posts <paramref name="fields"/> to <paramref name="url"/> with the anti-forgery token of the form on <paramref name="formPage"/>.</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, IEnumerable<KeyValuePair<string, string>> fields, string? formPage = null)
    {
        var token = await TestAccounts.FormTokenAsync(client, formPage ?? url.Split('?')[0]);
        return await client.PostAsync(url, new FormUrlEncodedContent([.. fields, new("__RequestVerificationToken", token)]));
    }

    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, Dictionary<string, string> fields, string? formPage = null) =>
        await PostAsync(client, url, (IEnumerable<KeyValuePair<string, string>>)fields, formPage);

    /// <summary>The messages the default mail sender kept, oldest first.</summary>
    public static async Task<List<OutboxMessage>> OutboxAsync(ObservatoryAppFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ObservatoryDbContext>().OutboxMessages.AsNoTracking().OrderBy(m => m.Id).ToListAsync();
    }

    /// <summary>The absolute link to <paramref name="path"/>… in a message or page.</summary>
    public static string LinkTo(string text, string path) =>
        Regex.Match(text, $@"https?://[^\s/]+{Regex.Escape(path)}/[A-Za-z0-9_\-]+") is { Success: true } match
            ? match.Value
            : throw new InvalidOperationException($"No link to {path}/… in: {text}");

    public static async Task<Person> PersonAsync(ObservatoryAppFactory app, string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ObservatoryDbContext>().People.AsNoTracking().SingleAsync(p => p.Email == email);
    }

    /// <summary>
    /// A request straight into the test server with the connection's remote address set, as a proxy or a visitor
    /// would arrive; <paramref name="cookies"/> are sent as one Cookie header.
    /// </summary>
    public static Task<HttpContext> SendFromAsync(ObservatoryAppFactory app, string remoteAddress, string method, string path,
        IDictionary<string, string>? headers = null, string? form = null, string? cookies = null) =>
        app.Server.SendAsync(context =>
        {
            context.Connection.RemoteIpAddress = IPAddress.Parse(remoteAddress);
            context.Request.Method = method;
            context.Request.Scheme = "http";
            context.Request.Host = new HostString("localhost");
            context.Request.Path = path;
            foreach (var (name, value) in headers ?? new Dictionary<string, string>())
            {
                context.Request.Headers[name] = value;
            }
            if (cookies is not null)
            {
                context.Request.Headers.Cookie = cookies;
            }
            if (form is not null)
            {
                context.Request.ContentType = "application/x-www-form-urlencoded";
                context.Request.Body = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(form));
            }
        });

    public static async Task<string> BodyAsync(this HttpContext context) => await new StreamReader(context.Response.Body).ReadToEndAsync();

    /// <summary>Name=value pairs of the cookies a response sets, ready for a Cookie header.</summary>
    public static string CookiesOf(HttpContext context) =>
        string.Join("; ", context.Response.Headers.SetCookie.Select(c => c!.Split(';')[0]));

    public static string FormToken(string html) =>
        html.ParseHtml().QuerySelector("input[name='__RequestVerificationToken']")?.GetAttribute("value")
            ?? throw new InvalidOperationException("No anti-forgery token on the page.");
}

/// <summary>The real app on a clock the test moves, for how recent a sign-in is.</summary>
public sealed class ClockedAppFactory(TestClock clock) : ObservatoryAppFactory
{
    public TestClock Clock { get; } = clock;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }
}
