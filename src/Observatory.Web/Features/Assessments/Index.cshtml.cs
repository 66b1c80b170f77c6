using Microsoft.AspNetCore.Mvc.RazorPages;
using Observatory.Assessments;

namespace Observatory.Web.Features.Assessments;

public sealed class IndexModel(AssessmentTemplates templates) : PageModel
{
    public IReadOnlyList<AssessmentTemplate> Templates => templates.Shipped;

    public void OnGet()
    {
    }
}
