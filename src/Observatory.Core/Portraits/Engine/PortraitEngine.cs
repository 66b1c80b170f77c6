using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Observatory.Indicators;

namespace Observatory.Portraits.Engine;

/// <summary>
/// <see cref="PortraitRules"/> for every place of a set at once, over columns: the same ratios to the bit, statuses
/// and counts, worked out over vectors, with each indicator's rule read once a column, its threshold turned round
/// onto the values so most need no arithmetic, and compacted columns counted as whole numbers. Tests hold it to the
/// rules for every shipped definition and year and over generated values (docs/architecture.md, "How the portrait
/// engine is checked against the rules"); docs/performance.md says what each part is for.
/// </summary>
public static partial class PortraitEngine
{
    // Places are taken a chunk at a time, every dimension in turn, so a dimension's marks (see Read) stay in the
    // cache from its first indicator to its status, however many places the set has.
    private const int Chunk = 2048;

    /// <summary>Sets of at least this many chunks (16,384 places) are shared among threads.</summary>
    private const int ParallelChunks = 8;

    /// <summary>
    /// Counting whole numbers only (every dimension a <see cref="UnitDimension"/>) is shared from this many chunks
    /// (131,072 places): it is bound by reading memory, which a second core here does not widen. Measured over
    /// 45,000 places, one thread took 0.037–0.040 s for 20 periods and two 0.03–0.05 s, for 1.6 times the CPU.
    /// </summary>
    private const int WholeNumberParallelChunks = 64;

    /// <summary>Portraits for every place in <paramref name="columns"/>.</summary>
    /// <exception cref="ArgumentException">A local threshold names no dimension or indicator, or one whose ratio is published.</exception>
    public static PortraitBatch Compute(PortraitDefinition definition, PortraitColumns columns, Period? period = null, string? series = null,
        IReadOnlyDictionary<string, ThresholdOverride>? localThresholds = null)
    {
        var indicators = definition.Indicators;
        if (columns.Indicators != indicators.Count)
        {
            throw new ArgumentException($"The columns hold {columns.Indicators} indicators; definition '{definition.Id}' has {indicators.Count}.", nameof(columns));
        }
        var (thresholds, reasons) = PortraitRules.ApplyLocal(definition, localThresholds);
        var places = columns.Places.Count;
        var rules = RulesOf(definition, columns, thresholds);
        var rounding = new Rounding(definition.Decimals);
        int[][] counts = [new int[places], new int[places], new int[places], new int[places]];
        Read(definition, columns, rules, rounding, null, counts);
        return new PortraitBatch(definition, columns, period, series, thresholds, reasons,
            values => RatiosOf(rules, columns, values, rounding), () => StatusesOf(definition, columns, rules, rounding), counts[0], counts[1], counts[2], counts[3]);
    }

    /// <summary>Each column's rule, its threshold, polarity and (for min–max) the set's worst value read once.</summary>
    private static RatioRule[] RulesOf(PortraitDefinition definition, PortraitColumns columns, PortraitThreshold?[] thresholds)
    {
        var indicators = definition.Indicators;
        var places = columns.Places.Count;
        // The worst place is found over the set's central values, so bounds and centre share one scale; each
        // column's on its own, so a large set's are found on every core.
        var worsts = new double[indicators.Count];
        void FindWorst(int column) => worsts[column] = indicators[column].Normalisation == Normalisation.MinMaxToThreshold
            ? thresholds[column]?.Worst ?? (columns.Scaled(column) is { } held
                ? Worst(held, indicators[column].Polarity)
                : Worst(columns.Filled(column)!, indicators[column].Polarity))
            : double.NaN;
        if (Shared((places + Chunk - 1) / Chunk))
        {
            Parallel.For(0, indicators.Count, FindWorst);
        }
        else
        {
            for (var i = 0; i < indicators.Count; i++)
            {
                FindWorst(i);
            }
        }
        var rules = new RatioRule[indicators.Count];
        var column = 0;
        foreach (var dimension in definition.Dimensions)
        {
            foreach (var indicator in dimension.Indicators)
            {
                rules[column] = RatioRule.For(indicator.Normalisation, dimension.Ring, indicator.Polarity, thresholds[column], worsts[column]);
                column++;
            }
        }
        return rules;
    }

