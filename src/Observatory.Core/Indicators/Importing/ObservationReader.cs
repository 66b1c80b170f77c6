using System.Globalization;
using Observatory.Content;
using Observatory.Places;

namespace Observatory.Indicators.Importing;

/// <summary>
/// Reads an indicator data file — ONS Explore Local Statistics CSV, Open SDG CSV or the Observatory's tidy CSV —
/// into an <see cref="ObservationBatch"/>, checking every row against the places and the indicator catalogue.
/// Columns are found by header name, never by position (ELS files differ in column order). Nothing is written
/// here: the importer writes only a batch with no problems.
/// </summary>
public sealed class ObservationReader
{
    public const int MaxProblemsReported = InputLimits.MaxProblems;

    /// <summary>No place code is longer (GSS codes have 9 characters): a longer one is refused unread and never cached.</summary>
    private const int MaxAreaCodeLength = 20;

    /// <summary>Period texts longer than this are parsed but not cached, so a file of unique long periods cannot fill the cache.</summary>
    private const int MaxCachedPeriodLength = 40;

    private static readonly string[] ElsRequired = ["areacd", "indicator", "period", "observation"];
    private static readonly string[] TidyRequired = ["area", "indicator", "period", "value"];
    private static readonly string[] OpenSdgRequired = ["Year", "Value"];

    /// <summary>Open SDG columns that name the area a row is about; the code is in GeoCode.</summary>
    private static readonly HashSet<string> OpenSdgGeographyColumns = new(StringComparer.OrdinalIgnoreCase)
    {
        "GeoCode", "Country", "Region", "Local Authority", "Local authority", "Welsh Unitary Authority", "Scottish Council Area", "County",
    };

    /// <summary>Open SDG columns that describe values or switch series rather than break them down.</summary>
    private static readonly HashSet<string> OpenSdgAttributeColumns = new(StringComparer.OrdinalIgnoreCase)
    {
        "Year", "Value", "Series", "Units", "Unit measure", "Unit multiplier", "Observation status",
    };

    private readonly PlaceRegistry _places;
    private readonly IndicatorCatalogue _catalogue;
    private readonly string _file;
    private readonly ObservationBatch _batch = new(4096);
    private readonly Dictionary<(int Indicator, int Area, int Period, int Disaggregation), int> _rowByKey = [];
    private readonly Dictionary<string, (int Area, int Original)?> _areaCache = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Period?> _periodCache = new(StringComparer.Ordinal);
    private readonly List<ContentProblem> _problems = [];
    private readonly HashSet<string> _indicators = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _unplaced = new(StringComparer.Ordinal);

    private ObservationReader(string file, PlaceRegistry places, IndicatorCatalogue catalogue)
    {
        _file = file;
        _places = places;
        _catalogue = catalogue;
    }

    /// <summary>
    /// <see cref="Skipped"/>: rows passed over, not refused — Open SDG rows of series the catalogue does not describe,
    /// or named by an area that is no place (<see cref="Unplaced"/>).
    /// </summary>
    public sealed record Result(DataFormat Format, ObservationBatch Batch, IReadOnlyList<ContentProblem> Problems, int ProblemCount,
        long RowsRead, long Merged, long Recoded, long Skipped, IReadOnlyCollection<string> Indicators, IReadOnlyCollection<string> Unplaced);

    private int _problemCount;
    private long _rowsRead;
    private long _merged;
    private long _recoded;
    private long _skipped;

    /// <summary>
    /// Reads the whole input. <paramref name="format"/> null means: tell from the header. <paramref name="progress"/>
    /// hears the number of rows read every 100,000 rows.
    /// </summary>
    public static Result Read(string file, TextReader text, PlaceRegistry places, IndicatorCatalogue catalogue, DataFormat? format = null,
        IProgress<long>? progress = null, string? openSdgIndicator = null)
    {
        var reader = new ObservationReader(Path.GetFileName(file), places, catalogue);
        using var csv = new CsvRecordReader(text, reader._file);
        var finished = reader.ReadRecords(csv, format, progress, openSdgIndicator ?? OpenSdgIdFromFileName(file));
        if (csv.Problem is { } stopped)
        {
            // A record past the CSV reader's limits: reading stopped there, and the file is refused.
            reader.Problem(stopped.Line, stopped.Column, stopped.Field, stopped.Message);
        }
        return reader.Finish(finished);
    }

