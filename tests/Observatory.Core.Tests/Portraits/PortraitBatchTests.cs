using Observatory.Frameworks;
using Observatory.Indicators;
using Observatory.Portraits;
using Observatory.Portraits.Engine;

namespace Observatory.Core.Tests.Portraits;

/// <summary>
/// The batch engine (vectors, statuses read without rounding, counts off whole numbers, ratios worked out when first
/// read) against <see cref="PortraitRules"/>, the rules applied to one place at a time, rounding through decimal:
/// the same ratios to the bit, the same statuses, counts and portraits, for every place.
/// </summary>
public sealed class PortraitBatchTests
{
    [Fact]
    public void Rounding_is_decimal_rounding_to_the_bit()
    {
        var random = new Random(2026);
        var values = new List<double>
        {
            0, -0.0, 0.995, 1.005, 0.994999999999, 0.125, -0.125, 2.675, 1e-30, -1e-30, -0.004, 0.004999999, 0.005,
            1e15, -1e15, 999999999999999.9, 4503599627370.495, 45035996273704.96, 1.7976931348623157e308, double.Epsilon,
            double.NaN, double.PositiveInfinity, double.NegativeInfinity,
        };
        for (var i = 0; i < 200_000; i++)
        {
            // Midpoints and their neighbours at every decimals, then values of every size.
            var midpoint = (random.Next(-100_000, 100_000) + 0.5) / Math.Pow(10, random.Next(0, 6));
            values.Add(midpoint);
            values.Add(Math.BitIncrement(midpoint));
            values.Add(Math.BitDecrement(midpoint));
            values.Add((random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-8, 17)));
        }
        // Compared directly and described only when they differ: a message formatted for each of the 6.4 million
        // comparisons took most of this test's time.
        var differences = new List<string>();
        foreach (var decimals in new[] { 0, 1, 2, 3, 4, 9, 15, 16 })
        {
            foreach (var value in values)
            {
                var (engine, rules) = (PortraitEngine.Round(value, decimals), PortraitRules.Round(value, decimals));
                if (Bits(engine) != Bits(rules) && differences.Count < 20)
                {
                    differences.Add($"{value:R} to {decimals}: engine {engine:R}, rules {rules:R}");
                }
            }
        }
        values.Count.ShouldBeGreaterThan(800_000);
        differences.ShouldBeEmpty();
    }

    [Fact]
    public void Every_place_of_every_shipped_national_year_is_what_the_rules_give_one_value_at_a_time()
    {
        var years = 0;
        foreach (var definition in Shipped.Definitions.All)
        {
            foreach (var year in Shipped.National.YearsOf(definition.Id))
            {
                ShouldMatchTheRules(definition, year.Columns, null, year.Period, year.Series);
                years++;
            }
        }
        years.ShouldBeGreaterThan(60);
    }

    [Fact]
    public void Every_shipped_definition_over_generated_values_near_its_thresholds_is_what_the_rules_give()
    {
        var random = new Random(7);
        foreach (var definition in Shipped.Definitions.All)
        {
            // More places than one chunk of the engine, and not a multiple of any vector width, so every path runs;
            // and once more than the engine shares among threads.
            ShouldMatchTheRules(definition, Generated(definition, 5_003, random));
        }
        var council = Shipped.Definitions.All.First(d => d.Id == "uk-council");
        ShouldMatchTheRules(council, Generated(council, 20_011, random));
        // A council's own targets in place of the definition's, for one dimension and for one indicator of another.
        var measured = council.Dimensions.Where(d => d.Indicators.Count > 0).ToList();
        var local = new Dictionary<string, ThresholdOverride>
        {
            [measured[0].Id] = new(measured[0].Indicators[0].Threshold!.Value * 1.1, "Our own target"),
            [$"{measured[^1].Id}/{measured[^1].Indicators[0].Id}"] = new(measured[^1].Indicators[0].Threshold!.Value * 0.9, "A stricter target"),
        };
        ShouldMatchTheRules(council, Generated(council, 5_003, random), local);
    }

    [Fact]
    public void Every_normalisation_ring_and_polarity_over_generated_values_is_what_the_rules_give()
    {
        var random = new Random(11);
        var indicators = new List<(Normalisation, Polarity, double?, double?, double?)>();
        foreach (var normalisation in Enum.GetValues<Normalisation>())
        {
            foreach (var polarity in Enum.GetValues<Polarity>())
            {
                var threshold = normalisation == Normalisation.PublishedRatio ? (double?)null : 20 + (random.NextDouble() * 60);
                var baseline = normalisation == Normalisation.BaselineAnchoredRatio ? (double?)random.Next(0, 100) : null;
                indicators.Add((normalisation, polarity, threshold, baseline, null));
            }
        }
        // A threshold of 0 (ratios of ±∞ and NaN), a min–max scale of no length, and one so long that the factor
        // a ratio is scaled by is barely a double.
        indicators.Add((Normalisation.RatioToBoundary, Polarity.LowerIsBetter, 0, null, null));
        indicators.Add((Normalisation.RatioToBoundary, Polarity.HigherIsBetter, 0, null, null));
        indicators.Add((Normalisation.MinMaxToThreshold, Polarity.HigherIsBetter, 5, null, 5));
        indicators.Add((Normalisation.MinMaxToThreshold, Polarity.HigherIsBetter, double.MinValue, null, null));
        var dimensions = Dimensions(indicators);
        foreach (var decimals in new[] { 2, 0, 3, 20 })
        {
            var definition = Generic(dimensions, decimals);
            ShouldMatchTheRules(definition, Generated(definition, decimals == 2 ? 17_001 : 4_500, random, bounds: true));
        }
    }

    [Fact]
    public void Columns_compacted_to_whole_numbers_give_back_their_values_and_the_same_portraits()
    {
        var random = new Random(23);
        // Thresholds that put some values on a grid exactly at a rounding midpoint next to 1 (19.9 ÷ 20 = 0.995,
        // which rounds to 1.00), so a whole number one off where the test turns would be counted wrongly.
        double[] thresholds = [20, 40, 12.5, 60, 7, 33.3, 80];
        var indicators = new List<(Normalisation, Polarity, double?, double?, double?)>();
        foreach (var normalisation in Enum.GetValues<Normalisation>())
        {
            foreach (var polarity in Enum.GetValues<Polarity>())
            {
                var threshold = normalisation == Normalisation.PublishedRatio ? (double?)null : thresholds[random.Next(thresholds.Length)];
                var baseline = normalisation == Normalisation.BaselineAnchoredRatio ? (double?)random.Next(0, 15) : null;
                indicators.Add((normalisation, polarity, threshold, baseline, null));
            }
        }
        indicators.Add((Normalisation.MinMaxToThreshold, Polarity.HigherIsBetter, 40, null, 10));
        indicators.Add((Normalisation.MinMaxToThreshold, Polarity.LowerIsBetter, 20, null, 60));
        var dimensions = Dimensions(indicators);
        // The last is enough places for counting whole numbers to be shared among threads.
        foreach (var (decimals, grid, places) in new[] { (2, 1, 17_001), (0, 0, 4_500), (3, 2, 5_003), (2, 3, 20_011), (2, 1, 131_101) })
        {
            var definition = Generic(dimensions, decimals);
            var columns = OnGrid(definition, places, grid, random);
            var filled = columns.Values.Select(c => c.Select(Bits).ToArray()).ToArray();
            columns.Compact();
            var context = $"ratios to {decimals} decimals, values to {grid}";
            Enumerable.Range(0, definition.Indicators.Count).ShouldAllBe(c => columns.IsCompact(c), context);
            // Every dimension the engine counts together (up to three indicators) is counted off the whole numbers.
            PortraitEngine.CountedOffWholeNumbers(definition, columns).ShouldBe(definition.Dimensions.Count(d => d.Indicators.Count <= 3), context);
            // One place's portrait reads its values from the whole numbers, before anything gives the columns back.
            var batch = PortraitEngine.Compute(definition, columns);
            foreach (var place in new[] { 0, places / 2, places - 1 })
            {
                batch.For(place).Dimensions.SelectMany(d => d.Indicators).Select(i => i.Value is { } v ? Bits(v) : Bits(double.NaN))
                    .ShouldBe(filled.Select(c => double.IsNaN(BitConverter.Int64BitsToDouble(c[place])) ? Bits(double.NaN) : c[place]), context);
            }
            columns.Values.Select(c => c.Select(Bits).ToArray()).ShouldBe(filled, context);
            ShouldMatchTheRules(definition, columns);
        }
    }

    [Fact]
    public void A_column_whole_numbers_cannot_give_back_to_the_bit_stays_as_doubles()
    {
        double[][] columns =
        [
            [1.5, 2.25, double.NaN, -3],
            [0.1 + 0.2, 1],
            [-0.0, 1],
            [double.PositiveInfinity, 1],
            [1e10, 1],
            [0.123456789, 0.5],
            [1e-10, 1],
            [double.NaN, double.NaN],
        ];
        var held = new PortraitColumns(["A", "B", "C", "D"], columns.Length);
        for (var c = 0; c < columns.Length; c++)
        {
            columns[c].CopyTo(held.Values[c], 0);
        }
        held.Compact();
        Enumerable.Range(0, columns.Length).Select(held.IsCompact).ShouldBe([true, false, false, false, false, true, false, true]);
        for (var c = 0; c < columns.Length; c++)
        {
            held.Values[c].Take(columns[c].Length).Select(Bits).ShouldBe(columns[c].Select(Bits), $"column {c}");
        }
    }

    [Fact]
    public void A_definition_over_compacted_and_uncompacted_columns_is_what_the_rules_give()
    {
        var random = new Random(29);
        var council = Shipped.Definitions.All.First(d => d.Id == "uk-council");
        // Some columns on a grid (held as whole numbers), some not (with −0, ±∞ and many decimals): dimensions
        // mixing the two are counted off the doubles.
        var columns = Generated(council, 20_011, random);
        var grid = OnGrid(council, 20_011, 1, random);
        for (var c = 0; c < council.Indicators.Count; c += 2)
        {
            grid.Values[c].CopyTo(columns.Values[c], 0);
        }
        columns.Compact();
        Enumerable.Range(0, council.Indicators.Count).Count(columns.IsCompact).ShouldBeGreaterThanOrEqualTo((council.Indicators.Count + 1) / 2);
        ShouldMatchTheRules(council, columns);
    }

    /// <summary>Both rings' indicators in dimensions of one to four (the engine reads up to three together and marks larger ones), and one with none.</summary>
    private static List<PortraitDimension> Dimensions(List<(Normalisation, Polarity, double?, double?, double?)> indicators)
    {
        var dimensions = new List<PortraitDimension>();
        foreach (var ring in Enum.GetValues<Ring>())
        {
            for (int i = 0, size = 1; i < indicators.Count; i += size, size = (size % 4) + 1)
            {
                var at = i;
                dimensions.Add(Dimension($"{ring}-{i}", ring, [.. indicators.Skip(i).Take(size).Select((x, n) => Indicator($"i{at + n}", x.Item1, x.Item2, x.Item3, x.Item4, x.Item5))]));
            }
        }
        dimensions.Add(Dimension("unmeasured", Ring.Social, []));
        return dimensions;
    }

    private static PortraitDefinition Generic(List<PortraitDimension> dimensions, int decimals) => new()
    {
        Id = "generated",
        Name = "Generated",
        Citation = "Test",
        Places = PortraitPlaces.Countries,
        Decimals = decimals,
        Lenses = [],
        Dimensions = dimensions,
    };

    /// <summary>Values on a grid of 10^−<paramref name="grid"/>, most within a few hundred steps of each threshold.</summary>
    private static PortraitColumns OnGrid(PortraitDefinition definition, int places, int grid, Random random)
    {
        var columns = new PortraitColumns([.. Enumerable.Range(0, places).Select(p => $"P{p}")], definition.Indicators.Count);
        var scale = Math.Pow(10, grid);
        for (var c = 0; c < definition.Indicators.Count; c++)
        {
            var t = definition.Indicators[c].Threshold?.Value ?? 1;
            double Value() => random.Next(10) switch
            {
                0 => double.NaN,
                1 => 0,
                2 => -random.NextDouble() * t,
                3 => t * (1 + (random.Next(-3, 4) * 0.005)),
                < 8 => t + (random.Next(-300, 301) / scale),
                _ => t * (0.5 + random.NextDouble()),
            };
            for (var p = 0; p < places; p++)
            {
                // The double nearest the decimal, as a file's "19.9" is read; a file's "-0.0" reads as −0, which
                // is not held as a whole number, so small negatives round to 0 here.
                var value = Value();
                columns.Values[c][p] = double.IsNaN(value) ? value : (Math.Round(value * scale) / scale) + 0.0;
            }
        }
        return columns;
    }

    /// <summary>Values about each indicator's threshold, with gaps, zeros, exact thresholds and rounding midpoints.</summary>
    private static PortraitColumns Generated(PortraitDefinition definition, int places, Random random, bool bounds = false)
    {
        var columns = new PortraitColumns([.. Enumerable.Range(0, places).Select(p => $"P{p}")], definition.Indicators.Count, bounds);
        for (var c = 0; c < definition.Indicators.Count; c++)
        {
            var indicator = definition.Indicators[c];
            var t = indicator.Threshold?.Value ?? 1;
            double Value() => random.Next(13) switch
            {
                0 => double.NaN,
                1 => 0,
                // Zero of the other sign (which settles the sign of a min–max ratio) and the infinities.
                12 => random.Next(3) switch { 0 => -0.0, 1 => double.PositiveInfinity, _ => double.NegativeInfinity },
                2 => t,
                // Where the ratio is a rounding midpoint next to 1, for ratios read as value ÷ threshold.
                3 => t * (1 + (random.Next(-3, 4) * 0.005)),
                4 => Math.Round(t * (0.5 + random.NextDouble()), 1),
                5 => -random.NextDouble() * t,
                _ => t * (0.5 + random.NextDouble()),
            };
            for (var p = 0; p < places; p++)
            {
                columns.Values[c][p] = Value();
                if (bounds)
                {
                    columns.Lower![c][p] = columns.Values[c][p] - random.NextDouble();
                    columns.Upper![c][p] = Value();
                }
            }
        }
        return columns;
    }

    /// <summary>
    /// The batch against <see cref="PortraitRules"/> for every place: each indicator's ratio (and its interval's)
    /// to the bit, each dimension's status, the four counts, and the whole portrait <see cref="PortraitBatch.For(int)"/>
    /// gives, field by field. Differences are gathered and reported together, the first few of them.
    /// </summary>
    internal static void ShouldMatchTheRules(PortraitDefinition definition, PortraitColumns columns,
        IReadOnlyDictionary<string, ThresholdOverride>? localThresholds = null, Period? period = null, string? series = null)
    {
        var batch = PortraitEngine.Compute(definition, columns, period, series, localThresholds);
        var rules = PortraitRules.For(definition, columns, localThresholds);
        var context = $"{definition.Id}, {columns.Places.Count} places";
        var differences = new List<string>();
        void Differ(string what)
        {
            if (differences.Count < 20)
            {
                differences.Add(what);
            }
        }
        static bool SameRatio(double engine, double? rules) => rules is { } r ? Bits(engine) == Bits(r) : double.IsNaN(engine);
        for (var place = 0; place < columns.Places.Count && differences.Count < 20; place++)
        {
            var expected = rules.PortraitOf(place, period, series);
            var column = 0;
            for (var d = 0; d < definition.Dimensions.Count; d++)
            {
                var dimension = expected.Dimensions[d];
                if (batch.Statuses[d][place] != dimension.Status)
                {
                    Differ($"place {place}, {dimension.Id}: engine {batch.Statuses[d][place]}, rules {dimension.Status}");
                }
                foreach (var indicator in dimension.Indicators)
                {
                    if (!SameRatio(batch.Ratios[column][place], indicator.Ratio)
                        || (batch.RatiosLower is { } lower && !SameRatio(lower[column][place], indicator.RatioLower))
                        || (batch.RatiosUpper is { } upper && !SameRatio(upper[column][place], indicator.RatioUpper)))
                    {
                        Differ($"place {place}, {dimension.Id}/{indicator.Id}: value {columns.ValueAt(column, place):R}, engine {batch.Ratios[column][place]:R}, rules {indicator.Ratio:R}");
                    }
                    column++;
                }
            }
            if ((batch.SocialAchieved[place], batch.SocialWithData[place], batch.EcologicalTransgressed[place], batch.EcologicalWithData[place])
                != (expected.SocialAchieved, expected.SocialWithData, expected.EcologicalTransgressed, expected.EcologicalWithData))
            {
                Differ($"place {place}: engine counts {batch.SocialAchieved[place]}/{batch.SocialWithData[place]}, {batch.EcologicalTransgressed[place]}/{batch.EcologicalWithData[place]}; "
                    + $"rules {expected.SocialAchieved}/{expected.SocialWithData}, {expected.EcologicalTransgressed}/{expected.EcologicalWithData}");
            }
            foreach (var difference in PortraitComparison.Differences(expected, batch.For(place)))
            {
                Differ(difference);
            }
        }
        differences.ShouldBeEmpty(context);
    }

    private static long Bits(double value) => BitConverter.DoubleToInt64Bits(value);

    private static PortraitDimension Dimension(string id, Ring ring, IReadOnlyList<PortraitIndicator> indicators) => new()
    {
        Id = id,
        Name = id,
        Element = new ElementRef("doughnut", id),
        Ring = ring,
        Lenses = [],
        Indicators = indicators,
    };

    private static PortraitIndicator Indicator(string id, Normalisation normalisation, Polarity polarity, double? threshold, double? baseline, double? worst) => new()
    {
        Id = id,
        Name = id,
        Normalisation = normalisation,
        Polarity = polarity,
        Threshold = threshold is { } t ? new PortraitThreshold(t, null, "source", "rationale", baseline, worst) : null,
    };
}
