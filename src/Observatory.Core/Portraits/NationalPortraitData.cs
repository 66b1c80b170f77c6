using System.Globalization;
using Observatory.Content;
using Observatory.Indicators;
using Observatory.Places;

namespace Observatory.Portraits;

/// <summary>One year of a national definition's values, for every place that year's files hold.</summary>
public sealed record NationalYear(Period Period, string Series, PortraitColumns Columns);

/// <summary>
/// The national doughnut datasets (data/doughnut/) read once into columns, by definition and year. Immutable:
/// hold one per process. A cell that is not a number, or a place the registry does not know, stops the load
/// with its file and line.
/// </summary>
public sealed class NationalPortraitData
{
    private readonly Dictionary<string, SortedDictionary<int, NationalYear>> _years;

    private NationalPortraitData(Dictionary<string, SortedDictionary<int, NationalYear>> years) => _years = years;

    /// <summary>The years a definition has data for, in order.</summary>
    public IReadOnlyList<NationalYear> YearsOf(string definitionId) =>
        _years.TryGetValue(definitionId, out var years) ? [.. years.Values] : [];

    public NationalYear? Find(string definitionId, int year) =>
        _years.TryGetValue(definitionId, out var years) ? years.GetValueOrDefault(year) : null;

    public static NationalPortraitData Load(DataFolder data, PortraitDefinitions definitions, PlaceRegistry places)
    {
        var problems = new List<ContentProblem>();
        var result = new Dictionary<string, SortedDictionary<int, NationalYear>>();
        foreach (var definition in definitions.All.Where(d => d.Data.Count > 0))
        {
            result[definition.Id] = LoadDefinition(data, definition, places, problems);
        }
        if (problems.Count > 0)
        {
            throw new ContentValidationException(problems);
        }
        return new NationalPortraitData(result);
    }

    private sealed class YearValues(int indicators)
    {
        public string? Series;
        public bool HasBounds;
        public readonly Dictionary<string, double[][]> ByPlace = new(StringComparer.Ordinal);
        public readonly int Indicators = indicators;

        /// <summary>[0] central, [1] lower, [2] upper.</summary>
        public double[][] For(string place)
        {
            if (!ByPlace.TryGetValue(place, out var slots))
            {
                slots = ByPlace[place] = [.. Enumerable.Range(0, 3).Select(_ => { var a = new double[Indicators]; Array.Fill(a, double.NaN); return a; })];
            }
            return slots;
        }
    }