    private DataFormat ReadRecords(CsvRecordReader csv, DataFormat? format, IProgress<long>? progress, string openSdgIndicator)
    {
        var reader = this;
        if (!csv.Read())
        {
            if (csv.Problem is null)
            {
                reader.Problem(1, 0, "", "the file is empty: it needs a header row and at least one data row");
            }
            return format ?? DataFormat.Els;
        }
        var header = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var names = new List<string>();
        for (var i = 0; i < csv.FieldCount; i++)
        {
            var name = csv.GetString(i).Trim();
            names.Add(name);
            header.TryAdd(name, i);
        }
        var detected = format ?? Detect(header);
        if (detected is null)
        {
            reader.Problem(1, 0, "", "the header matches no known format: ONS Explore Local Statistics needs areacd, indicator, period and observation; Open SDG needs Year and Value; tidy needs area, indicator, period and value");
            return DataFormat.Els;
        }
        var required = detected switch { DataFormat.Els => ElsRequired, DataFormat.Tidy => TidyRequired, _ => OpenSdgRequired };
        var missing = required.Where(r => !header.ContainsKey(r)).ToList();
        if (missing.Count > 0)
        {
            reader.Problem(1, 0, "", $"the header has no {string.Join(", ", missing.Select(m => $"'{m}'"))} column{(missing.Count > 1 ? "s" : "")}; columns are found by name");
            return detected.Value;
        }
        switch (detected.Value)
        {
            case DataFormat.Els:
                reader.ReadEls(csv, header, progress);
                break;
            case DataFormat.Tidy:
                reader.ReadTidy(csv, header, progress);
                break;
            default:
                reader.ReadOpenSdg(csv, header, names, openSdgIndicator, progress);
                break;
        }
        return detected.Value;
    }

    private static DataFormat? Detect(Dictionary<string, int> header) =>
        header.ContainsKey("areacd") ? DataFormat.Els
        : header.ContainsKey("Year") && header.ContainsKey("Value") ? DataFormat.OpenSdg
        : header.ContainsKey("area") && header.ContainsKey("indicator") ? DataFormat.Tidy
        : null;

    /// <summary>"indicator_3-9-1.csv" → "3-9-1", as Open SDG names its data files.</summary>
    public static string OpenSdgIdFromFileName(string file)
    {
        var name = Path.GetFileNameWithoutExtension(file);
        return name.StartsWith("indicator_", StringComparison.OrdinalIgnoreCase) ? name["indicator_".Length..] : name;
    }

    private Result Finish(DataFormat format) =>
        new(format, _batch, _problems, _problemCount, _rowsRead, _merged, _recoded, _skipped, _indicators, _unplaced);

    private void ReadEls(CsvRecordReader csv, Dictionary<string, int> h, IProgress<long>? progress)
    {
        int area = h["areacd"], indicator = h["indicator"], period = h["period"], value = h["observation"];
        var name = Col(h, "areanm");
        var geography = Col(h, "geography");
        var unit = Col(h, "unit");
        var lci = Col(h, "lci_95");
        var uci = Col(h, "uci_95");
        var status = Col(h, "status");
        var note = Col(h, "notes");
        var byLabel = _catalogue.Indicators.Where(i => i.Format == DataFormat.Els).ToDictionary(i => i.Label, StringComparer.Ordinal);
        var lookup = byLabel.GetAlternateLookup<ReadOnlySpan<char>>();
        IndicatorDefinition? last = null;
        while (csv.Read())
        {
            Tick(progress);
            var label = csv[indicator].Trim();
            if (last is null || !label.SequenceEqual(last.Label))
            {
                if (!lookup.TryGetValue(label, out last))
                {
                    Problem(csv.Line, indicator + 1, "indicator", $"{InputLimits.Quote(label)} is not in the indicator catalogue (an ELS file's indicator column must match an indicator's label, e.g. '{byLabel.Keys.First()}')");
                    last = null;
                    continue;
                }
            }
            if (unit >= 0 && !UnitAgrees(last, csv[unit].Trim()))
            {
                Problem(csv.Line, unit + 1, "unit", $"{InputLimits.Quote(csv[unit].Trim())} contradicts the catalogue, which gives {DescribeUnits(last)} for {last.Id}");
                continue;
            }
            AddRow(csv, last, area, name, geography, period, value, lci, uci, status, note, "", ElsStatus);
        }
    }

