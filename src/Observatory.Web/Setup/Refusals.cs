using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Observatory.Outcomes;

namespace Observatory.Web.Setup;

/// <summary>
/// The one place a service's <see cref="Refusal"/> becomes an HTTP response: problem details (RFC 9457) for the API,
/// the GOV.UK error summary or an error page for people. Status codes: invalid 400, forbidden 403, not found 404,
/// conflict 409.
/// </summary>
public static class Refusals
{
    public static int StatusCode(this Refusal refusal) => refusal.Kind switch
    {
        RefusalKind.Invalid => StatusCodes.Status400BadRequest,
        RefusalKind.Forbidden => StatusCodes.Status403Forbidden,
        RefusalKind.NotFound => StatusCodes.Status404NotFound,
        RefusalKind.Conflict => StatusCodes.Status409Conflict,
        _ => throw new ArgumentOutOfRangeException(nameof(refusal), refusal.Kind, "Unknown refusal kind."),
    };

    /// <summary>
    /// Problem details for an API caller: a validation problem with an entry per field (file and line prefixed where
    /// the problem is in a file) for invalid input, otherwise a problem with the refusal's message as its detail.
    /// </summary>
    public static ProblemHttpResult ToProblem(this Refusal refusal)
    {
        var status = refusal.StatusCode();
        if (refusal.Kind == RefusalKind.Invalid && refusal.Problems.Count > 0)
        {
            var errors = refusal.Problems
                .GroupBy(p => string.IsNullOrEmpty(p.Field) ? "input" : p.Field)
                .ToDictionary(g => g.Key, g => g.Select(p => p.ToString()).ToArray());
            return TypedResults.Problem(new HttpValidationProblemDetails(errors)
            {
                Status = status,
                Title = ErrorPages.ReasonFor(status),
                Detail = refusal.Message,
            });
        }
        return TypedResults.Problem(statusCode: status, title: ErrorPages.ReasonFor(status), detail: refusal.Message);
    }

    /// <summary>
    /// For a page: invalid input and conflicts go on the form (each problem beside its field, all in the error summary)
    /// and the page is shown again with 400 or 409 — call <paramref name="page"/>'s <c>Page()</c> after loading what the
    /// form needs. Forbidden and not found answer the error page. Returns null when the form should be re-rendered.
    /// </summary>
    public static IActionResult? Refuse(this PageModel page, Refusal refusal, FormErrors errors)
    {
        switch (refusal.Kind)
        {
            case RefusalKind.Invalid or RefusalKind.Conflict:
                if (refusal.Problems.Count == 0)
                {
                    errors.Add("", refusal.Message);
                }
                foreach (var problem in refusal.Problems)
                {
                    errors.Add(problem.Field, problem.Line > 0 ? problem.ToString() : problem.Message);
                }
                page.Response.StatusCode = refusal.StatusCode();
                return null;
            default:
                return page.StatusCode(refusal.StatusCode());
        }
    }

    /// <summary>
    /// For a page that imports a file: a refused file is one problem on the file field (the only one, or how many
    /// there are), with every problem's file, line and field listed in <paramref name="problems"/> for the page to
    /// show below the form, and the page answered 400 or 409. Forbidden and not found answer the error page. Returns
    /// null when the form should be re-rendered.
    /// </summary>
    public static IActionResult? RefuseFile(this PageModel page, Refusal refusal, FormErrors errors, out IReadOnlyList<string> problems)
    {
        problems = [];
        if (refusal.Kind is not (RefusalKind.Invalid or RefusalKind.Conflict))
        {
            return page.StatusCode(refusal.StatusCode());
        }
        problems = [.. refusal.Problems.Select(p => p.ToString())];
        errors.Add("file", refusal.Problems.Count switch
        {
            0 => refusal.Message,
            1 => refusal.Problems[0].ToString(),
            var n => $"The file has {n} problems, listed below the form; nothing was imported",
        });
        page.Response.StatusCode = refusal.StatusCode();
        return null;
    }
}
