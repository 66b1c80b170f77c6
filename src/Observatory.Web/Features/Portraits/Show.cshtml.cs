using System.Net;
using Microsoft.AspNetCore.Mvc;
using Observatory.Places;
using Observatory.Portraits;

namespace Observatory.Web.Features.Portraits;

public sealed class ShowModel(PlaceRegistry places, PortraitDefinitions definitions, PortraitService service) : PortraitPageModel(places, definitions, service)
{
    private string _path = "";

    public override string SelfPath => _path;

    public async Task<IActionResult> OnGetAsync(string definition, string place, [FromQuery(Name = "definition")] string? chosen, string? period, string? compare,
        string? print, string? format, string? targets, CancellationToken cancellationToken)
    {
        if (place.EndsWith(".svg", StringComparison.OrdinalIgnoreCase))
        {
            place = place[..^4];
            format = "svg";
        }
        // The definition selector submits to this page; the definition belongs in the path, so move there.
        if (!string.IsNullOrWhiteSpace(chosen) && !chosen.Equals(definition, StringComparison.OrdinalIgnoreCase))
        {
            var rest = string.IsNullOrWhiteSpace(period) || AllDefinitions.Find(chosen) is not { } target || AllDefinitions.Find(definition)?.Places != target.Places ? "" : $"?period={WebUtility.UrlEncode(period)}";
            return Redirect($"/portraits/{WebUtility.UrlEncode(chosen.Trim())}/{WebUtility.UrlEncode(place)}{rest}");
        }
        _path = $"/portraits/{WebUtility.UrlEncode(definition)}/{WebUtility.UrlEncode(place)}";
        return await LoadAsync(place, definition, period, compare, print is "1" or "true", format, cancellationToken, targets);
    }
}
