using System.Globalization;
using System.Text;
using Observatory.Indicators;
using Observatory.Places;

namespace Observatory.Bench;

/// <summary>
/// A generated national small-area dataset in ONS Explore Local Statistics format: every area × indicator ×
/// period, with deterministic pseudo-random values, so every run (and every machine) imports the same bytes.
/// Small areas are not shipped places and the series are not shipped indicators, so the dataset brings its own
/// synthetic places (E01000001…) and catalogue for the benchmark to register.
/// </summary>
public sealed class SmallAreaDataset
{
    public const string ElsHeader = "areacd,areanm,geography,indicator,period,observation,measure,unit,lci_95,uci_95,status,notes";

    /// <summary>The columns of <c>observations</c> that the bulk-loader CSV carries, in its order.</summary>
    public const string BulkColumns = "id, indicator_id, area_code, original_code, period_start, period_duration, disaggregation, value, lci95, uci95, status, note, import_id";

    /// <summary>The import row every bulk-loaded observation refers to (the foreign key needs one).</summary>
    public const long BulkImportId = 1;

    private const ulong Seed = 0x0b5e_7a70_2026_0007;
    private const int FirstYear = 2004;

    public SmallAreaDataset(int areas, int indicators, int periods)
    {
        Areas = areas;
        IndicatorCount = indicators;
        Periods = periods;
    }

    public int Areas { get; }
    public int IndicatorCount { get; }
    public int Periods { get; }
    public long Rows => (long)Areas * IndicatorCount * Periods;

    public static string AreaCode(int area) => $"E01{area + 1:000000}";

    private static string IndicatorId(int indicator) => $"bench-small-area-{indicator + 1:00}";

    private static string IndicatorLabel(int indicator) => $"bench_small_area_{indicator + 1:00}";

    /// <summary>The shipped places plus one statistical area per generated area code.</summary>
    public PlaceRegistry PlacesWith(PlaceRegistry shipped)
    {
        var places = new List<Place>(shipped.Places.Count + Areas);
        places.AddRange(shipped.Places);
        for (var a = 0; a < Areas; a++)
        {
            places.Add(new Place
            {
                Code = AreaCode(a),
                Name = $"Bench small area {a + 1:00000}",
                Type = PlaceType.StatisticalArea,
                Nation = "England",
                ParentCodes = "E92000001",
            });
        }
        return new PlaceRegistry(places, shipped.CodeChanges);
    }

    /// <summary>A catalogue of just the generated series: one ELS dataset whose labels are the file's indicator column.</summary>
    public IndicatorCatalogue Catalogue()
    {
        const string datasetId = "bench-small-areas";
        var indicators = Enumerable.Range(0, IndicatorCount).Select(i => new IndicatorDefinition
        {
            Id = IndicatorId(i),
            Name = $"Benchmark small-area indicator {i + 1}",
            Label = IndicatorLabel(i),
            Description = "A generated series for the import benchmark.",
            Measure = "Percentage of adults, aged 16 and over",
            Unit = "%",
            SourceUnits = ["Percentage"],
            DecimalPlaces = 1,
            Polarity = Polarity.Neither,
            PolarityReason = "Generated data.",
            PeriodFormat = PeriodFormat.Year,
            Evidences = [],
            DatasetId = datasetId,
            Format = DataFormat.Els,
        }).ToList();
        return new IndicatorCatalogue([new IndicatorDataset
        {
            Id = datasetId,
            Name = "Benchmark small areas",
            Topic = "Economy",
            Source = new IndicatorSource("Connected Places Observatory benchmark", "https://example.invalid/bench", "OGL-UK-3.0", "Generated", null),
            Data = [],
            Format = DataFormat.Els,
            Indicators = indicators,
            SourceFile = "bench",
        }]);
    }

