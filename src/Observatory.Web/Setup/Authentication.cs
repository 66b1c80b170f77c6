using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;
using Observatory.Accounts;
using Observatory.Storage;

namespace Observatory.Web.Setup;

/// <summary>
/// Sign-in by cookie for people and by bearer token for scripts, and the actor every page and endpoint asks
/// <see cref="AccessPolicy"/> about. Cookies are HttpOnly, SameSite=Lax, secure over HTTPS, and stop working
/// when the password changes (the security stamp).
/// </summary>
public static class Authentication
{
    public const string CookieScheme = "observatory-cookie";
    public const string BearerScheme = "observatory-bearer";
    private const string EitherScheme = "observatory";
    public const string PersonClaim = "observatory:person";
    public const string StampClaim = "observatory:stamp";
    public const string ScopesClaim = "observatory:scopes";

    /// <summary>Sign-in and password-reset posts per client per minute; more answer 429.</summary>
    public const string SignInLimit = "sign-in";

    public static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(8);

    public static IServiceCollection AddObservatoryAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddAuthentication(EitherScheme)
            .AddPolicyScheme(EitherScheme, null, options => options.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? BearerScheme : CookieScheme)
            .AddCookie(CookieScheme, options =>
            {
                options.Cookie.Name = "observatory-session";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.ExpireTimeSpan = SessionLifetime;
                options.SlidingExpiration = true;
                options.LoginPath = "/sign-in";
                options.AccessDeniedPath = "/sign-in";
                options.ReturnUrlParameter = "returnUrl";
                options.Events.OnValidatePrincipal = ValidateStampAsync;
                // The API answers with status codes, never with a redirect to a sign-in page.
                options.Events.OnRedirectToLogin = context => ApiAware(context, StatusCodes.Status401Unauthorized);
                options.Events.OnRedirectToAccessDenied = context => ApiAware(context, StatusCodes.Status403Forbidden);
            })
            .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(BearerScheme, null);
        services.AddAuthorization();
        var perMinute = configuration.GetValue("OBSERVATORY_SIGNIN_PER_MINUTE", 20);
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(SignInLimit, context => HttpMethods.IsPost(context.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "local",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter("reads"));
        });
        return services;
    }

    public static WebApplication UseObservatoryAuthentication(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseRateLimiter();
        app.Use(async (context, next) =>
        {
            if (context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && context.User.Identity?.IsAuthenticated != true)
            {
                // A script that sent a bad token should hear so, not quietly get the anonymous view.
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                context.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
                await context.Response.WriteAsJsonAsync(new { title = "Not signed in", status = 401, detail = "The token is unknown, revoked or expired." }, context.RequestAborted);
                return;
            }
            context.RequestServices.GetRequiredService<CurrentActor>().Actor = await ActorOfAsync(context);
            await next();
        });
        app.UseAuthorization();
        return app;
    }

    public static ClaimsPrincipal Principal(Person person, TokenScopes scopes, string scheme) =>
        new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.Name, person.DisplayName),
            new Claim(PersonClaim, person.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new Claim(StampClaim, person.SecurityStamp),
            new Claim(ScopesClaim, ((int)scopes).ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ], scheme));

    private static async Task<Actor> ActorOfAsync(HttpContext context)
    {
        if (context.User.FindFirst(PersonClaim)?.Value is not { } id || !long.TryParse(id, out var personId))
        {
            return Actor.Anonymous;
        }
        var db = context.RequestServices.GetRequiredService<ObservatoryDbContext>();
        var person = await db.People.FindAsync(personId);
        if (person is null)
        {
            return Actor.Anonymous;
        }
        var scopes = int.TryParse(context.User.FindFirst(ScopesClaim)?.Value, out var s) ? (TokenScopes)s : TokenScopes.Read;
        return await context.RequestServices.GetRequiredService<AccountService>().ActorForAsync(person, scopes, context.RequestAborted);
    }

    private static async Task ValidateStampAsync(CookieValidatePrincipalContext context)
    {
        var db = context.HttpContext.RequestServices.GetRequiredService<ObservatoryDbContext>();
        var id = long.TryParse(context.Principal?.FindFirst(PersonClaim)?.Value, out var personId) ? personId : 0;
        var person = await db.People.FindAsync(id);
        if (person is null || person.SecurityStamp != context.Principal?.FindFirst(StampClaim)?.Value)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieScheme);
        }
    }

    private static Task ApiAware(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}

/// <summary><c>Authorization: Bearer obs_…</c>: a personal access token, checked against its hash, expiry and revocation.</summary>
public sealed class BearerTokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, AccountService accounts)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }
        var found = await accounts.AuthenticateTokenAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
        if (found is not { } token)
        {
            return AuthenticateResult.Fail("The token is unknown, revoked or expired.");
        }
        return AuthenticateResult.Success(new AuthenticationTicket(Authentication.Principal(token.Person, token.Scopes, Scheme.Name), Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }
}
