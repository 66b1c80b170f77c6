using Observatory.Indicators;
using Observatory.Portraits.Engine;

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