    /// <summary>
    /// Writes the ELS file and, in the same pass, the bulk loaders' CSV of exactly the rows the importer stores
    /// (the <see cref="BulkColumns"/>, no header, explicit ids, the same value text). Files already written for
    /// the same size are reused: generation is deterministic.
    /// </summary>
    public (string Els, string Bulk, bool Reused) Write(string folder)
    {
        var stem = Path.Combine(folder, $"els-small-areas-{Areas}x{IndicatorCount}x{Periods}");
        var els = stem + ".csv";
        var bulk = stem + ".bulk.csv";
        var done = stem + ".done";
        if (File.Exists(done) && File.Exists(els) && File.Exists(bulk))
        {
            return (els, bulk, true);
        }
        File.Delete(done);
        using (var elsOut = new StreamWriter(els, false, new UTF8Encoding(false), 1 << 20))
        using (var bulkOut = new StreamWriter(bulk, false, new UTF8Encoding(false), 1 << 20))
        {
            elsOut.Write(ElsHeader);
            elsOut.Write('\n');
            var random = new SplitMix64(Seed);
            var line = new StringBuilder(256);
            long id = 0;
            var periods = Enumerable.Range(0, Periods).Select(p => (Els: $"{FirstYear + p}-01-01/P1Y", Start: $"{FirstYear + p}-01-01")).ToArray();
            var areaCodes = Enumerable.Range(0, Areas).Select(AreaCode).ToArray();
            var areaNames = Enumerable.Range(0, Areas).Select(a => $"Bench small area {a + 1:00000}").ToArray();
            Span<char> number = stackalloc char[32];
            // ELS files run indicator by indicator, then area, then period.
            for (var i = 0; i < IndicatorCount; i++)
            {
                var indicatorId = IndicatorId(i);
                var label = IndicatorLabel(i);
                for (var a = 0; a < Areas; a++)
                {
                    var (level, trend) = DrawArea(ref random);
                    for (var p = 0; p < Periods; p++)
                    {
                        id++;
                        var row = DrawRow(ref random, level, trend, p);
                        var status = row.Suppressed ? "x" : row.Unreliable ? "u" : "";
                        string value = "", lci = "", uci = "";
                        if (!row.Suppressed)
                        {
                            value = Format(row.Value, number);
                            lci = Format(Math.Max(0, row.Value - row.Half), number);
                            uci = Format(Math.Min(100, row.Value + row.Half), number);
                        }
                        line.Clear().Append(areaCodes[a]).Append(',').Append(areaNames[a]).Append(",Lower Layer Super Output Area,").Append(label).Append(',')
                            .Append(periods[p].Els).Append(',').Append(value).Append(",\"Percentage of adults, aged 16 and over\",Percentage,")
                            .Append(lci).Append(',').Append(uci).Append(',').Append(status).Append(",\n");
                        foreach (var chunk in line.GetChunks())
                        {
                            elsOut.Write(chunk.Span);
                        }
                        // Empty unquoted fields are NULL to PostgreSQL's COPY; the disaggregation is "" (not null, empty).
                        line.Clear().Append(id.ToString(CultureInfo.InvariantCulture)).Append(',').Append(indicatorId).Append(',').Append(areaCodes[a]).Append(",,")
                            .Append(periods[p].Start).Append(",P1Y,\"\",").Append(value).Append(',').Append(lci).Append(',').Append(uci).Append(',')
                            .Append(status).Append(",,").Append(BulkImportId).Append('\n');
                        foreach (var chunk in line.GetChunks())
                        {
                            bulkOut.Write(chunk.Span);
                        }
                    }
                }
            }
        }
        File.WriteAllText(done, Rows.ToString(CultureInfo.InvariantCulture));
        return (els, bulk, false);
    }

    /// <summary>
    /// The same values as the file <see cref="Write"/> writes, as they read back (rounded to one decimal, NaN where
    /// suppressed), held compactly in memory: one flat array in [period][indicator][area] order, so that one
    /// period's indicator is a contiguous run of <see cref="Areas"/> values.
    /// </summary>
    public double[] Values()
    {
        var values = new double[(long)Periods * IndicatorCount * Areas];
        var random = new SplitMix64(Seed);
        for (var i = 0; i < IndicatorCount; i++)
        {
            for (var a = 0; a < Areas; a++)
            {
                var (level, trend) = DrawArea(ref random);
                for (var p = 0; p < Periods; p++)
                {
                    var row = DrawRow(ref random, level, trend, p);
                    values[(((long)p * IndicatorCount) + i) * Areas + a] = row.Suppressed ? double.NaN : Math.Round(row.Value, 1);
                }
            }
        }
        return values;
    }

    /// <summary>An area's series for one indicator: a level and a trend a period.</summary>
    private static (double Level, double Trend) DrawArea(ref SplitMix64 random)
    {
        var level = 10 + random.NextDouble() * 80;
        var trend = (random.NextDouble() - 0.5) * 1.5;
        return (level, trend);
    }

    /// <summary>One row: 1 in 200 is suppressed (x, no value); 1 in 50 is low reliability (u). Value and half-interval unrounded.</summary>
    private static (bool Suppressed, bool Unreliable, double Value, double Half) DrawRow(ref SplitMix64 random, double level, double trend, int period)
    {
        var draw = random.Next();
        if (draw % 200 == 0)
        {
            return (true, false, double.NaN, double.NaN);
        }
        var v = Math.Clamp(level + trend * period + (random.NextDouble() - 0.5) * 4, 0, 100);
        var half = 0.5 + random.NextDouble() * 3;
        return (false, draw % 50 == 1, v, half);
    }

    private static string Format(double value, Span<char> buffer) =>
        Math.Round(value, 1).TryFormat(buffer, out var written, "0.0", CultureInfo.InvariantCulture) ? new string(buffer[..written]) : throw new InvalidOperationException();

    /// <summary>A small, fixed pseudo-random generator, so the data never depends on the runtime's Random.</summary>
    private struct SplitMix64(ulong seed)
    {
        private ulong _state = seed;

        public ulong Next()
        {
            var z = _state += 0x9E3779B97F4A7C15;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
            return z ^ (z >> 31);
        }

        public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));
    }
}