    private void ReadTidy(CsvRecordReader csv, Dictionary<string, int> h, IProgress<long>? progress)
    {
        int area = h["area"], indicator = h["indicator"], period = h["period"], value = h["value"];
        var unit = Col(h, "unit");
        var lci = Col(h, "lci95");
        var uci = Col(h, "uci95");
        var status = Col(h, "status");
        var note = Col(h, "note");
        var disaggregation = Col(h, "disaggregation");
        IndicatorDefinition? last = null;
        while (csv.Read())
        {
            Tick(progress);
            var id = csv[indicator].Trim();
            if (last is null || !id.SequenceEqual(last.Id))
            {
                last = _catalogue.Find(new string(id));
                if (last is null)
                {
                    Problem(csv.Line, indicator + 1, "indicator", $"{InputLimits.Quote(id)} is not an indicator id in the catalogue");
                    continue;
                }
            }
            if (unit >= 0 && csv[unit].Trim().Length > 0 && !UnitAgrees(last, csv[unit].Trim()))
            {
                Problem(csv.Line, unit + 1, "unit", $"{InputLimits.Quote(csv[unit].Trim())} contradicts the catalogue, which gives {DescribeUnits(last)} for {last.Id}");
                continue;
            }
            var breakdown = disaggregation >= 0 ? csv[disaggregation].Trim() : [];
            if (!IsStorable(csv, disaggregation, "disaggregation", breakdown, Observation.MaxDisaggregationLength))
            {
                continue;
            }
            AddRow(csv, last, area, -1, -1, period, value, lci, uci, status, note, new string(breakdown), ElsStatus);
        }
    }

    private void ReadOpenSdg(CsvRecordReader csv, Dictionary<string, int> h, List<string> names, string sdgId, IProgress<long>? progress)
    {
        var series = _catalogue.Indicators.Where(i => i.Format == DataFormat.OpenSdg && string.Equals(i.Label, sdgId, StringComparison.OrdinalIgnoreCase)).ToList();
        if (series.Count == 0)
        {
            Problem(1, 0, "", $"Open SDG indicator {InputLimits.Quote(sdgId)} (from the file name) is not in the indicator catalogue");
            return;
        }
        foreach (var key in series.SelectMany(s => s.Select.Keys).Distinct())
        {
            if (!h.ContainsKey(key))
            {
                Problem(1, 0, "", $"the catalogue picks series of {sdgId} by a '{key}' column, which this file does not have");
                return;
            }
        }
        var selectColumns = series.SelectMany(s => s.Select.Keys).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var breakdownColumns = names.Select((n, i) => (n, i))
            .Where(c => !OpenSdgGeographyColumns.Contains(c.n) && !OpenSdgAttributeColumns.Contains(c.n) && !selectColumns.Contains(c.n) && c.n.Length > 0)
            .ToList();
        int year = h["Year"], value = h["Value"];
        var geoCode = Col(h, "GeoCode");
        var status = Col(h, "Observation status");
        int[] nameColumns = [.. names.Select((n, i) => (n, i)).Where(c => OpenSdgGeographyColumns.Contains(c.n) && c.n != "GeoCode").Select(c => c.i)];
        var sb = new System.Text.StringBuilder();
        while (csv.Read())
        {
            Tick(progress);
            var match = series.FirstOrDefault(s => s.Select.All(kv => csv[h[kv.Key]].Trim().SequenceEqual(kv.Value)));
            if (match is null)
            {
                // A series the catalogue does not describe (e.g. ATMs beside bank branches): not an error, just not ours.
                _skipped++;
                continue;
            }
            sb.Clear();
            var storable = true;
            foreach (var (name, index) in breakdownColumns)
            {
                var v = csv[index].Trim();
                if (v.Length > 0)
                {
                    storable &= IsStorable(csv, index, name, v, Observation.MaxDisaggregationLength);
                    sb.Append(sb.Length > 0 ? ";" : "").Append(name).Append('=').Append(v);
                }
            }
            if (!storable || !IsStorable(csv, breakdownColumns.Count > 0 ? breakdownColumns[0].i : 0, "disaggregation", sb.ToString(), Observation.MaxDisaggregationLength))
            {
                continue;
            }
            AddRow(csv, match, geoCode, -1, -1, year, value, -1, -1, status, -1, sb.ToString(), OpenSdgStatus, nameColumns);
        }
    }

