using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Observatory.Portraits.Engine;

public static partial class PortraitEngine
{
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
}
