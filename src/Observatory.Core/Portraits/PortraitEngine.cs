using Observatory.Indicators;

namespace Observatory.Portraits;

/// <summary>
/// The values a portrait is computed from, as columns: one array per indicator of the definition (in
/// <see cref="PortraitDefinition.Indicators"/> order), one slot per place, NaN where there is no value.
/// </summary>
public sealed class PortraitColumns
{
    public PortraitColumns(IReadOnlyList<string> places, int indicators, bool bounds = false, bool periods = false)
    {
        Places = places;
        Values = NewColumns(indicators, places.Count);
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

    /// <summary>[indicator][place]; NaN = no data.</summary>
    public double[][] Values { get; }

    public double[][]? Lower { get; }
    public double[][]? Upper { get; }

    /// <summary>[indicator][place]: the period each value comes from, when it can differ from the one asked for.</summary>
    public Period?[][]? Periods { get; }

    private static double[][] NewColumns(int indicators, int places) =>
        [.. Enumerable.Range(0, indicators).Select(_ => { var a = new double[places]; Array.Fill(a, double.NaN); return a; })];
}

/// <summary>
/// Portraits for every place of a set at once, held as columns (ratios per indicator, statuses per dimension,
/// counts per place); <see cref="For(int)"/> turns one place into a <see cref="Portrait"/>.
/// </summary>
public sealed class PortraitBatch
{
    private readonly Dictionary<string, int> _index;

    internal PortraitBatch(PortraitDefinition definition, PortraitColumns columns, Period? period, string? series,
        PortraitThreshold?[] thresholds, string?[] localReasons, double[][] ratios, double[][]? lower, double[][]? upper, DimensionStatus[][] statuses,
        int[] socialAchieved, int[] socialWithData, int[] ecologicalTransgressed, int[] ecologicalWithData)
    {
        Definition = definition;
        Columns = columns;
        Period = period;
        Series = series;
        Thresholds = thresholds;
        LocalReasons = localReasons;
        Ratios = ratios;
        RatiosLower = lower;
        RatiosUpper = upper;
        Statuses = statuses;
        SocialAchieved = socialAchieved;
        SocialWithData = socialWithData;
        EcologicalTransgressed = ecologicalTransgressed;
        EcologicalWithData = ecologicalWithData;
        _index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < columns.Places.Count; i++)
        {
            _index.TryAdd(columns.Places[i], i);
        }
    }

    public PortraitDefinition Definition { get; }
    public PortraitColumns Columns { get; }
    public Period? Period { get; }
    public string? Series { get; }
    public IReadOnlyList<string> Places => Columns.Places;

    /// <summary>[indicator]: the threshold applied after any local override.</summary>
    public IReadOnlyList<PortraitThreshold?> Thresholds { get; }

    public IReadOnlyList<string?> LocalReasons { get; }

    /// <summary>[indicator][place]: rounded ratios, NaN = no data.</summary>
    public double[][] Ratios { get; }

    public double[][]? RatiosLower { get; }
    public double[][]? RatiosUpper { get; }

    /// <summary>[dimension][place].</summary>
    public DimensionStatus[][] Statuses { get; }

    public int[] SocialAchieved { get; }
    public int[] SocialWithData { get; }
    public int[] EcologicalTransgressed { get; }
    public int[] EcologicalWithData { get; }

