using System.Numerics;
using System.Runtime.InteropServices;

namespace Observatory.Portraits.Engine;

/// <summary>
/// A column of values held as whole numbers of 10^−<see cref="Decimals"/> (12.3 as 123 at one decimal): four bytes
/// a value in place of eight, and exactly the same doubles back. Published statistics carry a fixed number of
/// decimals (the ELS file gives most to one or two), so most columns can be held this way; a column with a value
/// the whole numbers cannot give back to the bit (more decimals, −0, ±∞, or too large) stays as doubles.
/// </summary>
internal sealed class ScaledColumn
{
    /// <summary>The whole number that stands for no value.</summary>
    public const int NoData = int.MinValue;

    /// <summary>
    /// The largest whole number held, well inside an int, so a threshold's whole number can always be set one
    /// past every value (see <c>PortraitEngine.UnitCut</c>) and a value can never be mistaken for <see cref="NoData"/>.
    /// </summary>
    public const int Largest = 999_999_999;

    private static readonly double[] PowersOfTen = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];

    private ScaledColumn(int[] units, int decimals)
    {
        Units = units;
        Decimals = decimals;
        Scale = PowersOfTen[decimals];
    }

    /// <summary>One whole number a place; <see cref="NoData"/> where there is no value.</summary>
    public int[] Units { get; }

    public int Decimals { get; }

    /// <summary>10^<see cref="Decimals"/>: a value is its whole number divided by this.</summary>
    public double Scale { get; }

    /// <summary>
    /// The value a whole number stands for: the division is correctly rounded, so it gives the double nearest
    /// the decimal, which is the double the value was read as.
    /// </summary>
    public double ValueOf(long units) => units == NoData ? double.NaN : units / Scale;

    /// <summary>The column held at the fewest decimals that give every value back to the bit, or null when none do.</summary>
    public static ScaledColumn? TryHold(double[] values)
    {
        var units = GC.AllocateUninitializedArray<int>(values.Length);
        for (var decimals = 0; decimals < PowersOfTen.Length; decimals++)
        {
            if (TryHold(values, PowersOfTen[decimals], units))
            {
                return new ScaledColumn(units, decimals);
            }
        }
        return null;
    }

    private static bool TryHold(double[] values, double scale, int[] units)
    {
        for (var p = 0; p < values.Length; p++)
        {
            var value = values[p];
            if (double.IsNaN(value))
            {
                units[p] = NoData;
                continue;
            }
            var whole = Math.Round(value * scale);
            // False for ±∞ too. The value must come back to the bit, which −0 (held as 0) does not.
            if (!(Math.Abs(whole) <= Largest) || BitConverter.DoubleToInt64Bits((int)whole / scale) != BitConverter.DoubleToInt64Bits(value))
            {
                return false;
            }
            units[p] = (int)whole;
        }
        return true;
    }

    /// <summary>
    /// The values of places <paramref name="start"/> on as doubles again (the same bits as those held), into
    /// <paramref name="into"/>, as many as it holds; returns it.
    /// </summary>
    public Span<double> Restore(int start, Span<double> into)
    {
        var units = Units.AsSpan(start, into.Length);
        var p = 0;
        if (Vector.IsHardwareAccelerated)
        {
            // Whole numbers below 2^53 convert to doubles exactly, and the division is the one ValueOf makes.
            var none = new Vector<long>(NoData);
            var scale = new Vector<double>(Scale);
            var noValue = new Vector<double>(double.NaN);
            var width = Vector<int>.Count;
            for (; p <= units.Length - width; p += width)
            {
                Vector.Widen(Vector.LoadUnsafe(ref MemoryMarshal.GetReference(units), (nuint)p), out var low, out var high);
                var at = (nuint)p;
                ref var to = ref MemoryMarshal.GetReference(into);
                Vector.ConditionalSelect(Vector.Equals(low, none), noValue, Vector.ConvertToDouble(low) / scale).StoreUnsafe(ref to, at);
                Vector.ConditionalSelect(Vector.Equals(high, none), noValue, Vector.ConvertToDouble(high) / scale).StoreUnsafe(ref to, at + (nuint)Vector<long>.Count);
            }
        }
        for (; p < units.Length; p++)
        {
            into[p] = ValueOf(units[p]);
        }
        return into;
    }

    /// <summary>The values as doubles again, the same bits as those held.</summary>
    public double[] ToDoubles()
    {
        var values = GC.AllocateUninitializedArray<double>(Units.Length);
        Restore(0, values);
        return values;
    }
}
