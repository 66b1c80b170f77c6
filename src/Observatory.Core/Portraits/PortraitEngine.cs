using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Observatory.Indicators;

namespace Observatory.Portraits;

/// <summary>
/// The values a portrait is computed from, as columns: one array per indicator of the definition (in
/// <see cref="PortraitDefinition.Indicators"/> order), one slot per place, NaN where there is no value. Once filled,
/// <see cref="Compact"/> holds the columns that allow it as whole numbers of a fixed number of decimals, in half the
/// memory, which the engine counts straight from.
/// </summary>
public sealed class PortraitColumns
{
    private readonly double[][] _values;
    private ScaledColumn?[]? _scaled;
    private double[][]? _restored;

    public PortraitColumns(IReadOnlyList<string> places, int indicators, bool bounds = false, bool periods = false)
    {
        Places = places;
        _values = NewColumns(indicators, places.Count);
        if (bounds)
        {
            Lower = NewColumns(indicators, places.Count);
            Upper = NewColumns(indicators, places.Count);
        }
        if (periods)
        {
            Periods = [.. Enumerable.Range(0, indicators).Select(_ => new Period?[places.Count])];
        }
    }

    public IReadOnlyList<string> Places { get; }

    /// <summary>How many indicators' columns there are.</summary>
    public int Indicators => _values.Length;

    /// <summary>
    /// [indicator][place]; NaN = no data. Filled by the caller; after <see cref="Compact"/>, read only: the compacted
    /// columns are given back as doubles (the same bits) the first time this is read.
    /// </summary>
    public double[][] Values => _scaled is null ? _values : LazyInitializer.EnsureInitialized(ref _restored, Restore);

    public double[][]? Lower { get; }
    public double[][]? Upper { get; }

    /// <summary>[indicator][place]: the period each value comes from, when it can differ from the one asked for.</summary>
    public Period?[][]? Periods { get; }

    /// <summary>
    /// Holds every column whose values are all whole numbers of 10^−d for some d up to 9 (to the bit, as
    /// published statistics with a fixed number of decimals are) as those whole numbers, and lets go of its
    /// doubles; the others stay as they are. Call it once the columns are filled: the engine then reads half as
    /// many bytes for its counts. Returns this.
    /// </summary>
    public PortraitColumns Compact()
    {
        var scaled = _scaled ?? new ScaledColumn?[_values.Length];
        for (var i = 0; i < _values.Length; i++)
        {
            if (scaled[i] is null && ScaledColumn.TryHold(_values[i]) is { } held)
            {
                scaled[i] = held;
                _values[i] = null!;
            }
        }
        _scaled = scaled;
        _restored = null;
        return this;
    }

    /// <summary>One value (NaN = no data), read from the column as held: a compacted column is not given back whole for it.</summary>
    public double ValueAt(int indicator, int place) =>
        _scaled?[indicator] is { } held ? held.ValueOf(held.Units[place]) : _values[indicator][place];

    /// <summary>Whether <see cref="Compact"/> holds this column as whole numbers.</summary>
    public bool IsCompact(int indicator) => _scaled?[indicator] is not null;

    internal ScaledColumn? Scaled(int indicator) => _scaled?[indicator];

    /// <summary>The column as filled, or null when <see cref="Compact"/> holds it as whole numbers.</summary>
    internal double[]? Filled(int indicator) => _values[indicator];

    private double[][] Restore() => [.. _values.Select((v, i) => v ?? _scaled![i]!.ToDoubles())];

    private static double[][] NewColumns(int indicators, int places) =>
        [.. Enumerable.Range(0, indicators).Select(_ => { var a = new double[places]; Array.Fill(a, double.NaN); return a; })];
}

/// <summary>
/// Portraits for every place of a set at once, held as columns (ratios per indicator, statuses per dimension,
/// counts per place); <see cref="For(int)"/> turns one place into a <see cref="Portrait"/>. The counts are computed
/// with the batch; the statuses and ratios, from the same columns by the same rules, the first time they are read.
/// </summary>
public sealed class PortraitBatch
{
    // Built on the first look-up by code: a batch computed for counts or a map is never asked for one place, and
    // hashing every code of a small-area set cost as much as the portraits themselves.
    private Dictionary<string, int>? _index;

    internal PortraitBatch(PortraitDefinition definition, PortraitColumns columns, Period? period, string? series,
        PortraitThreshold?[] thresholds, string?[] localReasons, Func<double[][]?, double[][]> ratios, Func<DimensionStatus[][]> statuses,
        int[] socialAchieved, int[] socialWithData, int[] ecologicalTransgressed, int[] ecologicalWithData)
    {
        Definition = definition;
        Columns = columns;
        Period = period;
        Series = series;
        Thresholds = thresholds;
        LocalReasons = localReasons;
        // Writing every ratio out costs more than reading the values, finding each status and counting them
        // together, and the statuses (a byte a place and dimension) about as much again, so a batch wanted for
        // its counts (a scatter of places) pays for neither, and one wanted for statuses (a league table) not for
        // the ratios.
        // The centre's ratios are read from the columns as held (see PortraitColumns.Compact), the bounds' as given.
        _ratios = new(() => ratios(null));
        _lower = columns.Lower is { } lo ? new(() => ratios(lo)) : null;
        _upper = columns.Upper is { } up ? new(() => ratios(up)) : null;
        _statuses = new(statuses);
        SocialAchieved = socialAchieved;
        SocialWithData = socialWithData;
        EcologicalTransgressed = ecologicalTransgressed;
        EcologicalWithData = ecologicalWithData;
    }

    public PortraitDefinition Definition { get; }
    public PortraitColumns Columns { get; }
    public Period? Period { get; }
    public string? Series { get; }
    public IReadOnlyList<string> Places => Columns.Places;

    /// <summary>[indicator]: the threshold applied after any local override.</summary>
    public IReadOnlyList<PortraitThreshold?> Thresholds { get; }

    public IReadOnlyList<string?> LocalReasons { get; }

