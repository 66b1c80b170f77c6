using Observatory.Indicators;

namespace Observatory.Portraits;

/// <summary>
/// The rules that turn a place's values into its Doughnut portrait, one value at a time, as the papers state them
/// (O'Neill, Fanning, Lamb and Steinberger 2018, "A good life for all within planetary boundaries", Nature
/// Sustainability 1:88–95; Fanning, O'Neill, Hickel and Roux 2022, "The social shortfall and ecological overshoot of
/// nations", Nature Sustainability 5:26–36; Fanning and Raworth 2025, "Doughnut of social and planetary boundaries
/// monitors a world out of balance", Nature 646:47–56):
/// <list type="number">
/// <item>each value is normalised to a ratio on which 1 is the threshold or boundary (<see cref="Normalise"/>);</item>
/// <item>the ratio is rounded half away from zero to the definition's decimals, two for the papers (<see cref="Round"/>);</item>
/// <item>it is read: a social ratio of 1 or more is achieved, an ecological ratio above 1 is an overshoot
/// (<see cref="StatusOf(Ring, double)"/>);</item>
/// <item>a dimension falls short or overshoots when any of its indicators with data does, and has no data when none
/// has any (<see cref="StatusOf(Ring, IEnumerable{DimensionStatus})"/>);</item>
/// <item>the counts the papers report take only the dimensions with data.</item>
/// </list>
/// A local threshold (a council's own target, for a local-targets lens) replaces the definition's before
/// normalising (<see cref="ApplyLocal"/>).
/// </summary>
/// <remarks>
/// This is the portrait of one place, and the reference for every other way of computing one:
/// <see cref="Engine.PortraitEngine"/> works out the same for every place of a large set at once, over vectors and
/// whole numbers, and the tests hold it to these rules bit for bit (docs/architecture.md, "How the portrait engine
/// is checked against the rules"). Change a rule here first, then the engine, until the tests agree.
/// </remarks>
public sealed class PortraitRules
{
    private readonly PortraitColumns _columns;
    private readonly PortraitThreshold?[] _thresholds;
    private readonly string?[] _localReasons;
    private readonly double[] _worst;

    private PortraitRules(PortraitDefinition definition, PortraitColumns columns, PortraitThreshold?[] thresholds, string?[] localReasons, double[] worst)
    {
        Definition = definition;
        _columns = columns;
        _thresholds = thresholds;
        _localReasons = localReasons;
        _worst = worst;
    }

    public PortraitDefinition Definition { get; }

    /// <summary>[indicator]: the threshold applied, the definition's or a local one.</summary>
    public IReadOnlyList<PortraitThreshold?> Thresholds => _thresholds;

    /// <summary>
    /// The rules of <paramref name="definition"/> for the places in <paramref name="columns"/>, with any local
    /// thresholds. A min–max indicator is read from the worst of these places, so they are the set the portrait is
    /// drawn among (every council, every country of the year).
    /// </summary>
    /// <exception cref="ArgumentException">The columns are not the definition's, or a local threshold cannot be applied (see <see cref="ApplyLocal"/>).</exception>
    public static PortraitRules For(PortraitDefinition definition, PortraitColumns columns, IReadOnlyDictionary<string, ThresholdOverride>? localThresholds = null)
    {
        var indicators = definition.Indicators;
        if (columns.Indicators != indicators.Count)
        {
            throw new ArgumentException($"The columns hold {columns.Indicators} indicators; definition '{definition.Id}' has {indicators.Count}.", nameof(columns));
        }
        var (thresholds, reasons) = ApplyLocal(definition, localThresholds);
        var worst = new double[indicators.Count];
        for (var i = 0; i < indicators.Count; i++)
        {
            var column = i;
            worst[i] = indicators[i].Normalisation == Normalisation.MinMaxToThreshold
                ? thresholds[i]?.Worst ?? Worst(Enumerable.Range(0, columns.Places.Count).Select(place => columns.ValueAt(column, place)), indicators[i].Polarity)
                : double.NaN;
        }
        return new PortraitRules(definition, columns, thresholds, reasons, worst);
    }

    /// <summary>The portrait of the place with this code (the first, ignoring case); null when the columns have no such place.</summary>
    public Portrait? PortraitOf(string placeCode, Period? period = null, string? series = null)
    {
        for (var place = 0; place < _columns.Places.Count; place++)
        {
            if (string.Equals(_columns.Places[place], placeCode, StringComparison.OrdinalIgnoreCase))
            {
                return PortraitOf(place, period, series);
            }
        }
        return null;
    }

