using Observatory.Content;
using Observatory.Indicators;
using Observatory.Outcomes;
using Observatory.Places;

namespace Observatory.Similarity;

/// <summary>
/// One council's value of a compared indicator: in the period compared, the council's previous value of the same
/// length, the direction of travel between them, and its whole series of that length (for the chart).
/// </summary>
public sealed record ComparedValue(Place Council, double Value, ObservationPoint? Previous, Direction Direction, IReadOnlyList<ObservationPoint> Series);

/// <summary>An indicator every compared council has a value for, in the latest period they all have one.</summary>
/// <param name="Values">One per council, in the order the councils were chosen.</param>
public sealed record ComparedIndicator(IndicatorDefinition Indicator, IndicatorDataset Dataset, Period Period, IReadOnlyList<ComparedValue> Values)
{
    public string PeriodLabel => AreaIndicators.PeriodLabel(Indicator, Period);
}

/// <summary>Councils side by side: the indicators they share, and those some of them lack.</summary>
public sealed record CouncilComparisonResult(IReadOnlyList<Place> Councils, IReadOnlyList<ComparedIndicator> Shared, IReadOnlyList<IndicatorDefinition> NotShared)
{
    public ComparedIndicator? Find(string? indicatorId) => Shared.FirstOrDefault(s => s.Indicator.Id == indicatorId);
}

/// <summary>
/// Compares up to <see cref="MaxCouncils"/> councils chosen by name or code: every indicator they all have, in the
/// latest period they all have it (so like is compared with like, never one council's 2024 with another's 2022),
/// with each council's direction of travel since its previous period of the same length.
/// </summary>
public sealed class CouncilComparison(PlaceRegistry places, IndicatorCatalogue catalogue, ObservationQueries observations)
{
    public const int MaxCouncils = 10;

    /// <summary>The form field of the n-th council (from 1), which error messages name.</summary>
    public static string Field(int number) => $"council-{number}";

    /// <summary>
    /// The councils named by <paramref name="entries"/>, or every problem at once, each against its own field: an
    /// unknown name (with close names when there are some), an area that is not a council, a council entered twice,
    /// fewer than two or more than <see cref="MaxCouncils"/>. Blank entries are dropped first, so the n-th field is
    /// the n-th entry of <see cref="Entries"/>, which is what the form shows again.
    /// </summary>
    public Outcome<IReadOnlyList<Place>> Resolve(IReadOnlyList<string?> entries)
    {
        var filled = Entries(entries);
        var problems = new List<ContentProblem>();
        var councils = new List<Place>();
        for (var i = 0; i < filled.Count; i++)
        {
            var entry = filled[i];
            var field = Field(i + 1);
            if (i >= MaxCouncils)
            {
                // Once is enough: an address with hundreds of councils gets one line, not hundreds.
                problems.Add(Problem(field, $"Choose up to {MaxCouncils} councils; remove ‘{Shown(entry)}’ and any after it"));
                break;
            }
            var place = PlaceNames.Find(places, entry);
            // A council that has been recoded since (Barnsley E08000016 is E08000038) is compared as it is today.
            if (place is { IsCurrent: false } && places.Current(place.Code) is { IsCouncil: true } today)
            {
                place = today;
            }
            if (place is null)
            {
                var close = PlaceNames.Suggest(places, entry);
                problems.Add(Problem(field, close.Count == 0
                    ? $"‘{Shown(entry)}’ is not a council the Observatory knows. Check the spelling, or enter its area code, for example E08000010 for Wigan"
                    : $"‘{Shown(entry)}’ is not a council the Observatory knows. Did you mean {string.Join(" or ", close.Select(c => c.Name))}?"));
            }
            else if (!place.IsCouncil)
            {
                problems.Add(Problem(field, place.IsCurrent
                    ? $"{place.Name} is not a council ({place.TypeName.ToLowerInvariant()}). Enter a district, borough, city or unitary council"
                    : $"{place.Name} is no longer a council. Enter the council that covers it today"));
            }
            else if (councils.Any(c => c.Code == place.Code))
            {
                problems.Add(Problem(field, $"{place.Name} is entered twice. Enter another council to compare with"));
            }
            else
            {
                councils.Add(place);
            }
        }
        if (problems.Count == 0 && councils.Count < 2)
        {
            problems.Add(Problem(Field(filled.Count + 1),
                councils.Count == 0 ? "Enter at least two councils to compare" : "Enter at least one more council to compare with"));
        }
        return problems.Count > 0 ? Refusal.Invalid(problems) : councils;
    }

