using System.Numerics;
using System.Runtime.CompilerServices;

namespace Observatory.Portraits.Engine;

public static partial class PortraitEngine
{
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
}