    /// <summary>How many of the definition's dimensions <see cref="Compute"/> counts straight off whole numbers for these columns.</summary>
    internal static int CountedOffWholeNumbers(PortraitDefinition definition, PortraitColumns columns)
    {
        var rules = RulesOf(definition, columns, PortraitRules.ApplyLocal(definition, null).Thresholds);
        return UnitDimension.Plan(definition, columns, rules, new Rounding(definition.Decimals))?.Count(u => u is not null) ?? 0;
    }

    /// <summary>
    /// Every value through its rule, each dimension's status found, into <paramref name="statuses"/> ([dimension][place])
    /// when given and, when given, counted into <paramref name="counts"/>: social achieved, social with data,
    /// ecological transgressed, ecological with data, per place. A place's dimension is held meanwhile as a mark:
    /// 0 no indicator with data, −1 one with data, −2 one worse than its threshold; each indicator's mark is taken
    /// in by a minimum, so no ratio is kept.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Read(PortraitDefinition definition, PortraitColumns columns, RatioRule[] rules, Rounding rounding, DimensionStatus[][]? statuses, int[][]? counts)
    {
        var places = columns.Places.Count;
        // Counts alone (no statuses) are read straight off the values where every indicator of a dimension allows
        // it: off the whole numbers where Compact holds all its columns so, otherwise off the doubles.
        var counting = statuses is null && counts is not null;
        var units = counting ? UnitDimension.Plan(definition, columns, rules, rounding) : null;
        var fused = counting ? FusedDimension.Plan(definition, columns, rules, rounding) : null;
        var chunks = (places + Chunk - 1) / Chunk;
        // Each chunk writes only its own places' statuses and counts, so a large set is shared among the cores.
        // Each thread has its marks, and room for a chunk of a compacted column given back as doubles.
        var wholeNumbersOnly = units is not null && Array.TrueForAll(units, u => u is not null);
        if (Shared(chunks) && (!wholeNumbersOnly || chunks >= WholeNumberParallelChunks))
        {
            Parallel.For(0, chunks, () => new Scratch(Chunk), (chunk, _, scratch) =>
            {
                ReadChunk(definition, columns, rules, rounding, statuses, counts, units, fused, chunk * Chunk, scratch);
                return scratch;
            }, _ => { });
            return;
        }
        var scratch = new Scratch(Math.Min(Chunk, Math.Max(places, 1)));
        for (var start = 0; start < places; start += Chunk)
        {
            ReadChunk(definition, columns, rules, rounding, statuses, counts, units, fused, start, scratch);
        }
    }

    /// <summary>Whether work in this many chunks is worth sharing among threads: not for a council set, which is one chunk.</summary>
    private static bool Shared(int chunks) => chunks >= ParallelChunks && Environment.ProcessorCount > 1;

