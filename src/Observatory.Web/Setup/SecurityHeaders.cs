using System.Security.Cryptography;

namespace Observatory.Web.Setup;

/// <summary>
/// Security headers on every response, including a strict Content-Security-Policy: scripts and styles only from
/// this site, plus the one inline script of the GOV.UK page template, allowed by a per-request nonce.
/// </summary>
public static class SecurityHeaders
{
    private const string NonceKey = "observatory.csp-nonce";

    /// <summary>
    /// The GOV.UK page template's one inline script (it marks the body as able to run GOV.UK Frontend). Allowed by its
    /// hash as well as by the nonce, because a page kept in the cache (Setup/PageCaching) carries the nonce of the
    /// answer it was first rendered for, while every answer has a new one in its header.
    /// </summary>
    public const string TemplateScript = "document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');";

    private static readonly string TemplateScriptHash = "'sha256-" + Convert.ToBase64String(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(TemplateScript))) + "'";

    public static string CspNonce(this HttpContext context)
    {
        if (context.Items[NonceKey] is string nonce)
        {
            return nonce;
        }
        nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18));
        context.Items[NonceKey] = nonce;
        return nonce;
    }

    public static IApplicationBuilder UseObservatorySecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            var nonce = context.CspNonce();
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy =
                    "default-src 'self'; " +
                    $"script-src 'self' 'nonce-{nonce}' {TemplateScriptHash}; " +
                    "style-src 'self'; " +
                    "img-src 'self' data:; " +
                    "font-src 'self'; " +
                    "connect-src 'self'; " +
                    "object-src 'none'; " +
                    "base-uri 'self'; " +
                    "form-action 'self'; " +
                    "frame-ancestors 'none'";
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "same-origin";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                headers["Cross-Origin-Resource-Policy"] = "same-origin";
                if (context.Request.IsHttps)
                {
                    headers.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
                }
                return Task.CompletedTask;
            });
            return next(context);
        });
}