    public int IndexOf(string placeCode) => _index.GetValueOrDefault(placeCode, -1);

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
                    Value = Present(Columns.Values[column][place]),
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
public static class PortraitEngine
{
    /// <summary>Portraits for every place in <paramref name="columns"/>.</summary>
    /// <exception cref="ArgumentException">A local threshold names no dimension or indicator, or one whose ratio is published.</exception>
    public static PortraitBatch Compute(PortraitDefinition definition, PortraitColumns columns, Period? period = null, string? series = null,
        IReadOnlyDictionary<string, ThresholdOverride>? localThresholds = null)
    {
        var indicators = definition.Indicators;
        if (columns.Values.Length != indicators.Count)
        {
            throw new ArgumentException($"The columns hold {columns.Values.Length} indicators; definition '{definition.Id}' has {indicators.Count}.", nameof(columns));
        }
        var (thresholds, reasons) = ApplyLocal(definition, localThresholds);
        var places = columns.Places.Count;
        var ratios = new double[indicators.Count][];
        var lower = columns.Lower is null ? null : new double[indicators.Count][];
        var upper = columns.Upper is null ? null : new double[indicators.Count][];
        var column = 0;
        foreach (var dimension in definition.Dimensions)
        {
            foreach (var indicator in dimension.Indicators)
            {
                var threshold = thresholds[column];
                // The worst place is found over the set's central values, so bounds and centre share one scale.
                var worst = indicator.Normalisation == Normalisation.MinMaxToThreshold
                    ? threshold?.Worst ?? Worst(columns.Values[column], indicator.Polarity)
                    : double.NaN;
                ratios[column] = NormaliseColumn(columns.Values[column], dimension.Ring, indicator, threshold, worst, definition.Decimals);
                if (lower is not null && upper is not null)
                {
                    lower[column] = NormaliseColumn(columns.Lower![column], dimension.Ring, indicator, threshold, worst, definition.Decimals);
                    upper[column] = NormaliseColumn(columns.Upper![column], dimension.Ring, indicator, threshold, worst, definition.Decimals);
                }
                column++;
            }
        }
        var statuses = new DimensionStatus[definition.Dimensions.Count][];
        var socialAchieved = new int[places];
        var socialWithData = new int[places];
        var ecologicalTransgressed = new int[places];
        var ecologicalWithData = new int[places];
        column = 0;
        for (var d = 0; d < definition.Dimensions.Count; d++)
        {
            var dimension = definition.Dimensions[d];
            var status = statuses[d] = new DimensionStatus[places];
            Array.Fill(status, DimensionStatus.NoData);
            var bad = dimension.Ring == Ring.Social ? DimensionStatus.Shortfall : DimensionStatus.Overshoot;
            for (var k = 0; k < dimension.Indicators.Count; k++, column++)
            {
                var r = ratios[column];
                for (var p = 0; p < places; p++)
                {
                    var s = StatusOf(dimension.Ring, r[p]);
                    if (s == bad || (s == DimensionStatus.Within && status[p] == DimensionStatus.NoData))
                    {
                        status[p] = s;
                    }
                }
            }
            var (with, counted) = dimension.Ring == Ring.Social ? (socialWithData, socialAchieved) : (ecologicalWithData, ecologicalTransgressed);
            var counts = dimension.Ring == Ring.Social ? DimensionStatus.Within : DimensionStatus.Overshoot;
            for (var p = 0; p < places; p++)
            {
                if (status[p] != DimensionStatus.NoData)
                {
                    with[p]++;
                    if (status[p] == counts)
                    {
                        counted[p]++;
                    }
                }
            }
        }
        return new PortraitBatch(definition, columns, period, series, thresholds, reasons, ratios, lower, upper, statuses,
            socialAchieved, socialWithData, ecologicalTransgressed, ecologicalWithData);
    }

    /// <summary>
    /// The unrounded ratio of one value (1 = the threshold). <paramref name="worst"/> is only read by
    /// min-max-to-threshold. NaN when the ratio is undefined (no value, or a threshold equal to the worst value).
    /// </summary>
    public static double Normalise(Normalisation normalisation, Ring ring, Polarity polarity, double value, PortraitThreshold? threshold, double worst = double.NaN)
    {
        if (double.IsNaN(value))
        {
            return double.NaN;
        }
        if (normalisation == Normalisation.PublishedRatio)
        {
            return value;
        }
        if (threshold is null)
        {
            return double.NaN;
        }
        var t = threshold.Value;
        switch (normalisation)
        {
            case Normalisation.RatioToBoundary:
                // Social ratios grow as things get better, ecological ones as they get worse, so a
                // lower-is-better social value and a higher-is-better ecological one are turned round.
                var turned = (ring == Ring.Social) == (polarity == Polarity.LowerIsBetter);
                return turned ? (value == 0 ? double.PositiveInfinity : t / value) : value / t;
            case Normalisation.BaselineAnchoredRatio:
                var b = threshold.Baseline ?? double.NaN;
                return (value - b) / (t - b);
            case Normalisation.MinMaxToThreshold:
                return t == worst || double.IsNaN(worst) ? double.NaN : (value - worst) / (t - worst);
            case Normalisation.ShareDeprived:
                return (100 - value) / (100 - t);
            default:
                return double.NaN;
        }
    }

    /// <summary>Half away from zero, through decimal, so 0.995 rounds to 1.00 as the published tables do.</summary>
    public static double Round(double ratio, int decimals) =>
        double.IsFinite(ratio) && Math.Abs(ratio) < 1e15 ? (double)Math.Round((decimal)ratio, decimals, MidpointRounding.AwayFromZero) : ratio;

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

    private static double[] NormaliseColumn(double[] values, Ring ring, PortraitIndicator indicator, PortraitThreshold? threshold, double worst, int decimals)
    {
        var ratios = new double[values.Length];
        for (var p = 0; p < values.Length; p++)
        {
            ratios[p] = Round(Normalise(indicator.Normalisation, ring, indicator.Polarity, values[p], threshold, worst), decimals);
        }
        return ratios;
    }

    private static double Worst(double[] values, Polarity polarity)
    {
        var worst = double.NaN;
        foreach (var v in values)
        {
            if (!double.IsNaN(v) && (double.IsNaN(worst) || (polarity == Polarity.LowerIsBetter ? v > worst : v < worst)))
            {
                worst = v;
            }
        }
        return worst;
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
