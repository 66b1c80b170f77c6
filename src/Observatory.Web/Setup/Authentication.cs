using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Observatory.Accounts;

namespace Observatory.Web.Setup;

/// <summary>
/// Sign-in by cookie for people and by bearer token for scripts, and the actor every page and endpoint asks
/// <see cref="AccessPolicy"/> about. A cookie carries the key of a server-side session (<see cref="SignInSession"/>),
/// checked on every request, so signing out or a password reset ends it for every copy of the cookie. Cookies are
/// HttpOnly, SameSite=Lax and Secure whenever the request came over TLS (directly or through a configured proxy).
/// </summary>
/// <remarks>
/// One rule guards accounts (<see cref="PeoplePolicy"/>): the account, admin and membership pages answer only a
/// person signed in with a cookie — never a token, whatever its scopes — and a change there needs a recent sign-in.
/// It is applied by route here (<see cref="PeopleOnlyPages"/>), not checked page by page.
/// </remarks>
public static class Authentication
{
    public const string CookieScheme = "observatory-cookie";
    public const string BearerScheme = "observatory-bearer";
    private const string EitherScheme = "observatory";
    public const string PersonClaim = "observatory:person";
    public const string StampClaim = "observatory:stamp";
    public const string ScopesClaim = "observatory:scopes";
    public const string SessionClaim = "observatory:session";

    /// <summary>The policy of the pages that manage accounts, memberships and the site.</summary>
    public const string PeoplePolicy = "signed-in-person";

    /// <summary>Sign-in, reset, invitation and confirmation posts: limited per client address and per account; more answer 429.</summary>
    public const string SignInLimit = "sign-in";

    public static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(8);

    /// <summary>How long after giving their password a person may change their account without giving it again.</summary>
    public static readonly TimeSpan RecentSignIn = TimeSpan.FromMinutes(20);

    /// <summary>Where a person whose sign-in is no longer recent confirms their password.</summary>
    public const string ConfirmPath = "/sign-in/confirm";

    private const string AccountKeyItem = "observatory.sign-in-account";

