using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Observatory.Web.Features.Shared;

/// <summary>The GOV.UK-style error pages, shown for any status code page or unhandled error.</summary>
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public int Status { get; private set; }

    public string Title => Status switch
    {
        404 => "Page not found",
        403 => "You do not have permission",
        429 => "Too many attempts",
        >= 500 => "Sorry, there is a problem with the service",
        _ => "Sorry, that did not work",
    };

    public IActionResult OnGet(int status) => Render(status);

    // A failed POST is re-executed as a POST, so the error page must answer that too.
    public IActionResult OnPost(int status) => Render(status);

    private PageResult Render(int status)
    {
        // Reached directly (not re-executed), an error page is a page that exists: answer with its status anyway,
        // so monitoring never mistakes it for a working page.
        Status = status is >= 400 and <= 599 ? status : 404;
        if (HttpContext.Features.Get<IExceptionHandlerPathFeature>() is not null)
        {
            Status = 500;
        }
        Response.StatusCode = Status;
        return Page();
    }
}
