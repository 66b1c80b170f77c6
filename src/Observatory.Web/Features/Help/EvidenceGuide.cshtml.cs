using Microsoft.AspNetCore.Mvc.RazorPages;
using Observatory.Web.Setup;

namespace Observatory.Web.Features.Help;

/// <summary>docs/evidence.md, the guide to the evidence library, shown in the service beside the pages it explains.</summary>
public sealed class EvidenceGuideModel : PageModel
{
    public string Html { get; private set; } = "";

    public void OnGet() => Html = Documentation.Render("evidence.md");
}
