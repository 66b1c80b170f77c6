using System.Net;
using Microsoft.AspNetCore.Mvc;
using Observatory.Places;
using Observatory.Portraits;
using Observatory.Web.Features.Portraits;

namespace Observatory.Web.Features.Areas;

public sealed class PortraitModel(PlaceRegistry places, PortraitDefinitions definitions, PortraitService service) : PortraitPageModel(places, definitions, service)
{
    private string _path = "";

    public override string SelfPath => _path;

    public Task<IActionResult> OnGetAsync(string code, string? definition, string? period, string? compare, string? print, string? format, CancellationToken cancellationToken)
    {
        _path = $"/areas/{WebUtility.UrlEncode(code)}/portrait";
        return LoadAsync(code, definition, period, compare, print is "1" or "true", format, cancellationToken, Request.Query["targets"]);
    }
}