    /// <summary>One chunk of places (from <paramref name="start"/>) through every dimension; see <see cref="Read"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ReadChunk(PortraitDefinition definition, PortraitColumns columns, RatioRule[] rules, Rounding rounding, DimensionStatus[][]? statuses,
        int[][]? counts, UnitDimension?[]? units, FusedDimension?[]? fused, int start, Scratch scratch)
    {
        var length = Math.Min(Chunk, columns.Places.Count - start);
        var marks = scratch.Marks;
        var column = 0;
        for (var d = 0; d < definition.Dimensions.Count; d++)
        {
            var dimension = definition.Dimensions[d];
            var social = dimension.Ring == Ring.Social;
            if (units?[d] is { } whole)
            {
                whole.Count(start, length, counts!);
                column += dimension.Indicators.Count;
                continue;
            }
            if (fused?[d] is { } plan)
            {
                plan.Count(rules, rounding, start, length, counts!);
                column += dimension.Indicators.Count;
                continue;
            }
            for (var k = 0; k < dimension.Indicators.Count; k++, column++)
            {
                var values = columns.Filled(column) is { } filled
                    ? filled.AsSpan(start, length)
                    : columns.Scaled(column)!.Restore(start, scratch.Values.AsSpan(0, length));
                rules[column].Mark(values, social, rounding, marks);
            }
            Tally(social, marks.AsSpan(0, length), statuses is null ? default : statuses[d].AsSpan(start, length),
                counts is null ? default : counts[social ? 1 : 3].AsSpan(start, length),
                counts is null ? default : counts[social ? 0 : 2].AsSpan(start, length));
        }
    }

    /// <summary>One thread's working space in <see cref="Read"/>: a chunk's marks, and its values of a compacted column.</summary>
    private sealed class Scratch(int length)
    {
        public long[] Marks { get; } = new long[length];
        public double[] Values { get; } = new double[length];
    }

    private static DimensionStatus[][] StatusesOf(PortraitDefinition definition, PortraitColumns columns, RatioRule[] rules, Rounding rounding)
    {
        // Every slot is written, so the runtime need not clear it first.
        var statuses = definition.Dimensions.Select(_ => GC.AllocateUninitializedArray<DimensionStatus>(columns.Places.Count)).ToArray();
        Read(definition, columns, rules, rounding, statuses, null);
        return statuses;
    }

    /// <summary>
    /// One ratio rounded as the engine rounds it: in doubles, through <see cref="decimal"/> only near a midpoint.
    /// The tests hold it to <see cref="PortraitRules.Round"/> bit for bit.
    /// </summary>
    internal static double Round(double ratio, int decimals) => new Rounding(decimals).Of(ratio);

    /// <summary>
    /// Every column's rounded ratios, as <see cref="PortraitRules"/> gives them one at a time,
    /// of <paramref name="values"/>, or of the columns' own values as held when null.
    /// </summary>
    private static double[][] RatiosOf(RatioRule[] rules, PortraitColumns columns, double[][]? values, Rounding rounding)
    {
        var ratios = new double[rules.Length][];
        void Column(int column)
        {
            // Every slot is written, so the runtime need not clear it first. A compacted column is given back as
            // doubles into the ratios' own array, which the rule then turns into ratios where they lie.
            var into = ratios[column] = GC.AllocateUninitializedArray<double>(columns.Places.Count);
            var source = values?[column] ?? columns.Filled(column) ?? columns.Scaled(column)!.Restore(0, into);
            rules[column].Apply(source, into, rounding);
        }
        if (rules.Length > 0 && Shared((columns.Places.Count + Chunk - 1) / Chunk))
        {
            Parallel.For(0, rules.Length, Column);
        }
        else
        {
            for (var column = 0; column < rules.Length; column++)
            {
                Column(column);
            }
        }
        return ratios;
    }

    /// <summary>
    /// One dimension's status (into <paramref name="status"/> unless empty) and its place in the counts (unless
    /// empty), for a chunk of places, from its marks (see <see cref="Read"/>): worse than the threshold when any
    /// indicator is, within when one has data, no data when none has. The marks are cleared for the next dimension.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tally(bool social, Span<long> marks, Span<DimensionStatus> status, Span<int> withData, Span<int> counted)
    {
        var badStatus = social ? DimensionStatus.Shortfall : DimensionStatus.Overshoot;
        var statuses = !status.IsEmpty;
        var counting = !withData.IsEmpty;
        var p = 0;
        if (Vector.IsHardwareAccelerated)
        {
            // Eight vectors of 64-bit marks are narrowed to four of 32-bit counts, then to one of 8-bit statuses.
            // A comparison gives all bits set (−1) for true, so subtracting it counts one.
            var width = Vector<long>.Count;
            var worse = new Vector<byte>((byte)badStatus);
            var within = new Vector<byte>((byte)DimensionStatus.Within);
            var noData = new Vector<byte>((byte)DimensionStatus.NoData);
            var twice = new Vector<int>(-2);
            ref var m = ref MemoryMarshal.GetReference(marks);
            ref var s = ref MemoryMarshal.GetReference(MemoryMarshal.Cast<DimensionStatus, byte>(status));
            ref var w = ref MemoryMarshal.GetReference(withData);
            ref var c = ref MemoryMarshal.GetReference(counted);

            // Two vectors of marks: whether each place has data and whether it is worse, as 32-bit masks, counted
            // (when counting) and cleared.
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            (Vector<int> Any, Vector<int> Bad) Take(ref long m, ref int w, ref int c, nuint at)
            {
                var mark = Vector.Narrow(Vector.LoadUnsafe(ref m, at), Vector.LoadUnsafe(ref m, at + (nuint)width));
                Vector<long>.Zero.StoreUnsafe(ref m, at);
                Vector<long>.Zero.StoreUnsafe(ref m, at + (nuint)width);
                var any = Vector.LessThan(mark, Vector<int>.Zero);
                var bad = Vector.Equals(mark, twice);
                if (counting)
                {
                    (Vector.LoadUnsafe(ref w, at) - any).StoreUnsafe(ref w, at);
                    (Vector.LoadUnsafe(ref c, at) - (social ? Vector.AndNot(any, bad) : bad)).StoreUnsafe(ref c, at);
                }
                return (any, bad);
            }
            for (; p <= marks.Length - (8 * width); p += 8 * width)
            {
                var at = (nuint)p;
                var (any0, bad0) = Take(ref m, ref w, ref c, at);
                var (any1, bad1) = Take(ref m, ref w, ref c, at + (nuint)(2 * width));
                var (any2, bad2) = Take(ref m, ref w, ref c, at + (nuint)(4 * width));
                var (any3, bad3) = Take(ref m, ref w, ref c, at + (nuint)(6 * width));
                if (statuses)
                {
                    var anyBytes = Vector.AsVectorByte(Vector.Narrow(Vector.Narrow(any0, any1), Vector.Narrow(any2, any3)));
                    var badBytes = Vector.AsVectorByte(Vector.Narrow(Vector.Narrow(bad0, bad1), Vector.Narrow(bad2, bad3)));
                    Vector.ConditionalSelect(badBytes, worse, Vector.ConditionalSelect(anyBytes, within, noData)).StoreUnsafe(ref s, at);
                }
            }
        }
        for (; p < marks.Length; p++)
        {
            var mark = marks[p];
            marks[p] = 0;
            if (statuses)
            {
                status[p] = mark == -2 ? badStatus : mark != 0 ? DimensionStatus.Within : DimensionStatus.NoData;
            }
            if (counting && mark != 0)
            {
                withData[p]++;
                if ((mark == -2) != social)
                {
                    counted[p]++;
                }
            }
        }
    }

    /// <summary>A rounded ratio's mark (see <see cref="Read"/>): 0 no data, −1 with data, −2 worse than the threshold.</summary>
    private static int MarkOf(double ratio, bool social) => double.IsNaN(ratio) ? 0 : (social ? ratio < 1 : ratio > 1) ? -2 : -1;

    /// <summary>The lowest value with data, or the highest when lower is better; NaN when none has any.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double Worst(double[] values, Polarity polarity)
    {
        var highest = polarity == Polarity.LowerIsBetter;
        var p = 0;
        var worst = double.NaN;
        if (Vector.IsHardwareAccelerated && values.Length >= Vector<double>.Count)
        {
            // No data is replaced by the value that can never be the worst, so it drops out of the max or min.
            var never = new Vector<double>(highest ? double.NegativeInfinity : double.PositiveInfinity);
            var best = never;
            for (; p <= values.Length - Vector<double>.Count; p += Vector<double>.Count)
            {
                var v = Vector.LoadUnsafe(ref values[p]);
                v = Vector.ConditionalSelect(Vector.Equals(v, v), v, never);
                best = highest ? Vector.Max(best, v) : Vector.Min(best, v);
            }
            worst = highest ? double.NegativeInfinity : double.PositiveInfinity;
            for (var i = 0; i < Vector<double>.Count; i++)
            {
                worst = highest ? Math.Max(worst, best[i]) : Math.Min(worst, best[i]);
            }
        }
        for (; p < values.Length; p++)
        {
            var v = values[p];
            if (!double.IsNaN(v) && (double.IsNaN(worst) || (highest ? v > worst : v < worst)))
            {
                worst = v;
            }
        }
        // Which zero was first matters to the sign of a ratio: the first of either sign is the one a first-found
        // scan keeps. A set of ±∞ or no data at all reads the same as the sentinel: that scan settles those.
        if (worst == 0)
        {
            return values[FirstZero(values)];
        }
        if (double.IsInfinity(worst))
        {
            worst = double.NaN;
            foreach (var v in values)
            {
                if (!double.IsNaN(v) && (double.IsNaN(worst) || (highest ? v > worst : v < worst)))
                {
                    worst = v;
                }
            }
        }
        return worst;
    }

    /// <summary>Where the first zero of either sign is (there is one).</summary>
    private static int FirstZero(double[] values)
    {
        var p = 0;
        if (Vector.IsHardwareAccelerated)
        {
            // A comparison with zero is true for both signs.
            for (; p <= values.Length - Vector<double>.Count; p += Vector<double>.Count)
            {
                if (Vector.EqualsAny(Vector.LoadUnsafe(ref values[p]), Vector<double>.Zero))
                {
                    break;
                }
            }
        }
        while (values[p] != 0)
        {
            p++;
        }
        return p;
    }
}