    public static IServiceCollection AddObservatoryAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddAuthentication(EitherScheme)
            .AddPolicyScheme(EitherScheme, null, options => options.ForwardDefaultSelector = context =>
                HasBearerToken(context.Request) ? BearerScheme : CookieScheme)
            .AddCookie(CookieScheme, options =>
            {
                options.Cookie.Name = "observatory-session";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.ExpireTimeSpan = SessionLifetime;
                options.SlidingExpiration = true;
                options.LoginPath = "/sign-in";
                options.AccessDeniedPath = ConfirmPath;
                options.ReturnUrlParameter = "returnUrl";
                options.Events.OnValidatePrincipal = ValidateSessionAsync;
                // The API answers with status codes, never with a redirect to a sign-in page.
                options.Events.OnRedirectToLogin = context => ApiAware(context, StatusCodes.Status401Unauthorized, LocalPart(context.RedirectUri));
                options.Events.OnRedirectToAccessDenied = context => ApiAware(context, StatusCodes.Status403Forbidden, ConfirmUri(context.Request));
            })
            .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(BearerScheme, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(PeoplePolicy, policy => policy.AddRequirements(new SignedInPersonRequirement()));
        services.AddSingleton<IAuthorizationHandler, SignedInPersonHandler>();
        services.Configure<RazorPagesOptions>(options => options.Conventions.Add(new PeopleOnlyPages()));

        var perAddress = configuration.GetValue("OBSERVATORY_SIGNIN_PER_MINUTE", 20);
        var perAccount = configuration.GetValue("OBSERVATORY_SIGNIN_PER_ACCOUNT_PER_MINUTE", 10);
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Per client address: the real visitor's behind a configured proxy (Setup/Proxies), else the connection's.
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => IsSignInPost(context)
                ? RateLimitPartition.GetFixedWindowLimiter("address:" + (context.Connection.RemoteIpAddress?.ToString() ?? "local"), _ => PerMinute(perAddress))
                : RateLimitPartition.GetNoLimiter(""));
            // Per account, whatever the address: guesses spread over many addresses still meet one limit.
            options.AddPolicy(SignInLimit, context => HttpMethods.IsPost(context.Request.Method) && context.Items[AccountKeyItem] is string account
                ? RateLimitPartition.GetFixedWindowLimiter(account, _ => PerMinute(perAccount))
                : RateLimitPartition.GetNoLimiter(""));
        });
        return services;
    }

    public static WebApplication UseObservatoryAuthentication(this WebApplication app)
    {
        app.UseAuthentication();
        app.Use(async (context, next) =>
        {
            if (IsSignInPost(context))
            {
                context.Items[AccountKeyItem] = await AccountKeyAsync(context);
            }
            await next();
        });
        app.UseRateLimiter();
        app.Use(async (context, next) =>
        {
            if (HasBearerToken(context.Request) && context.User.Identity?.IsAuthenticated != true)
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

    /// <summary>Signs a person in who has just proved who they are: a new session on the server, its key in the cookie.</summary>
    public static async Task SignInPersonAsync(this HttpContext context, Person person)
    {
        var (_, key) = await context.RequestServices.GetRequiredService<AccountService>().StartSessionAsync(person, context.RequestAborted);
        await context.SignInAsync(CookieScheme, Principal(person, TokenScopes.Read | TokenScopes.Write, CookieScheme, key), new AuthenticationProperties { IsPersistent = false });
    }

    /// <summary>Ends this browser's session on the server, then removes its cookie.</summary>
    public static async Task SignOutPersonAsync(this HttpContext context)
    {
        var cookie = await context.AuthenticateAsync(CookieScheme);
        if (cookie.Principal?.FindFirst(SessionClaim)?.Value is { } key)
        {
            await context.RequestServices.GetRequiredService<AccountService>().EndSessionAsync(key, context.RequestAborted);
        }
        await context.SignOutAsync(CookieScheme);
    }

    public static ClaimsPrincipal Principal(Person person, TokenScopes scopes, string scheme, string? sessionKey = null) =>
        new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.Name, person.DisplayName),
            new Claim(PersonClaim, person.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new Claim(StampClaim, person.SecurityStamp),
            new Claim(ScopesClaim, ((int)scopes).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            .. sessionKey is null ? Array.Empty<Claim>() : [new Claim(SessionClaim, sessionKey)],
        ], scheme));

    private static bool HasBearerToken(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);

    private static bool IsSignInPost(HttpContext context) =>
        HttpMethods.IsPost(context.Request.Method) && context.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName == SignInLimit;

    private static FixedWindowRateLimiterOptions PerMinute(int permits) =>
        new() { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 };

    /// <summary>
    /// The account a sign-in form is about: the address typed in, the secret of a reset or invitation link, or the
    /// signed-in person confirming their password. Hashed, so a long value costs the limiter no more than a short one.
    /// </summary>
    private static async Task<string?> AccountKeyAsync(HttpContext context)
    {
        if (context.Request.HasFormContentType)
        {
            try
            {
                var form = await context.Request.ReadFormAsync(context.RequestAborted);
                if (form["email"].ToString() is { Length: > 0 } email)
                {
                    return "email:" + Secrets.Hash(Person.NormaliseEmail(email));
                }
            }
            catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException)
            {
                // A form that cannot be read is refused by the page; the address limit still counts it.
                return null;
            }
        }
        if (context.GetRouteValue("token") is string { Length: > 0 } token)
        {
            return "link:" + Secrets.Hash(token);
        }
        return context.User.FindFirst(PersonClaim)?.Value is { } person ? "person:" + person : null;
    }

    private static async Task<Actor> ActorOfAsync(HttpContext context)
    {
        if (context.User.FindFirst(PersonClaim)?.Value is not { } id || !long.TryParse(id, out var personId))
        {
            return Actor.Anonymous;
        }
        var db = context.RequestServices.GetRequiredService<Storage.ObservatoryDbContext>();
        var person = await db.People.FindAsync(personId);
        if (person is null)
        {
            return Actor.Anonymous;
        }
        var scopes = int.TryParse(context.User.FindFirst(ScopesClaim)?.Value, out var s) ? (TokenScopes)s : TokenScopes.Read;
        return await context.RequestServices.GetRequiredService<AccountService>().ActorForAsync(person, scopes, context.RequestAborted);
    }

    /// <summary>
    /// Every request with a session cookie: the session must still be open on the server and the person's security
    /// stamp unchanged. What the session says about how recent the sign-in is goes on the request for the policy.
    /// </summary>
    private static async Task ValidateSessionAsync(CookieValidatePrincipalContext context)
    {
        var key = context.Principal?.FindFirst(SessionClaim)?.Value;
        var found = key is null ? null : await context.HttpContext.RequestServices.GetRequiredService<AccountService>().FindSessionAsync(key, context.HttpContext.RequestAborted);
        if (found is not (var session, var person) || person.SecurityStamp != context.Principal?.FindFirst(StampClaim)?.Value)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieScheme);
            return;
        }
        context.HttpContext.Features.Set(new SignInSessionFeature(key!, person.Id, session.ConfirmedAt));
    }

    /// <summary>Back to the page after confirming: the same address for a read, the page itself after a form (its handler is not repeated).</summary>
    private static string ConfirmUri(HttpRequest request)
    {
        var back = request.PathBase + request.Path + (HttpMethods.IsGet(request.Method) ? request.QueryString : QueryString.Empty);
        return QueryHelpers.AddQueryString(request.PathBase + ConfirmPath, "returnUrl", back);
    }

    /// <summary>The path and query of the handler's absolute redirect, which it builds from the request's Host header.</summary>
    private static string LocalPart(string redirectUri) =>
        Uri.TryCreate(redirectUri, UriKind.Absolute, out var uri) ? uri.PathAndQuery : redirectUri;

    private static Task ApiAware(RedirectContext<CookieAuthenticationOptions> context, int status, string redirectUri)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        context.Response.Redirect(redirectUri);
        return Task.CompletedTask;
    }
}