    private readonly Lazy<double[][]> _ratios;
    private readonly Lazy<double[][]>? _lower;
    private readonly Lazy<double[][]>? _upper;

    /// <summary>[indicator][place]: rounded ratios, NaN = no data.</summary>
    public double[][] Ratios => _ratios.Value;

    public double[][]? RatiosLower => _lower?.Value;
    public double[][]? RatiosUpper => _upper?.Value;

    private readonly Lazy<DimensionStatus[][]> _statuses;

    /// <summary>[dimension][place].</summary>
    public DimensionStatus[][] Statuses => _statuses.Value;

    public int[] SocialAchieved { get; }
    public int[] SocialWithData { get; }
    public int[] EcologicalTransgressed { get; }
    public int[] EcologicalWithData { get; }

    public int IndexOf(string placeCode) => LazyInitializer.EnsureInitialized(ref _index, () =>
    {
        var index = new Dictionary<string, int>(Places.Count, StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < Places.Count; i++)
        {
            index.TryAdd(Places[i], i);
        }
        return index;
    }).GetValueOrDefault(placeCode, -1);

    public Portrait? For(string placeCode) => IndexOf(placeCode) is var i and >= 0 ? For(i) : null;

    public IEnumerable<Portrait> All() => Enumerable.Range(0, Places.Count).Select(For);

    public Portrait For(int place)
    {
        var dimensions = new List<DimensionResult>(Definition.Dimensions.Count);
        var column = 0;
        for (var d = 0; d < Definition.Dimensions.Count; d++)
        {
            var dimension = Definition.Dimensions[d];
            var indicators = new List<IndicatorResult>(dimension.Indicators.Count);
            foreach (var indicator in dimension.Indicators)
            {
                var ratio = Ratios[column][place];
                var status = PortraitEngine.StatusOf(dimension.Ring, ratio);
                indicators.Add(new IndicatorResult
                {
                    Id = indicator.Id,
                    Name = indicator.Name,
                    IndicatorId = indicator.IndicatorId,
                    Normalisation = indicator.Normalisation,
                    Value = Present(Columns.ValueAt(column, place)),
                    ValueLower = Columns.Lower is { } lo ? Present(lo[column][place]) : null,
                    ValueUpper = Columns.Upper is { } up ? Present(up[column][place]) : null,
                    Unit = indicator.Unit,
                    Period = Columns.Periods?[column][place] ?? (double.IsNaN(ratio) ? null : Period),
                    Threshold = Thresholds[column],
                    LocalReason = LocalReasons[column],
                    Ratio = Present(ratio),
                    RatioLower = RatiosLower is { } rl ? Present(rl[column][place]) : null,
                    RatioUpper = RatiosUpper is { } ru ? Present(ru[column][place]) : null,
                    Status = status,
                    Size = double.IsNaN(ratio) ? null : PortraitEngine.SizeOf(dimension.Ring, ratio, Definition.Decimals),
                });
                column++;
            }
            dimensions.Add(new DimensionResult
            {
                Id = dimension.Id,
                Name = dimension.Name,
                Element = dimension.Element,
                Ring = dimension.Ring,
                Lenses = dimension.Lenses,
                Status = Statuses[d][place],
                Indicators = indicators,
                NoDataReason = dimension.NoDataReason,
            });
        }
        return new Portrait
        {
            DefinitionId = Definition.Id,
            PlaceCode = Places[place],
            Period = Period,
            Series = Series,
            Dimensions = dimensions,
            SocialAchieved = SocialAchieved[place],
            SocialWithData = SocialWithData[place],
            EcologicalTransgressed = EcologicalTransgressed[place],
            EcologicalWithData = EcologicalWithData[place],
        };
    }

    private static double? Present(double value) => double.IsNaN(value) ? null : value;
}

