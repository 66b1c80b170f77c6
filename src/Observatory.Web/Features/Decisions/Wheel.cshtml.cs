using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Observatory.Decisions;

namespace Observatory.Web.Features.Decisions;

/// <summary>One decision wheel: its rings and segments, where each comes from, its guiding questions and its Doughnut element.</summary>
public sealed class WheelModel(DecisionWheels wheels) : PageModel
{
    public DecisionWheel Wheel { get; private set; } = null!;

    public IActionResult OnGet(string id)
    {
        if (wheels.Find(id) is not { } wheel)
        {
            return NotFound();
        }
        Wheel = wheel;
        return Page();
    }
}
