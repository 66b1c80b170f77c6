using Observatory.Indicators;

namespace Observatory.Portraits;

/// <summary>
/// Portraits for every place of a set at once (<see cref="Engine.PortraitEngine.Compute"/>), held as columns (ratios
/// per indicator, statuses per dimension, counts per place); <see cref="For(int)"/> turns one place into the
/// <see cref="Portrait"/> <see cref="PortraitRules"/> gives it. The counts are computed with the batch; the statuses
/// and ratios, from the same columns by the same rules, the first time they are read.
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
                var status = PortraitRules.StatusOf(dimension.Ring, ratio);
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
                    ThresholdKind = Thresholds[column]?.Kind ?? indicator.ThresholdKind,
                    LocalReason = LocalReasons[column],
                    Ratio = Present(ratio),
                    RatioLower = RatiosLower is { } rl ? Present(rl[column][place]) : null,
                    RatioUpper = RatiosUpper is { } ru ? Present(ru[column][place]) : null,
                    Status = status,
                    Size = double.IsNaN(ratio) ? null : PortraitRules.SizeOf(dimension.Ring, ratio, Definition.Decimals),
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
