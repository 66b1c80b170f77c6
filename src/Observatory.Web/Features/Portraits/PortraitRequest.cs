using Observatory.Indicators;
using Observatory.Places;
using Observatory.Portraits;

namespace Observatory.Web.Features.Portraits;

/// <summary>Why a portrait could not be drawn, so the pages and the API answer with the same status and words.</summary>
public enum PortraitProblem
{
    None,
    UnknownPlace,
    UnknownDefinition,
    BadPeriod,
    NotCovered,
}

/// <summary>A resolved request: the place, the definition, the period and the portrait, or the problem.</summary>
public sealed record PortraitLookup(string PlaceCode, string PlaceName, PortraitDefinition? Definition, Period? Period, Portrait? Portrait, PortraitProblem Problem, string? Detail)
{
    /// <summary>404 for something that does not exist; 400 for a request that asks for something no data answers.</summary>
    public int StatusCode => Problem switch
    {
        PortraitProblem.None => StatusCodes.Status200OK,
        PortraitProblem.UnknownPlace or PortraitProblem.UnknownDefinition => StatusCodes.Status404NotFound,
        _ => StatusCodes.Status400BadRequest,
    };
}

/// <summary>
/// Reads the place, definition and period of a portrait request the same way for the pages and the API: the
/// default definition follows the kind of place, and a period is checked against the years a national dataset has.
/// </summary>
public static class PortraitRequest
{
    public const string CouncilDefault = "uk-council";
    public const string CountryDefault = "oneill-2018";
    public const string WorldCode = "WLD";

    public static string? DefaultDefinitionFor(string code, PlaceRegistry places) =>
        code.Equals(WorldCode, StringComparison.OrdinalIgnoreCase) ? "fanning-raworth-2025"
        : places.Find(code) switch
        {
            { Type: PlaceType.Country } => CountryDefault,
            { IsCouncil: true } => CouncilDefault,
            _ => null,
        };

    /// <summary>The place's name, for the places a portrait can be of (the world is not in the place registry).</summary>
    public static string? NameOf(string code, PlaceRegistry places) =>
        code.Equals(WorldCode, StringComparison.OrdinalIgnoreCase) ? "The world" : places.Find(code)?.Name;

    public static bool Covers(PortraitDefinition definition, string code, PlaceRegistry places) => definition.Places switch
    {
        PortraitPlaces.UkCouncils => places.Find(code) is { IsCouncil: true },
        PortraitPlaces.Countries => places.Find(code) is { Type: PlaceType.Country },
        _ => code.Equals(WorldCode, StringComparison.OrdinalIgnoreCase),
    };

    /// <summary>
    /// A period for the definition: for a national one, a year its data have; for councils, any period (each value
    /// is then the latest on or before it). Null text is the default (latest).
    /// </summary>
    public static bool TryReadPeriod(string? text, PortraitDefinition definition, PortraitService service, out Period? period, out string? error)
    {
        period = null;
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }
        if (!Period.TryParse(text, out var parsed))
        {
            error = $"'{text}' is not a period; use a year such as 2015, or an ISO 8601 period such as 2023-01-01/P1Y.";
            return false;
        }
        if (definition.Places != PortraitPlaces.UkCouncils)
        {
            var years = service.PeriodsOf(definition.Id);
            if (!years.Any(y => y.Period.Start.Year == parsed.Start.Year))
            {
                error = years.Count == 0
                    ? $"The definition '{definition.Id}' has no periods."
                    : $"The definition '{definition.Id}' has data for {years[0].Period.Start.Year} to {years[^1].Period.Start.Year}, not for {text.Trim()}.";
                return false;
            }
            parsed = Period.Year(parsed.Start.Year);
        }
        period = parsed;
        return true;
    }

    public static async Task<PortraitLookup> ResolveAsync(string code, string? definitionId, string? periodText, PlaceRegistry places,
        PortraitDefinitions definitions, PortraitService service, CancellationToken cancellationToken,
        IReadOnlyDictionary<string, ThresholdOverride>? localTargets = null)
    {
        code = code.Trim();
        if (NameOf(code, places) is not { } name)
        {
            return new(code, code, null, null, null, PortraitProblem.UnknownPlace, $"There is no place with the code '{code}'.");
        }
        var canonical = code.Equals(WorldCode, StringComparison.OrdinalIgnoreCase) ? WorldCode : places.Find(code)!.Code;
        var id = string.IsNullOrWhiteSpace(definitionId) ? DefaultDefinitionFor(canonical, places) : definitionId.Trim();
        if (id is null)
        {
            return new(canonical, name, null, null, null, PortraitProblem.NotCovered,
                $"No portrait definition covers {name}: portraits are drawn for the current councils, for countries and for the world.");
        }
        if (definitions.Find(id) is not { } definition)
        {
            return new(canonical, name, null, null, null, PortraitProblem.UnknownDefinition,
                $"There is no portrait definition '{id}'; use one of {string.Join(", ", definitions.All.Select(d => d.Id))}.");
        }
        if (!Covers(definition, canonical, places))
        {
            return new(canonical, name, definition, null, null, PortraitProblem.NotCovered, $"The definition '{definition.Id}' ({definition.Name}) does not cover {name}.");
        }
        if (!TryReadPeriod(periodText, definition, service, out var period, out var error))
        {
            return new(canonical, name, definition, null, null, PortraitProblem.BadPeriod, error);
        }
        var portrait = await service.ForPlaceAsync(canonical, definition.Id, period, localTargets, cancellationToken);
        return portrait is null
            ? new(canonical, name, definition, period, null, PortraitProblem.NotCovered, $"The definition '{definition.Id}' has no data for {name}.")
            : new(canonical, name, definition, period, portrait, PortraitProblem.None, null);
    }
}
