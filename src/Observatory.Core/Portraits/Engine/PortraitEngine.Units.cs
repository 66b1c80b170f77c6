using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Observatory.Indicators;

namespace Observatory.Portraits.Engine;

// The counts read straight off columns held as whole numbers (PortraitColumns.Compact): half the bytes of doubles,
// and no value is ever near its threshold, because the whole number where the rounded ratio turns is found once,
// by the exact rule, so every comparison is exact.
public static partial class PortraitEngine
{
    /// <summary>The lowest value with data (the highest when lower is better) of a compacted column; NaN when none has any.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double Worst(ScaledColumn column, Polarity polarity)
    {
        var highest = polarity == Polarity.LowerIsBetter;
        var units = column.Units;
        // No data is the lowest int, so it never wins a maximum; for a minimum it is swapped for the highest, which no value is.
        var never = highest ? int.MinValue : int.MaxValue;
        var worst = never;
        var p = 0;
        if (Vector.IsHardwareAccelerated && units.Length >= Vector<int>.Count)
        {
            var none = new Vector<int>(ScaledColumn.NoData);
            var best = new Vector<int>(never);
            for (; p <= units.Length - Vector<int>.Count; p += Vector<int>.Count)
            {
                var x = Vector.LoadUnsafe(ref units[p]);
                best = highest ? Vector.Max(best, x) : Vector.Min(best, Vector.ConditionalSelect(Vector.Equals(x, none), best, x));
            }
            for (var i = 0; i < Vector<int>.Count; i++)
            {
                worst = highest ? Math.Max(worst, best[i]) : Math.Min(worst, best[i]);
            }
        }
        for (; p < units.Length; p++)
        {
            var x = units[p];
            if (x != ScaledColumn.NoData)
            {
                worst = highest ? Math.Max(worst, x) : Math.Min(worst, x);
            }
        }
        // A compacted column holds no −0, so which zero was first does not arise.
        return worst == never ? double.NaN : column.ValueOf(worst);
    }

    /// <summary>
    /// One indicator's test on whole numbers k: worse exactly when ((k &lt; Low) or (k &gt; High)), turned round when
    /// <see cref="Invert"/> is −1, for every k that is not <see cref="ScaledColumn.NoData"/>.
    /// </summary>
    private readonly record struct UnitCut(int Low, int High, int Invert)
    {
        // Past every whole number a compacted column holds, either way.
        private const long Beyond = 2L * ScaledColumn.Largest;

        // A threshold whose window spans more whole numbers than this is left to the doubles (far more than any
        // real one: the window is a relative 10^−9 or so of the threshold).
        private const int WidestWindow = 64;

        public bool Worse(int k) => ((k < Low) | (k > High)) != (Invert != 0);

        /// <summary>
        /// The same test as <paramref name="cut"/> on the values, on their whole numbers. Outside the cut's band
        /// its comparisons are exact; inside it (a few whole numbers at most) each is put through the exact rule
        /// (<see cref="Rounding.Of(double)"/> of the ratio) to find where the test turns. False when it cannot be
        /// done so (a band too wide, or a test that does not turn once across it), and the caller reads doubles.
        /// </summary>
        public static bool TryFrom(Cut cut, in RatioRule rule, Rounding rounding, bool social, double scale, out UnitCut unit)
        {
            unit = default;
            var from = Math.Floor((cut.Edge - cut.Band) * scale) - 1;
            var to = Math.Ceiling((cut.Edge + cut.Band) * scale) + 1;
            if (!(Math.Abs(from) <= 1e15 && Math.Abs(to) <= 1e15 && to - from <= WidestWindow))
            {
                return false;
            }
            // Two-sided tests have their low end at 0 exactly, where k < 0 is value < 0; the turn is above it.
            var twoSided = cut.Side is Cut.Where.Outside or Cut.Where.Inside;
            var first = twoSided ? Math.Max((long)from, 0) : (long)from;
            var last = (long)to;
            // A local function cannot capture an in parameter, so it reads a copy.
            var copy = rule;
            bool WorseAt(long k) => MarkOf(rounding.Of(copy.Of(k / scale)), social) == -2;
            var start = WorseAt(first);
            // Below and Inside are worse before the turn, Above and Outside after it.
            if (start != (cut.Side is Cut.Where.Below or Cut.Where.Inside) || WorseAt(last) == start)
            {
                return false;
            }
            var turn = first + 1;
            while (WorseAt(turn) == start)
            {
                turn++;
            }
            for (var k = turn + 1; k <= last; k++)
            {
                if (WorseAt(k) == start)
                {
                    return false;
                }
            }
            var low = (int)Math.Clamp(turn, -Beyond, Beyond);
            var high = (int)Math.Clamp(turn - 1, -Beyond, Beyond);
            unit = cut.Side switch
            {
                Cut.Where.Below => new UnitCut(low, int.MaxValue, 0),
                Cut.Where.Above => new UnitCut(int.MinValue, high, 0),
                Cut.Where.Outside => new UnitCut(0, high, 0),
                _ => new UnitCut(0, high, -1),
            };
            return true;
        }
    }

