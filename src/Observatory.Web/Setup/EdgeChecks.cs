using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Observatory.Content;

namespace Observatory.Web.Setup;

/// <summary>
/// Text is checked where it enters, once for every route, so no page or endpoint has to: an id in the path that is
/// blank, padded with spaces or holds a control character names nothing (404); a query or form value holding a control
/// character (a NUL, an escape…) is refused (400), since PostgreSQL refuses NUL and no one types the others. Without
/// this, each lookup that trims, splits or sends such a value to the database was a 500 waiting to happen.
/// </summary>
public static class EdgeChecks
{
    /// <summary>Before routing: a query holding a control character is refused.</summary>
    public static IApplicationBuilder UseObservatoryQueryChecks(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.Request.QueryString.HasValue && context.Request.Query.Any(q => HasControl(q.Key) || q.Value.Any(HasControl)))
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }
            await next(context);
        });

    /// <summary>After routing: a route value that could be no one's id answers 404 before any page or endpoint runs.</summary>
    public static IApplicationBuilder UseObservatoryRouteChecks(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            foreach (var (_, value) in context.Request.RouteValues)
            {
                if (value is string text && !IsUsableId(text))
                {
                    context.Response.StatusCode = StatusCodes.Status404NotFound;
                    return;
                }
            }
            await next(context);
        });

    /// <summary>Not blank, not padded with whitespace, no control characters (tab and line breaks included).</summary>
    public static bool IsUsableId(string text) =>
        text.Length > 0 && !char.IsWhiteSpace(text[0]) && !char.IsWhiteSpace(text[^1]) && !text.Any(char.IsControl);

    private static bool HasControl(string? text) => text is not null && InputLimits.IndexOfRefusedControl(text) >= 0;

    /// <summary>A page filter: a posted form whose values or file names hold a control character is refused with 400.</summary>
    public sealed class FormChecks : IAsyncPageFilter
    {
        public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

        public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
        {
            var request = context.HttpContext.Request;
            if (request.HasFormContentType)
            {
                var form = await request.ReadFormAsync(context.HttpContext.RequestAborted);
                if (form.Any(f => HasControl(f.Key) || f.Value.Any(HasControl)) || form.Files.Any(f => HasControl(f.FileName) || HasControl(f.Name)))
                {
                    context.Result = new StatusCodeResult(StatusCodes.Status400BadRequest);
                    return;
                }
            }
            await next();
        }
    }
}
