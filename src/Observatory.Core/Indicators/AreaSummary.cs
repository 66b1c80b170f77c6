using System.Globalization;

namespace Observatory.Indicators;

/// <summary>
/// The values of an area's most similar councils for each indicator (by id) in the period of the area's latest value.
/// </summary>
/// <param name="Count">How many similar councils were compared.</param>
public sealed record SimilarCouncilValues(int Count, IReadOnlyDictionary<string, IReadOnlyList<double>> ByIndicator);

/// <summary>
/// Writes the few plain sentences at the top of an area page from its key indicators: where the area does better and
/// worse than its nation, which measures put it in the best and worst quarter of the councils it is compared with,
/// and how it stands among its most similar councils. Only measures where a higher or a lower figure is clearly
/// better count (never museums per head, say), and "better" is read through each measure's polarity, so a low
/// claimant count is a strength. Pure, so what it says can be checked against the figures.
/// </summary>
public static class AreaSummary
{
    /// <summary>Measures named in one sentence; past these it counts them ("on 8 measures, including …").</summary>
    public const int NamedPerSentence = 3;

    /// <param name="areaName">"Wigan".</param>
    /// <param name="nationName">"England"; null when the area has no nation to compare with.</param>
    /// <param name="councilsAmong">What <see cref="AreaIndicator.Position"/> ranks the area among, "councils in England";
    /// null to say nothing of quarters (an area that is not a council).</param>
    /// <param name="similar">Values of its most similar councils; null when it has none.</param>
    public static IReadOnlyList<string> Write(string areaName, string? nationName, string? councilsAmong, IReadOnlyList<AreaIndicator> indicators, SimilarCouncilValues? similar)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(areaName);
        ArgumentNullException.ThrowIfNull(indicators);
        var polar = indicators.Where(i => i.Indicator.Polarity != Polarity.Neither && i.Latest.Value is not null).ToList();
        var sentences = new List<string>();
        if (polar.Count == 0)
        {
            return sentences;
        }

        var withNation = polar.Where(i => i.NationValue is not null).ToList();
        if (nationName is not null && withNation.Count > 0)
        {
            var better = withNation.Count(i => Compare(i.Indicator, i.Latest.Value!.Value, i.NationValue!.Value) > 0);
            var worse = withNation.Count(i => Compare(i.Indicator, i.Latest.Value!.Value, i.NationValue!.Value) < 0);
            var same = withNation.Count - better - worse;
            sentences.Add($"Of {Measures(withNation.Count)} where a higher or lower figure is clearly better, {areaName} does better than {nationName} as a whole on {better} and worse on {worse}"
                + (same > 0 ? $"; {same} {(same == 1 ? "is" : "are")} about the same." : "."));
        }

        if (councilsAmong is not null && polar.Any(i => i.Position is not null))
        {
            var best = polar.Where(i => Quarter(i) == 4).ToList();
            var worst = polar.Where(i => Quarter(i) == 1).ToList();
            sentences.Add(best.Count > 0
                ? $"It is in the best quarter of {councilsAmong} {List(best)}."
                : $"It is not in the best quarter of {councilsAmong} for any measure.");
            sentences.Add(worst.Count > 0
                ? $"It is in the worst quarter {List(worst)}."
                : "It is not in the worst quarter for any measure.");
        }

        if (similar is { Count: > 0 })
        {
            var standings = polar
                .Select(i => (Row: i, Peers: similar.ByIndicator.GetValueOrDefault(i.Indicator.Id) ?? []))
                .Where(x => x.Peers.Count >= 3)
                .Select(x => (x.Row, x.Peers.Count,
                    Better: x.Peers.Count(p => Compare(x.Row.Indicator, x.Row.Latest.Value!.Value, p) > 0),
                    Worse: x.Peers.Count(p => Compare(x.Row.Indicator, x.Row.Latest.Value!.Value, p) < 0)))
                .ToList();
            if (standings.Count > 0)
            {
                var strongest = standings.OrderByDescending(s => s.Better - s.Worse).First();
                var weakest = standings.OrderByDescending(s => s.Worse - s.Better).First();
                var opening = $"Compared with its {similar.Count} most similar {(similar.Count == 1 ? "council" : "councils")}, {areaName}";
                sentences.Add(ReferenceEquals(strongest.Row, weakest.Row) || strongest.Better - strongest.Worse <= weakest.Better - weakest.Worse
                    ? $"{opening} does best on {Name(strongest.Row)}, {Standing(strongest.Better, strongest.Worse, strongest.Count)}."
                    : $"{opening} does best on {Name(strongest.Row)}, {Standing(strongest.Better, strongest.Worse, strongest.Count)}, and worst on {Name(weakest.Row)}, {Standing(weakest.Better, weakest.Worse, weakest.Count)}.");
            }
        }
        return sentences;
    }

    /// <summary>
    /// Whether <paramref name="value"/> is better (1), worse (-1) or, at the published precision, the same (0) as
    /// <paramref name="other"/>, read through the indicator's polarity; 0 when neither direction is better.
    /// </summary>
    public static int Compare(IndicatorDefinition indicator, double value, double other)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        var tolerance = 0.5 * Math.Pow(10, -indicator.DecimalPlaces);
        if (Math.Abs(value - other) < tolerance)
        {
            return 0;
        }
        return indicator.Polarity switch
        {
            Polarity.HigherIsBetter => value > other ? 1 : -1,
            Polarity.LowerIsBetter => value < other ? 1 : -1,
            _ => 0,
        };
    }

    private static int? Quarter(AreaIndicator row) => row.Position is { } position ? AreaIndicators.QuarterFromWorst(row.Indicator, position) : null;

    private static string Standing(int better, int worse, int of) =>
        better == of ? $"better than all {of}"
        : worse == of ? $"worse than all {of}"
        : better >= worse ? $"better than {better} of them"
        : $"worse than {worse} of them";

    private static string Measures(int count) => count == 1 ? "the 1 measure" : $"the {count.ToString(CultureInfo.InvariantCulture)} measures";

    /// <summary>"for A and B", or, past three, "on 8 measures, including A, B and C".</summary>
    private static string List(IReadOnlyList<AreaIndicator> rows)
    {
        var names = rows.Take(NamedPerSentence).Select(Name).ToList();
        var joined = names.Count == 1 ? names[0] : string.Join(", ", names[..^1]) + " and " + names[^1];
        return rows.Count > NamedPerSentence ? $"on {rows.Count.ToString(CultureInfo.InvariantCulture)} measures, including {joined}" : $"for {joined}";
    }

    /// <summary>
    /// The measure's name inside a sentence: "healthy life expectancy", "claimant count" (written "Claimant Count"
    /// as a title), but "GCSEs in English and Maths" and "4G coverage" as written.
    /// </summary>
    public static string Name(AreaIndicator row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var words = row.Indicator.Name.Split(' ');
        static bool Capitalised(string w) => w.Length > 1 && char.IsUpper(w[0]) && w[1..].All(c => !char.IsLetter(c) || char.IsLower(c));
        static string Lower(string w) => char.ToLowerInvariant(w[0]) + w[1..];
        if (words.All(Capitalised))
        {
            return string.Join(' ', words.Select(Lower));
        }
        return Capitalised(words[0]) ? string.Join(' ', words.Skip(1).Prepend(Lower(words[0]))) : row.Indicator.Name;
    }
}