    /// <summary>
    /// The portrait of one place (its slot in the columns): every dimension, none dropped, and the counts of those
    /// with data. <paramref name="period"/> and <paramref name="series"/> are what the values were read for; a value
    /// whose own period the columns hold (a council's latest) says that one instead.
    /// </summary>
    public Portrait PortraitOf(int place, Period? period = null, string? series = null)
    {
        var dimensions = new List<DimensionResult>(Definition.Dimensions.Count);
        var column = 0;
        foreach (var dimension in Definition.Dimensions)
        {
            var indicators = new List<IndicatorResult>(dimension.Indicators.Count);
            foreach (var indicator in dimension.Indicators)
            {
                indicators.Add(IndicatorOf(dimension.Ring, indicator, column, place, period));
                column++;
            }
            dimensions.Add(new DimensionResult
            {
                Id = dimension.Id,
                Name = dimension.Name,
                Element = dimension.Element,
                Ring = dimension.Ring,
                Lenses = dimension.Lenses,
                Status = StatusOf(dimension.Ring, indicators.Select(i => i.Status)),
                Indicators = indicators,
                NoDataReason = dimension.NoDataReason,
            });
        }
        var social = dimensions.Where(d => d.Ring == Ring.Social && d.Status != DimensionStatus.NoData).ToList();
        var ecological = dimensions.Where(d => d.Ring == Ring.Ecological && d.Status != DimensionStatus.NoData).ToList();
        return new Portrait
        {
            DefinitionId = Definition.Id,
            PlaceCode = _columns.Places[place],
            Period = period,
            Series = series,
            Dimensions = dimensions,
            SocialAchieved = social.Count(d => d.Status == DimensionStatus.Within),
            SocialWithData = social.Count,
            EcologicalTransgressed = ecological.Count(d => d.Status == DimensionStatus.Overshoot),
            EcologicalWithData = ecological.Count,
        };
    }

    private IndicatorResult IndicatorOf(Ring ring, PortraitIndicator indicator, int column, int place, Period? period)
    {
        var value = _columns.ValueAt(column, place);
        var ratio = RatioOf(ring, indicator, column, value);
        double? Bound(double[][]? bounds) => bounds is null ? null : Present(RatioOf(ring, indicator, column, bounds[column][place]));
        return new IndicatorResult
        {
            Id = indicator.Id,
            Name = indicator.Name,
            IndicatorId = indicator.IndicatorId,
            Normalisation = indicator.Normalisation,
            Value = Present(value),
            ValueLower = _columns.Lower is { } lower ? Present(lower[column][place]) : null,
            ValueUpper = _columns.Upper is { } upper ? Present(upper[column][place]) : null,
            Unit = indicator.Unit,
            Period = _columns.Periods?[column][place] ?? (double.IsNaN(ratio) ? null : period),
            Threshold = _thresholds[column],
            ThresholdKind = _thresholds[column]?.Kind ?? indicator.ThresholdKind,
            LocalReason = _localReasons[column],
            Ratio = Present(ratio),
            // An interval's bounds are read on the central values' scale (the same worst place).
            RatioLower = Bound(_columns.Lower),
            RatioUpper = Bound(_columns.Upper),
            Status = StatusOf(ring, ratio),
            Size = double.IsNaN(ratio) ? null : SizeOf(ring, ratio, Definition.Decimals),
        };
    }

    /// <summary>One value's rounded ratio under its indicator's rule and threshold; NaN without one.</summary>
    private double RatioOf(Ring ring, PortraitIndicator indicator, int column, double value) =>
        Round(Normalise(indicator.Normalisation, ring, indicator.Polarity, value, _thresholds[column], _worst[column]), Definition.Decimals);

    private static double? Present(double value) => double.IsNaN(value) ? null : value;

    /// <summary>
    /// The unrounded ratio of one value, on which 1 is the threshold: social ratios grow as things get better,
    /// ecological ones as they get worse. NaN when there is no value or no ratio can be read (no threshold, no
    /// baseline for a baseline-anchored ratio, no worst value or a worst equal to the threshold for min–max).
    /// <paramref name="worst"/> is read only by min–max.
    /// </summary>
    public static double Normalise(Normalisation normalisation, Ring ring, Polarity polarity, double value, PortraitThreshold? threshold, double worst = double.NaN)
    {
        if (normalisation == Normalisation.PublishedRatio)
        {
            // O'Neill 2018 and Fanning 2022 publish only the ratios.
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
                // value ÷ threshold, turned round (threshold ÷ value) where the value grows the wrong way for its
                // ring: lower is better on the social ring, higher is better on the ecological one. A value of 0
                // turned round is infinitely far beyond the threshold.
                var turned = (ring == Ring.Social) == (polarity == Polarity.LowerIsBetter);
                return !turned ? value / t : value == 0 ? double.PositiveInfinity : t / value;
            case Normalisation.BaselineAnchoredRatio:
                // Doughnut 3.0's pre-industrial baselines: 0 at the baseline, 1 at the boundary.
                var baseline = threshold.Baseline ?? double.NaN;
                return (value - baseline) / (t - baseline);
            case Normalisation.MinMaxToThreshold:
                // 0 at the worst place of the set, 1 at the threshold.
                return double.IsNaN(worst) || t == worst ? double.NaN : (value - worst) / (t - worst);
            case Normalisation.ShareDeprived:
                // The percentage of people deprived: 1 when it is down to the threshold's.
                return (100 - value) / (100 - t);
            default:
                return double.NaN;
        }
    }