    /// <summary>The entries that hold something, trimmed, in order: the boxes as the form shows them again.</summary>
    public static IReadOnlyList<string> Filled(IReadOnlyList<string?> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return [.. entries.Select(e => e?.Trim() ?? "").Where(e => e.Length > 0)];
    }

    /// <summary>
    /// The councils typed, one an entry, as the form shows them again: <see cref="Filled"/>, with a box that holds
    /// a list ("Wiggan, Bolten, Leigh") read as one entry per name, as <see cref="PlaceNames.Resolve"/> reads a
    /// list, so a comma inside a name ("Kingston upon Hull, City of") is kept.
    /// </summary>
    public IReadOnlyList<string> Entries(IReadOnlyList<string?> entries)
    {
        var split = new List<string>();
        foreach (var entry in Filled(entries))
        {
            var parts = entry.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (parts.Length < 2 || PlaceNames.Find(places, entry) is not null)
            {
                split.Add(entry);
                continue;
            }
            for (var i = 0; i < parts.Length; i++)
            {
                if (i + 1 < parts.Length && PlaceNames.Find(places, parts[i + 1]) is null && places.FindByName($"{parts[i]}, {parts[i + 1]}") is not null)
                {
                    split.Add($"{parts[i]}, {parts[i + 1]}");
                    i++;
                }
                else
                {
                    split.Add(parts[i]);
                }
            }
        }
        return split;
    }

    /// <summary>
    /// For each entry of <see cref="Entries"/> that names no place, the councils it most likely means (a slip of
    /// the keyboard, part of a name: <see cref="PlaceNames.Suggest"/>), so the form can offer each as one click.
    /// </summary>
    public IReadOnlyList<(int Index, string Entry, IReadOnlyList<Place> Councils)> Corrections(IReadOnlyList<string> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return [.. entries.Take(MaxCouncils)
            .Select((entry, i) => (Index: i, Entry: entry, Councils: PlaceNames.Find(places, entry) is null ? PlaceNames.Suggest(places, entry) : []))
            .Where(c => c.Councils.Count > 0)];
    }

    /// <summary>The councils named by <paramref name="entries"/> side by side; refused as <see cref="Resolve"/> refuses.</summary>
    public async Task<Outcome<CouncilComparisonResult>> CompareAsync(IReadOnlyList<string?> entries, CancellationToken cancellationToken = default)
    {
        if (!Resolve(entries).Succeeded(out var councils, out var refusal))
        {
            return refusal;
        }
        return await CompareAsync(councils, cancellationToken);
    }

    /// <summary>Every catalogue indicator, in catalogue order, as shared (with values) or not shared.</summary>
    public async Task<CouncilComparisonResult> CompareAsync(IReadOnlyList<Place> councils, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(councils);
        var points = await observations.ForAreasAsync([.. councils.Select(c => c.Code)], cancellationToken);
        var byIndicator = points.Where(p => p.Value is not null).ToLookup(p => p.IndicatorId, StringComparer.Ordinal);
        var shared = new List<ComparedIndicator>();
        var notShared = new List<IndicatorDefinition>();
        foreach (var indicator in catalogue.Indicators)
        {
            var own = councils.Select(c => byIndicator[indicator.Id].Where(p => string.Equals(p.AreaCode, c.Code, StringComparison.OrdinalIgnoreCase)).OrderBy(p => p.Period).ToList()).ToList();
            if (own.All(o => o.Count == 0))
            {
                continue;
            }
            var common = own.Select(o => o.Select(p => p.Period)).Aggregate((a, b) => a.Intersect(b)).ToList();
            if (common.Count == 0 || catalogue.FindDataset(indicator.DatasetId) is not { } dataset)
            {
                notShared.Add(indicator);
                continue;
            }
            var period = common.Max();
            shared.Add(new ComparedIndicator(indicator, dataset, period, [.. councils.Select((council, i) =>
            {
                var series = own[i].Where(p => p.Period.Duration == period.Duration).ToList();
                var latest = series.First(p => p.Period == period);
                var previous = series.LastOrDefault(p => p.Period.CompareTo(period) < 0);
                return new ComparedValue(council, latest.Value!.Value, previous,
                    IndicatorStatistics.DirectionOfTravel(indicator, previous?.Value, latest.Value), series);
            })]));
        }
        return new CouncilComparisonResult(councils, shared, notShared);
    }

    private static ContentProblem Problem(string field, string message) => new("", 0, 0, field, message);

    /// <summary>What was typed, cut to <see cref="InputLimits.QuoteLength"/> characters for a message.</summary>
    internal static string Shown(string entry) => entry.Length > InputLimits.QuoteLength ? entry[..InputLimits.QuoteLength] + "…" : entry;
}
