using Microsoft.AspNetCore.Mvc.RazorPages;
using Observatory.Portraits;

namespace Observatory.Web.Features.Portraits;

public sealed class IndexModel(PortraitDefinitions definitions, PortraitService service) : PageModel
{
    public IReadOnlyList<PortraitDefinition> Definitions { get; private set; } = [];

    public IReadOnlyDictionary<string, IReadOnlyList<NationalYear>> Periods { get; private set; } = new Dictionary<string, IReadOnlyList<NationalYear>>();

    public void OnGet()
    {
        Definitions = definitions.All;
        Periods = Definitions.ToDictionary(d => d.Id, d => service.PeriodsOf(d.Id));
    }
}