    /// <summary>
    /// Half away from zero to <paramref name="decimals"/> decimal places, through <see cref="decimal"/>, so 0.995
    /// rounds to 1.00 as the published tables do (a double's nearest binary value, 0.99499999…, would round down).
    /// A ratio of 10^15 or more, infinite or NaN is kept as it is: it is far from any threshold.
    /// </summary>
    public static double Round(double ratio, int decimals) =>
        double.IsFinite(ratio) && Math.Abs(ratio) < 1e15 ? (double)Math.Round((decimal)ratio, decimals, MidpointRounding.AwayFromZero) : ratio;

    /// <summary>
    /// Where one rounded ratio stands. A social ratio of exactly 1 is achieved (the tie rule that reproduces the
    /// papers' counts); an ecological boundary is transgressed only by a ratio strictly above 1.
    /// </summary>
    public static DimensionStatus StatusOf(Ring ring, double ratio) =>
        double.IsNaN(ratio) ? DimensionStatus.NoData
        : ring == Ring.Social ? (ratio >= 1 ? DimensionStatus.Within : DimensionStatus.Shortfall)
        : ratio > 1 ? DimensionStatus.Overshoot : DimensionStatus.Within;

    /// <summary>
    /// A dimension's status from its indicators' statuses: short of the foundation (or beyond the ceiling) when any
    /// indicator with data is, within when some indicator has data, no data when none has (never read as within).
    /// </summary>
    public static DimensionStatus StatusOf(Ring ring, IEnumerable<DimensionStatus> indicators)
    {
        var worse = ring == Ring.Social ? DimensionStatus.Shortfall : DimensionStatus.Overshoot;
        var status = DimensionStatus.NoData;
        foreach (var indicator in indicators)
        {
            if (indicator == worse)
            {
                return worse;
            }
            if (indicator == DimensionStatus.Within)
            {
                status = DimensionStatus.Within;
            }
        }
        return status;
    }

    /// <summary>The shortfall (1 − ratio) or overshoot (ratio − 1) of a rounded ratio, rounded the same way; 0 when within.</summary>
    public static double SizeOf(Ring ring, double ratio, int decimals) =>
        StatusOf(ring, ratio) switch
        {
            DimensionStatus.Shortfall => Round(1 - ratio, decimals),
            DimensionStatus.Overshoot => Round(ratio - 1, decimals),
            _ => 0,
        };

    /// <summary>
    /// The worst of a set's values for a min–max scale: the lowest with data, or the highest when lower is better;
    /// the first of equal values (so of 0 and −0, whichever comes first, which settles the sign of ratios read from
    /// it); NaN when none has data.
    /// </summary>
    public static double Worst(IEnumerable<double> values, Polarity polarity)
    {
        var worst = double.NaN;
        foreach (var value in values)
        {
            if (!double.IsNaN(value) && (double.IsNaN(worst) || (polarity == Polarity.LowerIsBetter ? value > worst : value < worst)))
            {
                worst = value;
            }
        }
        return worst;
    }

    /// <summary>
    /// Each indicator's threshold (in <see cref="PortraitDefinition.Indicators"/> order) with the local ones in place
    /// of the definition's, and each local one's reason. A local threshold is keyed by dimension id (every indicator
    /// of the dimension) or "dimension-id/indicator-id" (one).
    /// </summary>
    /// <exception cref="ArgumentException">A key names no dimension or indicator with indicators, one whose ratio is published, or has no reason.</exception>
    public static (PortraitThreshold?[] Thresholds, string?[] Reasons) ApplyLocal(PortraitDefinition definition, IReadOnlyDictionary<string, ThresholdOverride>? local)
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
                        thresholds[column] = original with { Value = value.Value, Source = "Set locally", Rationale = value.Reason, Kind = ThresholdBasis.LocalAspiration };
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
