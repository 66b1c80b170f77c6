using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Observatory.Frameworks;
using Observatory.Indicators;
using Observatory.Portraits;

namespace Observatory.Core.Tests.Portraits;

/// <summary>
/// The batch engine against <see cref="PortraitRules"/> over generated definitions and values: any mix of
/// normalisations, polarities, rings and dimension sizes, thresholds of 0 and on rounding midpoints, baselines equal
/// to thresholds, values of no data, ±0 and ±∞, set sizes about the engine's chunk, as doubles or compacted to whole
/// numbers. FsCheck draws the definition and the set's shape; the values come from a seed it draws too.
/// </summary>
public sealed class PortraitEngineProperties
{
    /// <summary>One generated set: a definition, how many places, the grid its values sit on (or none), and the values' seed.</summary>
    public sealed record Case(PortraitDefinition Definition, int Places, int? Grid, int Seed)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"{Places} places, values on {(Grid is { } g ? $"a grid of 10^-{g}, compacted" : "no grid, as doubles")}, seed {Seed}, ratios to {Definition.Decimals} decimals; {string.Join("; ", Definition.Dimensions.Select(Describe))}");

        private static string Describe(PortraitDimension d) => string.Create(CultureInfo.InvariantCulture,
            $"{d.Ring} [{string.Join(", ", d.Indicators.Select(i => string.Create(CultureInfo.InvariantCulture, $"{i.Normalisation} {i.Polarity} t={i.Threshold?.Value} b={i.Threshold?.Baseline} w={i.Threshold?.Worst}")))}]");
    }

    [Property(MaxTest = 200)]
    public Property The_engine_gives_what_the_rules_give_for_any_definition_and_values() =>
        Prop.ForAll(Arb.From(Cases()), c => PortraitBatchTests.ShouldMatchTheRules(c.Definition, Columns(c)));

    private static Gen<Case> Cases() =>
        from decimals in Gen.Choose(0, 4)
        from count in Gen.Choose(1, 8)
        from dimensions in Dimension().ListOf(count).Select(list => list.ToList())
        from places in Gen.OneOf(Gen.Choose(1, 400), Gen.Elements(2_047, 2_048, 2_049, 4_101))
        from grid in Gen.Elements<int?>(null, 0, 1, 2, 3)
        from seed in Gen.Choose(0, 1_000_000)
        select new Case(Definition(dimensions, decimals), places, grid, seed);

    private static Gen<PortraitDimension> Dimension() =>
        from ring in Gen.Elements(Ring.Social, Ring.Ecological)
        from count in Gen.Choose(0, 4)
        from indicators in Indicator().ListOf(count)
        select new PortraitDimension
        {
            Id = "d",
            Name = "d",
            Element = new ElementRef("doughnut", "d"),
            Ring = ring,
            Lenses = [],
            Indicators = [.. indicators],
        };

    /// <summary>
    /// Any normalisation and polarity, with thresholds of 0 (ratios of ±∞ and NaN), 1, and ones a grid value divides
    /// into a midpoint next to 1 (19.9 ÷ 20), baselines and worst values that may equal them.
    /// </summary>
    private static Gen<PortraitIndicator> Indicator() =>
        from normalisation in Gen.Elements(Enum.GetValues<Normalisation>())
        from polarity in Gen.Elements(Enum.GetValues<Polarity>())
        from threshold in Gen.Elements(0.0, 0.5, 1, 6.5, 12.5, 20, 33.3, 50, 80, 99.5, 100)
        from baseline in Gen.Elements<double?>(null, 0, 12.5, 20, 280)
        from worst in Gen.Elements<double?>(null, null, null, 0, 5, 20)
        select new PortraitIndicator
        {
            Id = "i",
            Name = "i",
            Normalisation = normalisation,
            Polarity = polarity,
            Threshold = normalisation == Normalisation.PublishedRatio ? null
                : new PortraitThreshold(threshold, null, "source", "rationale",
                    normalisation == Normalisation.BaselineAnchoredRatio ? baseline : null,
                    normalisation == Normalisation.MinMaxToThreshold ? worst : null),
        };

    /// <summary>Dimensions and indicators numbered, so a local threshold or a failure can name one.</summary>
    private static PortraitDefinition Definition(List<PortraitDimension> dimensions, int decimals) => new()
    {
        Id = "generated",
        Name = "Generated",
        Citation = "Test",
        Places = PortraitPlaces.Countries,
        Decimals = decimals,
        Lenses = [],
        Dimensions = [.. dimensions.Select((d, n) => d with
        {
            Id = $"d{n}",
            Indicators = [.. d.Indicators.Select((i, k) => i with { Id = $"i{k}" })],
        })],
    };

    private static PortraitColumns Columns(Case c)
    {
        var random = new Random(c.Seed);
        var definition = c.Definition;
        var columns = new PortraitColumns([.. Enumerable.Range(0, c.Places).Select(p => $"P{p}")], definition.Indicators.Count);
        var step = Math.Pow(10, -definition.Decimals);
        for (var column = 0; column < definition.Indicators.Count; column++)
        {
            var t = definition.Indicators[column].Threshold?.Value ?? 1;
            for (var place = 0; place < c.Places; place++)
            {
                var value = random.Next(12) switch
                {
                    0 => double.NaN,
                    1 => 0,
                    2 => t,
                    // A ratio of value ÷ threshold on a rounding midpoint next to 1, and its neighbours.
                    3 => t * (1 + (random.Next(-3, 4) * step / 2)),
                    4 => random.Next(3) switch { 0 => -0.0, 1 => double.PositiveInfinity, _ => double.NegativeInfinity },
                    5 => -random.NextDouble() * t,
                    < 9 => t + (random.Next(-300, 301) * step / 4),
                    _ => t * (0.5 + random.NextDouble()),
                };
                if (c.Grid is { } grid && !double.IsNaN(value))
                {
                    // As a file's "19.9" is read. ±∞ and −0 are not held as whole numbers, so they become 0 here,
                    // or hardly any column would be compacted.
                    var scale = Math.Pow(10, grid);
                    value = double.IsInfinity(value) ? 0 : (Math.Round(value * scale) / scale) + 0.0;
                }
                columns.Values[column][place] = value;
            }
        }
        return c.Grid is null ? columns : columns.Compact();
    }
}