/// <summary>
/// The portrait rules of shared/reference/DOUGHNUT.md §3 as pure functions over columns. Ratios are rounded to the
/// definition's decimals (two for the national papers) before status is read; a social ratio of exactly 1 is
/// achieved, and an ecological boundary is transgressed only by a ratio strictly above 1. Counts take only the
/// dimensions with data.
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
        var (thresholds, reasons) = ApplyLocal(definition, localThresholds);
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
        var rules = RulesOf(definition, columns, ApplyLocal(definition, null).Thresholds);
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
    /// The unrounded ratio of one value (1 = the threshold). <paramref name="worst"/> is only read by
    /// min-max-to-threshold. NaN when the ratio is undefined (no value, or a threshold equal to the worst value).
    /// </summary>
    public static double Normalise(Normalisation normalisation, Ring ring, Polarity polarity, double value, PortraitThreshold? threshold, double worst = double.NaN) =>
        RatioRule.For(normalisation, ring, polarity, threshold, worst).Of(value);

    /// <summary>
    /// Half away from zero, as through <see cref="decimal"/>, so 0.995 rounds to 1.00 as the published tables do.
    /// Bit for bit what <c>(double)Math.Round((decimal)ratio, decimals, MidpointRounding.AwayFromZero)</c> gives.
    /// </summary>
    public static double Round(double ratio, int decimals) => new Rounding(decimals).Of(ratio);

    public static DimensionStatus StatusOf(Ring ring, double ratio) =>
        double.IsNaN(ratio) ? DimensionStatus.NoData
        : ring == Ring.Social ? (ratio >= 1 ? DimensionStatus.Within : DimensionStatus.Shortfall)
        : ratio > 1 ? DimensionStatus.Overshoot : DimensionStatus.Within;

    /// <summary>The shortfall (1 − ratio) or overshoot (ratio − 1) on the ratio scale; 0 when within.</summary>
    public static double SizeOf(Ring ring, double ratio, int decimals) =>
        StatusOf(ring, ratio) switch
        {
            DimensionStatus.Shortfall => Round(1 - ratio, decimals),
            DimensionStatus.Overshoot => Round(ratio - 1, decimals),
            _ => 0,
        };

    /// <summary>
    /// Every column's rounded ratios, as <see cref="Round"/> of <see cref="Normalise"/> gives them one at a time,
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

    /// <summary>
    /// Rounding half away from zero to a fixed number of decimals, bit for bit as through <see cref="decimal"/>
    /// (which first keeps 15 significant digits of the double), without going through it for almost every value:
    /// away from a rounding midpoint both give the nearest multiple of 10^−decimals, so only a value within a
    /// hair of a midpoint (where the two could part), whose result is zero (whose sign decimal drops) or too large
    /// to round in a double takes the decimal path.
    /// </summary>
    private readonly struct Rounding
    {
        // Far wider than the 15-significant-digit step decimal rounds to first (5·10^−15 relative) and than the few
        // units in the last place by which a ratio scaled in one step can differ from one divided then scaled, so a
        // value either might put on the other side of a midpoint is always left to decimal.
        public const double MidpointWindow = 1e-9;
        private const double TwoTo52 = 4503599627370496;

        private readonly int _decimals;
        private readonly double _limit;

        public Rounding(int decimals)
        {
            _decimals = decimals;
            // Outside 0…15 decimals everything goes through decimal: the scale would no longer be an exact double
            // or leave room for a fraction.
            var fast = decimals is >= 0 and <= 15;
            Scale = fast ? Math.Pow(10, decimals) : 1;
            // Scaled values from 2^52 up have no fraction left to round; ratios from 10^15 up decimal leaves alone.
            _limit = fast ? Math.Min(TwoTo52, 1e15 * Scale) : 0;
        }

        /// <summary>10^decimals: a ratio times this is rounded to a whole number.</summary>
        public double Scale { get; }

        /// <summary>Whether the decimals leave room for rounding in doubles at all; when not, every value goes through decimal.</summary>
        public bool Fast => _limit > 0;

        public double Of(double ratio)
        {
            var y = ratio * Scale;
            var whole = Math.Truncate(y);
            var fraction = Math.Abs(y - whole);
            var n = whole + (fraction >= 0.5 ? (y < 0 ? -1.0 : 1.0) : 0.0);
            return Math.Abs(y) >= _limit || Math.Abs(fraction - 0.5) <= Math.Abs(y) * MidpointWindow || n == 0
                ? ThroughDecimal(ratio)
                : n / Scale;
        }

        /// <summary>
        /// <see cref="Of(double)"/> of the ratios of a vector of <paramref name="values"/> under
        /// <paramref name="rule"/>, written to <paramref name="into"/>, from <paramref name="scaled"/>: those ratios
        /// times <see cref="Scale"/>, exact or to within a few units in the last place. The lanes the vector cannot
        /// settle are worked out again one at a time from the value.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Of(Vector<double> scaled, Vector<double> values, in RatioRule rule, ref double into)
        {
            var half = new Vector<double>(0.5);
            // Half with the sign of the scaled ratio: adding it and truncating rounds half away from zero, except
            // right at a midpoint, which the window below sends to decimal anyway.
            var signedHalf = half | (scaled & new Vector<double>(-0.0));
            var n = Vector.Truncate(scaled + signedHalf);
            var size = Vector.Abs(scaled);
            // Out of range includes ±∞; NaN, no data, compares false and stays NaN through the division.
            var slow = Vector.GreaterThanOrEqual(size, new Vector<double>(_limit))
                | Vector.GreaterThanOrEqual(Vector.Abs(scaled - n) + (size * new Vector<double>(MidpointWindow)), half)
                | Vector.Equals(n, Vector<double>.Zero);
            (n / new Vector<double>(Scale)).StoreUnsafe(ref into);
            if (slow != Vector<long>.Zero)
            {
                Patch(values, slow, rule, ref into);
            }
        }

        // Out of line: it runs for about one value in a million, and inlined it would crowd the loop it sits in.
        [MethodImpl(MethodImplOptions.NoInlining)]
        private void Patch(Vector<double> values, Vector<long> slow, in RatioRule rule, ref double into)
        {
            for (var i = 0; i < Vector<double>.Count; i++)
            {
                if (slow[i] != 0)
                {
                    Unsafe.Add(ref into, i) = Of(rule.Of(values[i]));
                }
            }
        }

        private double ThroughDecimal(double ratio) =>
            double.IsFinite(ratio) && Math.Abs(ratio) < 1e15 ? (double)Math.Round((decimal)ratio, _decimals, MidpointRounding.AwayFromZero) : ratio;
    }

    /// <summary>
    /// One indicator's normalisation with its threshold, polarity and worst value already read, so a column is
    /// turned into ratios by one loop that does the same arithmetic for every value.
    /// </summary>
    private readonly record struct RatioRule(RatioRule.Form Shape, double Origin, double Span)
    {
        public enum Form
        {
            /// <summary>No ratio can be read: no threshold, or a min–max scale of no length.</summary>
            Undefined,

            /// <summary>The value is the ratio.</summary>
            Published,

            /// <summary>value ÷ Span.</summary>
            Over,

            /// <summary>Span ÷ value, +∞ for a value of 0.</summary>
            Into,

            /// <summary>(value − Origin) ÷ Span.</summary>
            From,

            /// <summary>(Origin − value) ÷ Span.</summary>
            Below,
        }

        public static RatioRule For(Normalisation normalisation, Ring ring, Polarity polarity, PortraitThreshold? threshold, double worst)
        {
            if (normalisation == Normalisation.PublishedRatio)
            {
                return new(Form.Published, 0, 0);
            }
            if (threshold is null)
            {
                return new(Form.Undefined, 0, 0);
            }
            var t = threshold.Value;
            switch (normalisation)
            {
                case Normalisation.RatioToBoundary:
                    // Social ratios grow as things get better, ecological ones as they get worse, so a
                    // lower-is-better social value and a higher-is-better ecological one are turned round.
                    var turned = (ring == Ring.Social) == (polarity == Polarity.LowerIsBetter);
                    return new(turned ? Form.Into : Form.Over, 0, t);
                case Normalisation.BaselineAnchoredRatio:
                    var b = threshold.Baseline ?? double.NaN;
                    return new(Form.From, b, t - b);
                case Normalisation.MinMaxToThreshold:
                    return t == worst || double.IsNaN(worst) ? new(Form.Undefined, 0, 0) : new(Form.From, worst, t - worst);
                case Normalisation.ShareDeprived:
                    return new(Form.Below, 100, 100 - t);
                default:
                    return new(Form.Undefined, 0, 0);
            }
        }

        /// <summary>
        /// The same test as <see cref="Mark"/> for one indicator, turned round onto its values: the rounded ratio is
        /// worse than the threshold exactly when the value lies on one side of a point, or outside or inside an
        /// interval, whose ends are worked out once, so the values need no arithmetic at all. False when the
        /// rule has no such form here (no fast rounding, a factor or cut that is not an ordinary double, a
        /// division by a threshold that is not positive), and the caller marks the column instead.
        /// </summary>
        public bool TryCut(bool social, Rounding rounding, out Cut cut)
        {
            cut = default;
            if (!rounding.Fast)
            {
                return false;
            }
            var scale = rounding.Scale;
            // The edge and its window are Marked's, on the scale of ratio × scale.
            var edge = scale + (social ? -0.5 : 0.5);
            var window = 2 * edge * Rounding.MidpointWindow;
            if (Shape == Form.Into)
            {
                // y = span × scale ÷ value: negative below 0, +∞ at 0, falling from there, past the edge at
                // span × scale ÷ edge. A value within a relative hair of that point is left to the exact rounding:
                // there |dy/dvalue| is edge ÷ value, so the window above becomes window × value ÷ edge, doubled.
                var at = Span * scale / edge;
                if (!(Span > 0) || !double.IsFinite(Span) || !double.IsNormal(at))
                {
                    return false;
                }
                // Social: worse below 0 (a negative ratio) or beyond the point; ecological: worse from 0 (+∞ at 0) to the point.
                cut = new Cut(social ? Cut.Where.Outside : Cut.Where.Inside, 0, at, 2 * window * at / edge);
                return true;
            }
            var (origin, factor) = Shape switch
            {
                Form.Published => (0, scale),
                Form.Over => (0, scale / Span),
                Form.From => (Origin, scale / Span),
                Form.Below => (Origin, -scale / Span),
                _ => (double.NaN, double.NaN),
            };
            var point = origin + (edge / factor);
            if (!double.IsNormal(factor) || !double.IsFinite(origin) || !double.IsFinite(point))
            {
                return false;
            }
            // y = (value − origin) × factor crosses the edge at the point. Worse is below the edge on the social
            // ring and above it on the ecological one; a negative factor turns that round on the values. The
            // window is the edge's divided by the factor, doubled, with room for the point's own rounding.
            var below = social == factor > 0;
            var band = (2 * window / Math.Abs(factor)) + (1e-15 * (Math.Abs(origin) + Math.Abs(point)));
            cut = below
                ? new Cut(Cut.Where.Below, point, double.PositiveInfinity, band)
                : new Cut(Cut.Where.Above, double.NegativeInfinity, point, band);
            return true;
        }

        /// <summary>The exact, unrounded ratio of one value.</summary>
        public double Of(double value) => Shape switch
        {
            Form.Published => new Published().Of(value),
            Form.Over => new Over(Span).Of(value),
            Form.Into => new Into(Span).Of(value),
            Form.From => new From(Origin, Span).Of(value),
            Form.Below => new Below(Origin, Span).Of(value),
            _ => double.NaN,
        };

        /// <summary>Rounded ratios of <paramref name="values"/> into <paramref name="ratios"/>.</summary>
        public void Apply(ReadOnlySpan<double> values, Span<double> ratios, Rounding rounding)
        {
            var kernel = new Rounded(values, ratios, rounding);
            Run(ref kernel, rounding.Scale);
        }

        /// <summary>
        /// Takes each of <paramref name="values"/> into its slot of <paramref name="marks"/> (see
        /// <see cref="Compute"/>): −1 when its rounded ratio has data, −2 when that ratio is worse than the
        /// threshold (below 1 on the social ring, above 1 on the ecological), whichever is lower.
        /// </summary>
        public void Mark(ReadOnlySpan<double> values, bool social, Rounding rounding, Span<long> marks)
        {
            var kernel = new Marked(values, social, rounding, marks);
            Run(ref kernel, rounding.Scale);
        }

        /// <summary>Runs <paramref name="kernel"/> with the arithmetic of this rule's form.</summary>
        // Optimised from the first call, as the loops it picks: it runs once for every column of every chunk.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void Run<TKernel>(ref TKernel kernel, double scale)
            where TKernel : IKernel, allows ref struct
        {
            // The three forms that divide by a constant are scaled by one multiplication instead (a division
            // takes several times as long); below-the-origin is from-the-origin with the factor turned round. Only
            // a factor that is an ordinary double keeps the product within a few units in the last place of the
            // division's.
            var factor = Shape switch { Form.Over or Form.From => scale / Span, Form.Below => -scale / Span, _ => double.NaN };
            switch (Shape)
            {
                case Form.Published: kernel.Run(new Exact<Published>(default, scale), this); break;
                case Form.Into: kernel.Run(new Exact<Into>(new(Span), scale), this); break;
                case Form.Over or Form.From or Form.Below when double.IsNormal(factor):
                    kernel.Run(new Affine(Shape == Form.Over ? 0 : Origin, factor), this);
                    break;
                case Form.Over: kernel.Run(new Exact<Over>(new(Span), scale), this); break;
                case Form.From: kernel.Run(new Exact<From>(new(Origin, Span), scale), this); break;
                case Form.Below: kernel.Run(new Exact<Below>(new(Origin, Span), scale), this); break;
                default: kernel.Undefined(); break;
            }
        }

        /// <summary>A loop over a column, compiled once per form of the arithmetic, which the JIT then inlines into it.</summary>
        private interface IKernel
        {
            void Run<TScaled>(TScaled scaled, in RatioRule rule)
                where TScaled : struct, IScaled;

            /// <summary>No value has a ratio.</summary>
            void Undefined();
        }

        private readonly ref struct Rounded(ReadOnlySpan<double> values, Span<double> ratios, Rounding rounding) : IKernel
        {
            private readonly ReadOnlySpan<double> _values = values;
            private readonly Span<double> _ratios = ratios;

            // Optimised from the first call: a whole set of places goes through it in a few calls.
            [MethodImpl(MethodImplOptions.AggressiveOptimization)]
            public void Run<TScaled>(TScaled scaled, in RatioRule rule)
                where TScaled : struct, IScaled
            {
                ref var v = ref MemoryMarshal.GetReference(_values);
                ref var r = ref MemoryMarshal.GetReference(_ratios);
                var p = 0;
                if (Vector.IsHardwareAccelerated && rounding.Fast)
                {
                    for (; p <= _values.Length - Vector<double>.Count; p += Vector<double>.Count)
                    {
                        var value = Vector.LoadUnsafe(ref v, (nuint)p);
                        rounding.Of(scaled.Of(value), value, rule, ref Unsafe.Add(ref r, p));
                    }
                }
                for (; p < _values.Length; p++)
                {
                    Unsafe.Add(ref r, p) = rounding.Of(rule.Of(Unsafe.Add(ref v, p)));
                }
            }

            public void Undefined() => _ratios.Fill(double.NaN);
        }

        private readonly ref struct Marked(ReadOnlySpan<double> values, bool social, Rounding rounding, Span<long> marks) : IKernel
        {
            private readonly ReadOnlySpan<double> _values = values;
            private readonly Span<long> _marks = marks;

            // The rounded ratio is below 1 exactly when the ratio times the scale is below scale − ½, and above 1
            // exactly when it is at or above scale + ½ (half rounds away from zero), so the status is read by one
            // comparison, without rounding. Only a value within a hair of that edge (twice the rounding's window
            // about it) is rounded, exactly, after the loop, so the loop itself makes no call.
            [MethodImpl(MethodImplOptions.AggressiveOptimization)]
            public void Run<TScaled>(TScaled scaled, in RatioRule rule)
                where TScaled : struct, IScaled
            {
                ref var v = ref MemoryMarshal.GetReference(_values);
                ref var m = ref MemoryMarshal.GetReference(_marks);
                var p = 0;
                if (Vector.IsHardwareAccelerated && rounding.Fast)
                {
                    var (edge, band) = Edge();
                    var anyNear = Vector<long>.Zero;
                    for (; p <= _values.Length - Vector<double>.Count; p += Vector<double>.Count)
                    {
                        var at = (nuint)p;
                        var y = scaled.Of(Vector.LoadUnsafe(ref v, at));
                        var worse = social ? Vector.LessThan(y, edge) : Vector.GreaterThanOrEqual(y, edge);
                        var near = Vector.LessThanOrEqual(Vector.Abs(y - edge), band);
                        // Has data (NaN is the only value not equal to itself) plus worse: 0, −1 or −2.
                        var mark = Vector.AndNot(Vector.Equals(y, y) + worse, near);
                        Vector.Min(Vector.LoadUnsafe(ref m, at), mark).StoreUnsafe(ref m, at);
                        anyNear |= near;
                    }
                    if (anyNear != Vector<long>.Zero)
                    {
                        Settle(scaled, rule, p);
                    }
                }
                for (; p < _values.Length; p++)
                {
                    Exactly(rule, p);
                }
            }

            private (Vector<double> Edge, Vector<double> Band) Edge()
            {
                var edge = rounding.Scale + (social ? -0.5 : 0.5);
                return (new Vector<double>(edge), new Vector<double>(2 * edge * Rounding.MidpointWindow));
            }

            /// <summary>The values before <paramref name="end"/> that were too near the edge to mark, rounded exactly.</summary>
            [MethodImpl(MethodImplOptions.NoInlining)]
            private void Settle<TScaled>(TScaled scaled, in RatioRule rule, int end)
                where TScaled : struct, IScaled
            {
                var (edge, band) = Edge();
                for (var p = 0; p < end; p += Vector<double>.Count)
                {
                    var y = scaled.Of(Vector.LoadUnsafe(ref MemoryMarshal.GetReference(_values), (nuint)p));
                    var near = Vector.LessThanOrEqual(Vector.Abs(y - edge), band);
                    for (var i = 0; i < Vector<long>.Count; i++)
                    {
                        if (near[i] != 0)
                        {
                            Exactly(rule, p + i);
                        }
                    }
                }
            }

            private void Exactly(in RatioRule rule, int p)
            {
                var ratio = rounding.Of(rule.Of(_values[p]));
                var mark = MarkOf(ratio, social);
                _marks[p] = Math.Min(_marks[p], mark);
            }

            public void Undefined()
            {
            }
        }

        /// <summary>Ratios times the rounding scale, for a vector of values.</summary>
        private interface IScaled
        {
            Vector<double> Of(Vector<double> values);
        }

        /// <summary>(value − origin) × factor, factor = ±scale ÷ span: within a few units in the last place of the exact ratio × scale.</summary>
        private readonly struct Affine(double origin, double factor) : IScaled
        {
            public Vector<double> Of(Vector<double> values) => (values - new Vector<double>(origin)) * new Vector<double>(factor);
        }

        /// <summary>The exact ratio times the scale: the same two roundings as ratio, then scaled value, one at a time.</summary>
        private readonly struct Exact<TArithmetic>(TArithmetic arithmetic, double scale) : IScaled
            where TArithmetic : struct, IArithmetic
        {
            public Vector<double> Of(Vector<double> values) => arithmetic.Of(values) * new Vector<double>(scale);
        }

        // Each form once, for one value and for a vector of them; a missing value (NaN) stays NaN through every one.
        private interface IArithmetic
        {
            double Of(double value);
            Vector<double> Of(Vector<double> values);
        }

        private readonly struct Published : IArithmetic
        {
            public double Of(double value) => value;
            public Vector<double> Of(Vector<double> values) => values;
        }

        private readonly struct Over(double span) : IArithmetic
        {
            public double Of(double value) => value / span;
            public Vector<double> Of(Vector<double> values) => values / new Vector<double>(span);
        }

        private readonly struct Into(double span) : IArithmetic
        {
            public double Of(double value) => value == 0 ? double.PositiveInfinity : span / value;

            public Vector<double> Of(Vector<double> values) =>
                Vector.ConditionalSelect(Vector.Equals(values, Vector<double>.Zero), new Vector<double>(double.PositiveInfinity), new Vector<double>(span) / values);
        }

        private readonly struct From(double origin, double span) : IArithmetic
        {
            public double Of(double value) => (value - origin) / span;
            public Vector<double> Of(Vector<double> values) => (values - new Vector<double>(origin)) / new Vector<double>(span);
        }

        private readonly struct Below(double origin, double span) : IArithmetic
        {
            public double Of(double value) => (origin - value) / span;
            public Vector<double> Of(Vector<double> values) => (new Vector<double>(origin) - values) / new Vector<double>(span);
        }
    }

    /// <summary>
    /// One indicator's test on its values (see <see cref="RatioRule.TryCut"/>): worse when the value is below
    /// <see cref="Low"/>, above <see cref="High"/>, either, or between them, as <see cref="Side"/> says; a value
    /// within <see cref="Band"/> of <see cref="Edge"/> is too near the threshold to be told apart from it this way.
    /// </summary>
    private readonly record struct Cut(Cut.Where Side, double Low, double High, double Band)
    {
        public enum Where
        {
            Below,
            Above,
            Outside,

            /// <summary>From <see cref="Low"/> (included) to <see cref="High"/>.</summary>
            Inside,
        }

        /// <summary>
        /// Whether the vector loop leaves this value out as near: where its two comparisons (the edge moved out by
        /// the band and in by it) differ, so exactly the same values.
        /// </summary>
        /// <summary>The end the threshold sits at: the other is infinite, or 0 (where a ratio turns from −∞ to +∞, never near 1).</summary>
        public double Edge => Side == Where.Below ? Low : High;

        public bool Near(double value) => Side is Where.Below or Where.Inside
            ? value >= Edge - Band && value < Edge + Band
            : value > Edge - Band && value <= Edge + Band;
    }

    /// <summary>
    /// A plan for counting each dimension of up to three indicators together, made from one part per indicator
    /// with a ratio (an indicator with none never gives its dimension data, so it is left out); null for a
    /// dimension where some indicator gives no part or there are more than three, and null for all when vectors
    /// are not accelerated.
    /// </summary>
    private static TPlan?[]? PlanDimensions<TPart, TPlan>(PortraitDefinition definition, RatioRule[] rules, Func<int, bool, TPart?> part,
        Func<bool, int[], TPart[], TPlan> plan)
        where TPart : struct
        where TPlan : class
    {
        if (!Vector.IsHardwareAccelerated)
        {
            return null;
        }
        var plans = new TPlan?[definition.Dimensions.Count];
        var column = 0;
        for (var d = 0; d < plans.Length; d++)
        {
            var dimension = definition.Dimensions[d];
            var social = dimension.Ring == Ring.Social;
            var indices = new List<int>();
            var parts = new List<TPart>();
            var ok = true;
            for (var k = 0; k < dimension.Indicators.Count; k++, column++)
            {
                if (rules[column].Shape == RatioRule.Form.Undefined)
                {
                    continue;
                }
                if (ok && part(column, social) is { } taken)
                {
                    indices.Add(column);
                    parts.Add(taken);
                }
                else
                {
                    ok = false;
                }
            }
            plans[d] = ok && indices.Count <= 3 ? plan(social, [.. indices], [.. parts]) : null;
        }
        return plans;
    }

    /// <summary>
    /// One dimension of up to three indicators counted straight off its values: each indicator's test is a
    /// comparison or two (<see cref="Cut"/>), the dimension's status is the indicators' taken together in
    /// registers, and the counts are added straight into the per-place counts, so a place's values are read once, with no
    /// ratio, mark or status written anywhere. Written for the counts a scatter or a map needs over tens of
    /// thousands of places; it gives exactly what <see cref="Read"/> does through marks.
    /// </summary>
    private sealed class FusedDimension
    {
        private readonly bool _social;
        private readonly int[] _columns;
        private readonly double[][] _values;
        private readonly Cut[] _cuts;

        private FusedDimension(bool social, int[] columns, double[][] values, Cut[] cuts)
        {
            _social = social;
            _columns = columns;
            _values = values;
            _cuts = cuts;
        }

        /// <summary>Per dimension, its fused counting, or null where a column has no <see cref="Cut"/>, is compacted, or there are more than three.</summary>
        public static FusedDimension?[]? Plan(PortraitDefinition definition, PortraitColumns columns, RatioRule[] rules, Rounding rounding) =>
            PlanDimensions(definition, rules, (column, social) =>
                // It reads whole columns of doubles: one held as whole numbers that UnitDimension could not count
                // is marked instead, a chunk at a time.
                columns.Filled(column) is { } filled && rules[column].TryCut(social, rounding, out var cut) ? (filled, cut) : ((double[], Cut)?)null,
                (social, indices, parts) => new FusedDimension(social, indices, [.. parts.Select(x => x.Item1)], [.. parts.Select(x => x.Item2)]));

        public void Count(RatioRule[] rules, Rounding rounding, int start, int length, int[][] counts)
        {
            if (_columns.Length == 0)
            {
                return;
            }
            var withData = counts[_social ? 1 : 3].AsSpan(start, length);
            var counted = counts[_social ? 0 : 2].AsSpan(start, length);
            // A dimension of one or two indicators reads its first again in the empty places: a test or'd with
            // itself gives the same.
            var at = new Columns(this, start, withData, counted);
            var p = Pick(at, _cuts[0], _cuts[Math.Min(1, _cuts.Length - 1)], _cuts[^1], length);
            if (p < 0)
            {
                p = ~p;
                Settle(rules, rounding, start, 0, p, withData, counted, near: true);
            }
            Settle(rules, rounding, start, p, length, withData, counted, near: false);
        }

        private readonly ref struct Columns(FusedDimension plan, int start, Span<int> withData, Span<int> counted)
        {
            public readonly ref int WithData = ref MemoryMarshal.GetReference(withData);
            public readonly ref int Counted = ref MemoryMarshal.GetReference(counted);
            public readonly ref double V0 = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(plan._values[0]), start);
            public readonly ref double V1 = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(plan._values[Math.Min(1, plan._values.Length - 1)]), start);
            public readonly ref double V2 = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(plan._values[^1]), start);
            public readonly bool Social = plan._social;
        }

        // Each indicator's test is picked once per call, so the loop is compiled for the three tests it runs
        // (two comparisons for most) rather than testing for which to run.
        private static int Pick(in Columns at, in Cut c0, in Cut c1, in Cut c2, int length) => c0.Side switch
        {
            Cut.Where.Below => Pick<Below>(at, c0, c1, c2, length),
            Cut.Where.Above => Pick<Above>(at, c0, c1, c2, length),
            Cut.Where.Outside => Pick<Outside>(at, c0, c1, c2, length),
            _ => Pick<Inside>(at, c0, c1, c2, length),
        };

        private static int Pick<T0>(in Columns at, in Cut c0, in Cut c1, in Cut c2, int length)
            where T0 : struct, ISide => c1.Side switch
            {
                Cut.Where.Below => Pick<T0, Below>(at, c0, c1, c2, length),
                Cut.Where.Above => Pick<T0, Above>(at, c0, c1, c2, length),
                Cut.Where.Outside => Pick<T0, Outside>(at, c0, c1, c2, length),
                _ => Pick<T0, Inside>(at, c0, c1, c2, length),
            };

        private static int Pick<T0, T1>(in Columns at, in Cut c0, in Cut c1, in Cut c2, int length)
            where T0 : struct, ISide
            where T1 : struct, ISide => c2.Side switch
            {
                Cut.Where.Below => Run<T0, T1, Below>(at, c0, c1, c2, length),
                Cut.Where.Above => Run<T0, T1, Above>(at, c0, c1, c2, length),
                Cut.Where.Outside => Run<T0, T1, Outside>(at, c0, c1, c2, length),
                _ => Run<T0, T1, Inside>(at, c0, c1, c2, length),
            };

        /// <summary>
        /// The vector loop: counts every place of the chunk but those with a value near an edge, and returns where
        /// it stopped, or its complement when some place was left out as near (<see cref="Settle"/> counts those).
        /// </summary>
        // Compiled on its own, so fully from the first call: inlined, it would be compiled as its caller is, tier by tier.
        [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
        private static int Run<T0, T1, T2>(in Columns at, Cut c0, Cut c1, Cut c2, int length)
            where T0 : struct, ISide
            where T1 : struct, ISide
            where T2 : struct, ISide
        {
            // Each test is two comparisons, with the edge moved out by the band and in by it: worse for certain,
            // and worse unless near. The lanes where the two differ are near. Everything the loop reads but the
            // values is in locals, so the JIT can keep it in registers.
            var (sure0, maybe0) = T0.Edges(c0);
            var (sure1, maybe1) = T1.Edges(c1);
            var (sure2, maybe2) = T2.Edges(c2);
            ref var v0 = ref at.V0;
            ref var v1 = ref at.V1;
            ref var v2 = ref at.V2;
            ref var w = ref at.WithData;
            ref var c = ref at.Counted;
            var social = at.Social;
            var anyNear = Vector<long>.Zero;
            var width = Vector<double>.Count;
            var p = 0;
            // Two vectors of places at a time, so their 64-bit masks narrow to one vector of 32-bit counts. A
            // comparison gives all bits set (−1) for true, so subtracting it counts one.
            for (; p <= length - (2 * width); p += 2 * width)
            {
                var i = (nuint)p;
                var j = (nuint)(p + width);
                var x0 = Vector.LoadUnsafe(ref v0, i);
                var x1 = Vector.LoadUnsafe(ref v1, i);
                var x2 = Vector.LoadUnsafe(ref v2, i);
                var y0 = Vector.LoadUnsafe(ref v0, j);
                var y1 = Vector.LoadUnsafe(ref v1, j);
                var y2 = Vector.LoadUnsafe(ref v2, j);
                var badX = T0.Worse(x0, sure0) | T1.Worse(x1, sure1) | T2.Worse(x2, sure2);
                var badY = T0.Worse(y0, sure0) | T1.Worse(y1, sure1) | T2.Worse(y2, sure2);
                var nearX = (T0.Worse(x0, maybe0) ^ T0.Worse(x0, sure0)) | (T1.Worse(x1, maybe1) ^ T1.Worse(x1, sure1)) | (T2.Worse(x2, maybe2) ^ T2.Worse(x2, sure2));
                var nearY = (T0.Worse(y0, maybe0) ^ T0.Worse(y0, sure0)) | (T1.Worse(y1, maybe1) ^ T1.Worse(y1, sure1)) | (T2.Worse(y2, maybe2) ^ T2.Worse(y2, sure2));
                // NaN, no data, is the only value not equal to itself, and fails every test. A place with a value
                // near its edge is left out here.
                var anyX = Vector.AndNot(Vector.Equals(x0, x0) | Vector.Equals(x1, x1) | Vector.Equals(x2, x2), nearX);
                var anyY = Vector.AndNot(Vector.Equals(y0, y0) | Vector.Equals(y1, y1) | Vector.Equals(y2, y2), nearY);
                (Vector.LoadUnsafe(ref w, i) - Vector.Narrow(anyX, anyY)).StoreUnsafe(ref w, i);
                var counted = social ? Vector.Narrow(Vector.AndNot(anyX, badX), Vector.AndNot(anyY, badY)) : Vector.Narrow(anyX & badX, anyY & badY);
                (Vector.LoadUnsafe(ref c, i) - counted).StoreUnsafe(ref c, i);
                anyNear |= nearX | nearY;
            }
            return anyNear == Vector<long>.Zero ? p : ~p;
        }

        /// <summary>Which side of its edge (or edges) an indicator is worse on; an edge is its cut moved by the band.</summary>
        private interface ISide
        {
            /// <summary>The cut's edges moved out by its band (worse for certain) and in by it (worse unless near).</summary>
            static abstract ((Vector<double>, Vector<double>) Sure, (Vector<double>, Vector<double>) Maybe) Edges(Cut cut);

            static abstract Vector<long> Worse(Vector<double> x, (Vector<double> Low, Vector<double> High) edges);
        }

        private readonly struct Below : ISide
        {
            public static ((Vector<double>, Vector<double>), (Vector<double>, Vector<double>)) Edges(Cut cut) =>
                ((new(cut.Low - cut.Band), default), (new(cut.Low + cut.Band), default));

            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            public static Vector<long> Worse(Vector<double> x, (Vector<double> Low, Vector<double> High) edges) => Vector.LessThan(x, edges.Low);
        }

        private readonly struct Above : ISide
        {
            public static ((Vector<double>, Vector<double>), (Vector<double>, Vector<double>)) Edges(Cut cut) =>
                ((default, new(cut.High + cut.Band)), (default, new(cut.High - cut.Band)));

            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            public static Vector<long> Worse(Vector<double> x, (Vector<double> Low, Vector<double> High) edges) => Vector.GreaterThan(x, edges.High);
        }

        /// <summary>Below the low end (0, which is never near) or above the high one.</summary>
        private readonly struct Outside : ISide
        {
            public static ((Vector<double>, Vector<double>), (Vector<double>, Vector<double>)) Edges(Cut cut) =>
                ((new(cut.Low), new(cut.High + cut.Band)), (new(cut.Low), new(cut.High - cut.Band)));

            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            public static Vector<long> Worse(Vector<double> x, (Vector<double> Low, Vector<double> High) edges) =>
                Vector.LessThan(x, edges.Low) | Vector.GreaterThan(x, edges.High);
        }

        /// <summary>From the low end (0, never near) up to the high one.</summary>
        private readonly struct Inside : ISide
        {
            public static ((Vector<double>, Vector<double>), (Vector<double>, Vector<double>)) Edges(Cut cut) =>
                ((new(cut.Low), new(cut.High - cut.Band)), (new(cut.Low), new(cut.High + cut.Band)));

            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            public static Vector<long> Worse(Vector<double> x, (Vector<double> Low, Vector<double> High) edges) =>
                Vector.GreaterThanOrEqual(x, edges.Low) & Vector.LessThan(x, edges.High);
        }

        /// <summary>
        /// Places <paramref name="from"/> to <paramref name="to"/> of the chunk counted one at a time through the
        /// exact rounding (only those with a value near an edge, when <paramref name="near"/>: the loop left them out).
        /// </summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        private void Settle(RatioRule[] rules, Rounding rounding, int start, int from, int to, Span<int> withData, Span<int> counted, bool near)
        {
            for (var p = from; p < to; p++)
            {
                if (near && !IsNear(start + p))
                {
                    continue;
                }
                var mark = 0;
                for (var k = 0; k < _columns.Length; k++)
                {
                    var ratio = rounding.Of(rules[_columns[k]].Of(_values[k][start + p]));
                    mark = Math.Min(mark, MarkOf(ratio, _social));
                }
                if (mark != 0)
                {
                    withData[p]++;
                    if ((mark == -2) != _social)
                    {
                        counted[p]++;
                    }
                }
            }
        }

        private bool IsNear(int place)
        {
            for (var k = 0; k < _columns.Length; k++)
            {
                if (_cuts[k].Near(_values[k][place]))
                {
                    return true;
                }
            }
            return false;
        }
    }

    private static (PortraitThreshold?[] Thresholds, string?[] Reasons) ApplyLocal(PortraitDefinition definition, IReadOnlyDictionary<string, ThresholdOverride>? local)
    {
        var indicators = definition.Indicators;
        var thresholds = indicators.Select(i => i.Threshold).ToArray();
        var reasons = new string?[indicators.Count];
        if (local is null || local.Count == 0)
        {
            return (thresholds, reasons);
        }
        foreach (var (key, value) in local)
        {
            var slash = key.IndexOf('/');
            var dimensionId = slash < 0 ? key : key[..slash];
            var indicatorId = slash < 0 ? null : key[(slash + 1)..];
            var column = 0;
            var matched = false;
            foreach (var dimension in definition.Dimensions)
            {
                foreach (var indicator in dimension.Indicators)
                {
                    if (dimension.Id == dimensionId && (indicatorId is null || indicator.Id == indicatorId))
                    {
                        if (indicator.Normalisation == Normalisation.PublishedRatio)
                        {
                            throw new ArgumentException($"'{key}': {definition.Id} publishes ratios, not values, so a local threshold cannot be applied.", nameof(local));
                        }
                        if (string.IsNullOrWhiteSpace(value.Reason))
                        {
                            throw new ArgumentException($"'{key}': a local threshold needs a reason.", nameof(local));
                        }
                        var original = indicator.Threshold!;
                        thresholds[column] = original with { Value = value.Value, Source = "Set locally", Rationale = value.Reason };
                        reasons[column] = value.Reason;
                        matched = true;
                    }
                    column++;
                }
            }
            if (!matched)
            {
                throw new ArgumentException($"'{key}' names no dimension (or dimension/indicator) with indicators in {definition.Id}.", nameof(local));
            }
        }
        return (thresholds, reasons);
    }
}
