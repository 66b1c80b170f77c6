using Microsoft.AspNetCore.Mvc.RazorPages;
using Observatory.Web.Setup;

namespace Observatory.Web.Features.Help;

/// <summary>docs/data-formats.md, shown in the service so people writing data files need not leave it.</summary>
public sealed class DataFormatsModel : PageModel
{
    public string Html { get; private set; } = "";

    public void OnGet() => Html = Documentation.Render("data-formats.md");
}