/// <summary>The server-side session behind this request's cookie: its key, its person and when they last gave their password.</summary>
public sealed record SignInSessionFeature(string Key, long PersonId, DateTime ConfirmedAt);

/// <summary>Only a person signed in with a cookie; for a change (any method but GET or HEAD), signed in recently.</summary>
public sealed class SignedInPersonRequirement : IAuthorizationRequirement;

/// <summary>
/// A token never passes, whatever its scopes: a leaked token must not be able to make itself a wider one, revoke
/// its owner's tokens or change the account. A session passes for reading; for a change its password must have been
/// given within <see cref="Authentication.RecentSignIn"/>, else the person is sent to confirm it.
/// </summary>
internal sealed class SignedInPersonHandler(TimeProvider clock) : AuthorizationHandler<SignedInPersonRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, SignedInPersonRequirement requirement)
    {
        var http = context.Resource as HttpContext;
        var byToken = context.User.Identities.Any(i => i.IsAuthenticated && i.AuthenticationType == Authentication.BearerScheme);
        if (http?.Features.Get<SignInSessionFeature>() is not { } session || byToken)
        {
            context.Fail(new AuthorizationFailureReason(this, "Only a person signed in with a session may manage accounts."));
            return Task.CompletedTask;
        }
        var isChange = !HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method);
        if (isChange && session.ConfirmedAt + Authentication.RecentSignIn < clock.GetUtcNow().UtcDateTime)
        {
            context.Fail(new AuthorizationFailureReason(this, "The sign-in is not recent: confirm the password first."));
            return Task.CompletedTask;
        }
        context.Succeed(requirement);
        return Task.CompletedTask;
    }
}

/// <summary>
/// Puts <see cref="Authentication.PeoplePolicy"/> on every page under /account and /admin, and on an organisation's
/// members page (invitations, roles, removals), by route, so a page added there later is covered without remembering
/// to. Pages reached from a link in mail (password reset) say [AllowAnonymous].
/// </summary>
internal sealed class PeopleOnlyPages : IPageApplicationModelConvention
{
    private static readonly string[] Sections = ["account", "admin"];
    private const string Members = "organisations/{slug}";

    public static bool IsPeopleOnly(string template)
    {
        template = template.Trim('/');
        return template.Equals(Members, StringComparison.OrdinalIgnoreCase)
            || Sections.Any(s => template.Equals(s, StringComparison.OrdinalIgnoreCase) || template.StartsWith(s + "/", StringComparison.OrdinalIgnoreCase));
    }

    public void Apply(PageApplicationModel model)
    {
        if (model.ActionDescriptor.AttributeRouteInfo?.Template is { } template && IsPeopleOnly(template)
            && !model.HandlerTypeAttributes.OfType<IAllowAnonymous>().Any())
        {
            model.EndpointMetadata.Add(new AuthorizeAttribute(Authentication.PeoplePolicy));
        }
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