    private static SortedDictionary<int, NationalYear> LoadDefinition(DataFolder data, PortraitDefinition definition, PlaceRegistry places, List<ContentProblem> problems)
    {
        var indicators = definition.Indicators;
        var years = new Dictionary<int, YearValues>();
        foreach (var file in definition.Data)
        {
            var path = data.Combine(PortraitDefinitions.DataFolderName, file.File);
            var name = data.Relative(path);
            using var csv = new CsvRecordReader(new StreamReader(path), name);
            if (!csv.Read())
            {
                problems.AddRange(csv.Problem is { } refused ? [refused] : []);
                continue;
            }
            var header = Enumerable.Range(0, csv.FieldCount).Select(csv.GetString).ToList();
            var placeAt = file.PlaceColumn is { } pc ? header.IndexOf(pc) : file.PlaceColumnNumber - 1;
            var periodAt = file.PeriodColumn is { } yc ? header.IndexOf(yc) : -1;
            var slot = file.Bound switch { "lower" => 1, "upper" => 2, _ => 0 };
            // Wide: which file column holds each indicator. Long: which indicator each code is.
            var columns = file.Layout == PortraitDataLayout.Wide
                ? indicators.Select((i, n) => (At: i.Column is null ? -1 : header.IndexOf(i.Column), Indicator: n)).Where(x => x.At >= 0).ToList()
                : [];
            var byCode = indicators.Select((i, n) => (i.Code, n)).Where(x => x.Code is not null).ToDictionary(x => x.Code!, x => x.n, StringComparer.Ordinal);
            var codeAt = file.CodeColumn is { } cc ? header.IndexOf(cc) : -1;
            var valueAt = file.ValueColumn is { } vc ? header.IndexOf(vc) : -1;
            while (csv.Read())
            {
                if (IsEmptyRow(csv))
                {
                    continue;
                }
                var placeText = csv.GetString(placeAt).Trim();
                var code = PlaceCode(file.PlaceNaming, placeText, places);
                if (code is null)
                {
                    problems.Add(new ContentProblem(name, csv.Line, placeAt + 1, header[placeAt], $"'{placeText}' is not a known country for {Describe(file.PlaceNaming)}"));
                    continue;
                }
                int year;
                if (periodAt < 0)
                {
                    year = file.Year ?? 0;
                }
                else if (!int.TryParse(csv[periodAt], NumberStyles.None, CultureInfo.InvariantCulture, out year))
                {
                    problems.Add(new ContentProblem(name, csv.Line, periodAt + 1, header[periodAt], $"'{csv.GetString(periodAt)}' is not a year"));
                    continue;
                }
                if (!years.TryGetValue(year, out var values))
                {
                    values = years[year] = new YearValues(indicators.Count);
                }
                if (slot == 0)
                {
                    if (values.Series is { } existing && existing != file.Series)
                    {
                        problems.Add(new ContentProblem(name, csv.Line, 0, "", $"{year} is already in the {existing} series of another file"));
                    }
                    values.Series = file.Series;
                }
                else
                {
                    values.HasBounds = true;
                }
                var target = values.For(code)[slot];
                if (file.Layout == PortraitDataLayout.Wide)
                {
                    foreach (var (at, indicator) in columns)
                    {
                        target[indicator] = Value(csv, at, name, header, problems);
                    }
                }
                else if (byCode.TryGetValue(csv.GetString(codeAt), out var indicator))
                {
                    target[indicator] = Value(csv, valueAt, name, header, problems);
                }
            }
            // A record past the CSV limits stops the file there; the shipped data is refused with the rest.
            problems.AddRange(csv.Problem is { } stopped ? [stopped] : []);
        }
        var result = new SortedDictionary<int, NationalYear>();
        foreach (var (year, values) in years)
        {
            var codes = values.ByPlace.Keys.Order(StringComparer.Ordinal).ToList();
            var columns = new PortraitColumns(codes, indicators.Count, bounds: values.HasBounds);
            for (var p = 0; p < codes.Count; p++)
            {
                var slots = values.ByPlace[codes[p]];
                for (var i = 0; i < indicators.Count; i++)
                {
                    columns.Values[i][p] = slots[0][i];
                    if (values.HasBounds)
                    {
                        columns.Lower![i][p] = slots[1][i];
                        columns.Upper![i][p] = slots[2][i];
                    }
                }
            }
            result[year] = new NationalYear(Period.Year(year), values.Series ?? "", columns.Compact());
        }
        return result;
    }

    private static bool IsEmptyRow(CsvRecordReader csv)
    {
        for (var i = 0; i < csv.FieldCount; i++)
        {
            if (!csv[i].IsWhiteSpace())
            {
                return false;
            }
        }
        return true;
    }

    private static double Value(CsvRecordReader csv, int at, string file, IReadOnlyList<string> header, List<ContentProblem> problems)
    {
        var text = csv[at].Trim();
        if (text.IsEmpty || text.SequenceEqual("NA"))
        {
            return double.NaN;
        }
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
        {
            return value;
        }
        problems.Add(new ContentProblem(file, csv.Line, at + 1, header[at], $"'{text}' is not a number (leave the cell blank or NA for no data)"));
        return double.NaN;
    }

    private static string? PlaceCode(PlaceNaming naming, string text, PlaceRegistry places) => naming switch
    {
        PlaceNaming.Iso3 => places.Find(text) is { Type: PlaceType.Country } country ? country.Code : null,
        PlaceNaming.Oneill2018Name => places.FindCountry("oneill2018", text)?.Code,
        PlaceNaming.Fanning2022Name => places.FindCountry("fanning2022", text)?.Code,
        _ => text.Length > 0 ? text : null,
    };

    private static string Describe(PlaceNaming naming) => naming switch
    {
        PlaceNaming.Iso3 => "an ISO 3166 alpha-3 code in data/places/countries.csv",
        PlaceNaming.Oneill2018Name => "the oneill2018_name column of data/places/countries.csv",
        PlaceNaming.Fanning2022Name => "the fanning2022_name column of data/places/countries.csv",
        _ => "a place code",
    };
}
