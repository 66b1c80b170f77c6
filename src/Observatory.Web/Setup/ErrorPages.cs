using Microsoft.AspNetCore.Diagnostics;

namespace Observatory.Web.Setup;

/// <summary>
/// GOV.UK-style "Page not found" and "Sorry, there is a problem with the service" pages for people, and
/// problem-details JSON (RFC 9457) for API callers. No stack trace ever reaches a response.
/// </summary>
public static class ErrorPages
{
    public static bool IsApiRequest(this HttpRequest request) =>
        request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/openapi");

    public static IApplicationBuilder UseObservatoryErrorPages(this WebApplication app)
    {
        app.UseWhen(context => context.Request.IsApiRequest(), api =>
        {
            api.UseExceptionHandler(new ExceptionHandlerOptions
            {
                ExceptionHandler = async context =>
                {
                    LogError(context);
                    await TypedResults.Problem(title: ReasonFor(500), statusCode: 500).ExecuteAsync(context);
                },
            });
            api.UseStatusCodePages(async statusContext =>
            {
                var status = statusContext.HttpContext.Response.StatusCode;
                await TypedResults.Problem(statusCode: status, title: ReasonFor(status)).ExecuteAsync(statusContext.HttpContext);
            });
        });
        app.UseWhen(context => !context.Request.IsApiRequest(), pages =>
        {
            pages.UseExceptionHandler(new ExceptionHandlerOptions
            {
                ExceptionHandlingPath = "/error/500",
                // Logged by the middleware itself; the page is re-rendered with status 500.
            });
            pages.UseStatusCodePagesWithReExecute("/error/{0}");
        });
        return app;
    }

    private static void LogError(HttpContext context)
    {
        var feature = context.Features.Get<IExceptionHandlerFeature>();
        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Observatory.Errors")
            .LogError(feature?.Error, "Unhandled error serving {Path}", feature?.Path);
    }

    public static string ReasonFor(int status) => status switch
    {
        400 => "The request was not valid",
        401 => "You need to sign in",
        403 => "You do not have permission to do that",
        404 => "Not found",
        405 => "That method is not allowed here",
        409 => "That conflicts with the current state",
        413 => "The upload is too large",
        415 => "That format is not supported",
        422 => "The input could not be processed",
        429 => "Too many requests",
        _ => "There is a problem with the service",
    };
}