    private static int Col(Dictionary<string, int> header, string name) => header.TryGetValue(name, out var i) ? i : -1;

    private void Tick(IProgress<long>? progress)
    {
        _rowsRead++;
        if (progress is not null && _rowsRead % 100_000 == 0)
        {
            progress.Report(_rowsRead);
        }
    }

    private static bool UnitAgrees(IndicatorDefinition indicator, ReadOnlySpan<char> unit)
    {
        if (unit.IsEmpty)
        {
            return true;
        }
        foreach (var u in indicator.SourceUnits)
        {
            if (unit.Equals(u, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return indicator.Unit is { } display && unit.Equals(display, StringComparison.OrdinalIgnoreCase);
    }

    private static string DescribeUnits(IndicatorDefinition indicator)
    {
        var units = indicator.SourceUnits.Concat(indicator.Unit is { } u ? [u] : []).Distinct().Select(u => $"'{u}'").ToList();
        return units.Count == 0 ? "no unit" : string.Join(" or ", units);
    }

    private static string ElsStatus(ReadOnlySpan<char> status) => new(status);

    /// <summary>Open SDG's SDMX-style words, shortened to ELS's codes where they mean the same.</summary>
    private static string OpenSdgStatus(ReadOnlySpan<char> status) =>
        status.Equals("Normal value", StringComparison.OrdinalIgnoreCase) || status.Equals("Undefined", StringComparison.OrdinalIgnoreCase) ? ""
        : status.Equals("Missing value", StringComparison.OrdinalIgnoreCase) ? "x"
        : status.Equals("Low reliability", StringComparison.OrdinalIgnoreCase) ? "u"
        : new string(status);

    private void AddRow(CsvRecordReader csv, IndicatorDefinition indicator, int areaColumn, int nameColumn, int geographyColumn, int periodColumn,
        int valueColumn, int lciColumn, int uciColumn, int statusColumn, int noteColumn, string disaggregation, Func<ReadOnlySpan<char>, string> statusOf,
        int[]? openSdgNames = null)
    {
        var ok = true;
        var code = areaColumn >= 0 ? csv[areaColumn].Trim() : [];
        var area = ResolveArea(code);
        if (openSdgNames is not null)
        {
            // Open SDG rows name their area in geography columns (most specific last) as well as, usually, GeoCode.
            // Without a GeoCode the name places the row; the headline rows name nothing and are the whole United
            // Kingdom. Where GeoCode gives a parent of the named area (the UK file gives Welsh and Scottish
            // councils their nation's code) the named area is the one meant. A name that is no place (a survey
            // area such as "North Nottinghamshire") cannot be placed, so the row is passed over and counted.
            ReadOnlySpan<char> named = [];
            foreach (var i in openSdgNames)
            {
                if (!csv[i].Trim().IsEmpty)
                {
                    named = csv[i].Trim();
                }
            }
            var byName = named.IsEmpty ? null : _places.FindByName(new string(named));
            if (code.IsEmpty)
            {
                if (named.IsEmpty)
                {
                    area = ResolveArea("K02000001");
                }
                else if (byName is not null)
                {
                    area = ResolveArea(byName.Code);
                }
                else
                {
                    _skipped++;
                    // Listed for the person importing; a name longer than any place's is listed by its start only.
                    _unplaced.Add(named.Length > 200 ? InputLimits.Quote(named) : new string(named));
                    return;
                }
            }
            else if (byName is not null && area is { } given && !byName.Code.AsSpan().SequenceEqual(code) && byName.Parents.Contains(new string(code)))
            {
                area = ResolveArea(byName.Code);
            }
        }
        if (area is null)
        {
            ok = false;
            var name = nameColumn >= 0 ? csv[nameColumn].Trim().ToString() : "";
            var suggestion = name.Length > 0 && _places.Search(name).FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)) is { } p
                ? $"; {p.Name} is {p.Code}" : "";
            Problem(csv.Line, areaColumn + 1, "area", code.IsEmpty ? "the area code is blank" : $"{InputLimits.Quote(code)} is not a known area code{suggestion}");
        }
        var periodText = csv[periodColumn].Trim();
        // A file holds few distinct periods, so each text is parsed once.
        var periods = _periodCache.GetAlternateLookup<ReadOnlySpan<char>>();
        if (!periods.TryGetValue(periodText, out var parsed))
        {
            parsed = Period.TryParse(periodText, out var p) ? p : null;
            if (periodText.Length <= MaxCachedPeriodLength)
            {
                _periodCache[new string(periodText)] = parsed;
            }
        }
        var period = parsed.GetValueOrDefault();
        if (parsed is null)
        {
            ok = false;
            Problem(csv.Line, periodColumn + 1, "period", Period.IsOutOfRange(periodText)
                ? $"{InputLimits.Quote(periodText)} is outside {Period.FirstYear} to {Period.LastYear}, the years a period may cover"
                : $"{InputLimits.Quote(periodText)} is not a period: use ISO 8601, e.g. 2023-01-01/P1Y, 2025-04-30 or 2023");
        }
        var value = Number(csv, valueColumn, "value", ref ok);
        var lci = lciColumn >= 0 ? Number(csv, lciColumn, "lci_95", ref ok) : double.NaN;
        var uci = uciColumn >= 0 ? Number(csv, uciColumn, "uci_95", ref ok) : double.NaN;
        var statusText = statusColumn >= 0 ? csv[statusColumn].Trim() : [];
        var note = noteColumn >= 0 ? csv[noteColumn].Trim() : [];
        ok &= IsStorable(csv, statusColumn, "status", statusText, Observation.MaxStatusLength);
        ok &= IsStorable(csv, noteColumn, "note", note, Observation.MaxNoteLength);
        if (geographyColumn >= 0)
        {
            ok &= IsStorable(csv, geographyColumn, "geography", csv[geographyColumn].Trim(), Observation.MaxStatusLength);
        }
        if (!ok || area is null)
        {
            return;
        }
        var status = statusColumn >= 0 ? statusOf(statusText) : "";
        var indicatorIndex = _batch.Intern(indicator.Id);
        var periodIndex = _batch.InternPeriod(period);
        var disaggregationIndex = _batch.Intern(disaggregation);
        var labelIndex = geographyColumn >= 0 ? _batch.Intern(csv[geographyColumn].Trim()) : 0;
        var key = (indicatorIndex, area.Value.Area, periodIndex, disaggregationIndex);
        if (_rowByKey.TryGetValue(key, out var earlier))
        {
            ResolveRepeat(csv, earlier, key, area.Value, value, lci, uci, status, note, labelIndex, indicator, period, periodColumn);
            return;
        }
        var row = _batch.Add(csv.Line, indicatorIndex, area.Value.Area, area.Value.Original, periodIndex, disaggregationIndex, value, lci, uci,
            _batch.Intern(status), _batch.Intern(note), labelIndex);
        _rowByKey[key] = row;
        _indicators.Add(indicator.Id);
        if (area.Value.Original != 0)
        {
            _recoded++;
        }
    }

    /// <summary>
    /// A second row for the same indicator, area and period. ELS publishes some areas twice under two geography
    /// labels (a combined authority also tagged ITL Level 2) and some files hold a council under both its former
    /// and its current code: with the same value these are one observation, stored once. A row under a former code
    /// that disagrees with the current code's row stays with the former code, so nothing is lost. Anything else is
    /// a duplicate the file's author must resolve.
    /// </summary>
    private void ResolveRepeat(CsvRecordReader csv, int earlier, (int Indicator, int Area, int Period, int Disaggregation) key, (int Area, int Original) area,
        double value, double lci, double uci, string status, ReadOnlySpan<char> note, int label, IndicatorDefinition indicator, Period period, int periodColumn)
    {
        var sameValue = _batch.Value[earlier].Equals(value);
        var earlierRecoded = _batch.Original[earlier] != 0;
        var thisRecoded = area.Original != 0;
        if (sameValue && (earlierRecoded || thisRecoded || _batch.Label[earlier] != label))
        {
            _merged++;
            if (earlierRecoded && !thisRecoded)
            {
                // The current code's own row is the better record of the two.
                _batch.Restore(earlier, _batch.Area[earlier]);
                _recoded--;
            }
            return;
        }
        if (!sameValue && thisRecoded != earlierRecoded)
        {
            var formerKey = key with { Area = thisRecoded ? area.Original : _batch.Original[earlier] };
            if (!_rowByKey.ContainsKey(formerKey))
            {
                if (thisRecoded)
                {
                    var row = _batch.Add(csv.Line, key.Indicator, area.Original, 0, key.Period, key.Disaggregation, value, lci, uci, _batch.Intern(status), _batch.Intern(note));
                    _rowByKey[formerKey] = row;
                }
                else
                {
                    var row = _batch.Add(csv.Line, key.Indicator, area.Area, 0, key.Period, key.Disaggregation, value, lci, uci, _batch.Intern(status), _batch.Intern(note));
                    _batch.Restore(earlier, _batch.Original[earlier]);
                    _recoded--;
                    _rowByKey[formerKey] = earlier;
                    _rowByKey[key] = row;
                }
                return;
            }
        }
        var what = sameValue ? "repeats" : "gives another value for the same area, indicator and period as";
        Problem(csv.Line, periodColumn + 1, "", $"duplicate row: it {what} line {_batch.Line[earlier]} ({indicator.Id}, {_batch.Strings[area.Area]}, {period.ToIso()})");
    }

    private (int Area, int Original)? ResolveArea(ReadOnlySpan<char> code)
    {
        if (code.Length > MaxAreaCodeLength)
        {
            return null;
        }
        if (_areaCache.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(code, out var cached))
        {
            return cached;
        }
        var text = new string(code);
        (int, int)? result = null;
        if (_places.Find(text) is { } place)
        {
            if (!place.IsCurrent && _places.RecodedTo(place.Code) is { } current)
            {
                result = (_batch.Intern(current), _batch.Intern(place.Code));
            }
            else
            {
                result = (_batch.Intern(place.Code), 0);
            }
        }
        _areaCache[text] = result;
        return result;
    }

    private double Number(CsvRecordReader csv, int column, string field, ref bool ok)
    {
        var text = csv[column].Trim();
        if (text.IsEmpty)
        {
            return double.NaN;
        }
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d))
        {
            return d;
        }
        ok = false;
        Problem(csv.Line, column + 1, field, $"{InputLimits.Quote(text)} is not a number");
        return double.NaN;
    }

    /// <summary>
    /// Whether text bound for the database (a status, a note, a breakdown) fits: no longer than its limit and free of
    /// control characters, which PostgreSQL refuses (NUL) or a page cannot show. Otherwise a problem at its line and field.
    /// </summary>
    private bool IsStorable(CsvRecordReader csv, int column, string field, ReadOnlySpan<char> text, int maxLength)
    {
        if (text.Length > maxLength)
        {
            Problem(csv.Line, column + 1, field, YamlFile.TooLong(text.Length, maxLength));
            return false;
        }
        if (InputLimits.IndexOfRefusedControl(text) is >= 0 and var at)
        {
            Problem(csv.Line, column + 1, field, InputLimits.DescribeControl(text, at));
            return false;
        }
        return true;
    }

    private void Problem(int line, int column, string field, string message)
    {
        _problemCount++;
        if (_problems.Count < MaxProblemsReported)
        {
            _problems.Add(new ContentProblem(_file, line, column, field, message));
        }
    }
}