    /// <summary>
    /// One dimension of up to three indicators, every one held as whole numbers, counted straight off them: the
    /// same counts <see cref="Read"/> gives through marks, each indicator's test two integer comparisons.
    /// </summary>
    private sealed class UnitDimension
    {
        private readonly bool _social;
        private readonly int[][] _units;
        private readonly UnitCut[] _cuts;

        private UnitDimension(bool social, int[][] units, UnitCut[] cuts)
        {
            _social = social;
            _units = units;
            _cuts = cuts;
        }

        /// <summary>Per dimension, its counting off whole numbers, or null where a column is not held so, has no exact test, or there are more than three.</summary>
        public static UnitDimension?[]? Plan(PortraitDefinition definition, PortraitColumns columns, RatioRule[] rules, Rounding rounding) =>
            PlanDimensions(definition, rules, (column, social) =>
                columns.Scaled(column) is { } held && rules[column].TryCut(social, rounding, out var cut)
                    && UnitCut.TryFrom(cut, rules[column], rounding, social, held.Scale, out var unit) ? (held.Units, unit) : ((int[], UnitCut)?)null,
                (social, _, parts) => new UnitDimension(social, [.. parts.Select(x => x.Item1)], [.. parts.Select(x => x.Item2)]));

        public void Count(int start, int length, int[][] counts)
        {
            if (_units.Length == 0)
            {
                return;
            }
            var withData = counts[_social ? 1 : 3].AsSpan(start, length);
            var counted = counts[_social ? 0 : 2].AsSpan(start, length);
            // A dimension of one or two indicators reads its first again: a test or'd with itself gives the same.
            var second = Math.Min(1, _units.Length - 1);
            Run(_units[0].AsSpan(start, length), _units[second].AsSpan(start, length), _units[^1].AsSpan(start, length),
                _cuts[0], _cuts[second], _cuts[^1], _social, withData, counted);
        }

        // Compiled on its own, so fully from the first call.
        [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
        private static void Run(ReadOnlySpan<int> u0, ReadOnlySpan<int> u1, ReadOnlySpan<int> u2, UnitCut c0, UnitCut c1, UnitCut c2,
            bool social, Span<int> withData, Span<int> counted)
        {
            var length = withData.Length;
            ref var k0 = ref MemoryMarshal.GetReference(u0);
            ref var k1 = ref MemoryMarshal.GetReference(u1);
            ref var k2 = ref MemoryMarshal.GetReference(u2);
            ref var w = ref MemoryMarshal.GetReference(withData);
            ref var c = ref MemoryMarshal.GetReference(counted);
            // Everything the loop reads but the whole numbers is in locals, so the JIT can keep it in registers.
            var none = new Vector<int>(ScaledColumn.NoData);
            var (low0, high0, invert0) = (new Vector<int>(c0.Low), new Vector<int>(c0.High), new Vector<int>(c0.Invert));
            var (low1, high1, invert1) = (new Vector<int>(c1.Low), new Vector<int>(c1.High), new Vector<int>(c1.Invert));
            var (low2, high2, invert2) = (new Vector<int>(c2.Low), new Vector<int>(c2.High), new Vector<int>(c2.Invert));
            var width = Vector<int>.Count;
            var p = 0;
            // A comparison gives all bits set (−1) for true, so subtracting it counts one.
            for (; p <= length - width; p += width)
            {
                var i = (nuint)p;
                var x0 = Vector.LoadUnsafe(ref k0, i);
                var x1 = Vector.LoadUnsafe(ref k1, i);
                var x2 = Vector.LoadUnsafe(ref k2, i);
                var e0 = Vector.Equals(x0, none);
                var e1 = Vector.Equals(x1, none);
                var e2 = Vector.Equals(x2, none);
                // A test on no data is never worse.
                var bad = Vector.AndNot((Vector.LessThan(x0, low0) | Vector.GreaterThan(x0, high0)) ^ invert0, e0)
                    | Vector.AndNot((Vector.LessThan(x1, low1) | Vector.GreaterThan(x1, high1)) ^ invert1, e1)
                    | Vector.AndNot((Vector.LessThan(x2, low2) | Vector.GreaterThan(x2, high2)) ^ invert2, e2);
                var any = Vector.OnesComplement(e0 & e1 & e2);
                (Vector.LoadUnsafe(ref w, i) - any).StoreUnsafe(ref w, i);
                (Vector.LoadUnsafe(ref c, i) - (social ? Vector.AndNot(any, bad) : bad)).StoreUnsafe(ref c, i);
            }
            for (; p < length; p++)
            {
                var (x0, x1, x2) = (u0[p], u1[p], u2[p]);
                if (x0 == ScaledColumn.NoData && x1 == ScaledColumn.NoData && x2 == ScaledColumn.NoData)
                {
                    continue;
                }
                var bad = (x0 != ScaledColumn.NoData && c0.Worse(x0)) || (x1 != ScaledColumn.NoData && c1.Worse(x1)) || (x2 != ScaledColumn.NoData && c2.Worse(x2));
                withData[p]++;
                if (bad != social)
                {
                    counted[p]++;
                }
            }
        }
    }
}
