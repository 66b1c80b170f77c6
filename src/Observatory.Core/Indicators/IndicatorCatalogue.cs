using Observatory.Content;
using Observatory.Frameworks;

namespace Observatory.Indicators;

/// <summary>
/// Every indicator the Observatory knows: what each series measures, which way is better, which framework
/// elements it is evidence for and the thresholds to read it against. Shipped content, loaded once at start-up
/// and immutable; importers use it to recognise the series in a source file.
/// </summary>
public sealed class IndicatorCatalogue
{
    private readonly Dictionary<string, IndicatorDefinition> _byId;
    private readonly Dictionary<string, IndicatorDataset> _datasetsById;
    private readonly ILookup<(DataFormat Format, string Label), IndicatorDefinition> _byLabel;
    private readonly ILookup<ElementRef, IndicatorDefinition> _byElement;

    /// <summary>Builds a catalogue from datasets already checked (see <see cref="LoadShipped"/>); ids must be unique.</summary>
    public IndicatorCatalogue(IReadOnlyList<IndicatorDataset> datasets)
    {
        Datasets = [.. datasets
            .OrderBy(d => TopicOrder(d.Topic))
            .ThenBy(d => d.Name, StringComparer.OrdinalIgnoreCase)];
        Indicators = [.. Datasets.SelectMany(d => d.Indicators)];
        _datasetsById = Datasets.ToDictionary(d => d.Id);
        _byId = Indicators.ToDictionary(i => i.Id);
        _byLabel = Indicators.ToLookup(i => (i.Format, i.Label));
        _byElement = Indicators.SelectMany(i => i.Evidences.Select(e => (Element: e, Indicator: i))).ToLookup(p => p.Element, p => p.Indicator);
    }

    /// <summary>Datasets by topic (in <see cref="IndicatorReader.Topics"/> order), then name.</summary>
    public IReadOnlyList<IndicatorDataset> Datasets { get; }

    /// <summary>Every indicator, in dataset order and then file order.</summary>
    public IReadOnlyList<IndicatorDefinition> Indicators { get; }

    public IndicatorDefinition? Find(string id) => _byId.GetValueOrDefault(id);

    public IndicatorDataset? FindDataset(string id) => _datasetsById.GetValueOrDefault(id);

    /// <summary>
    /// The entry a source file's series belongs to. For ELS the label is the <c>indicator</c> column; for tidy
    /// files the indicator id. For Open SDG the label is the indicator id and <paramref name="selectValues"/> the
    /// row's disaggregation columns (blank cells may be left out or passed empty): the entry whose
    /// <c>select</c> equals them exactly, so a breakdown (by sex, by decile…) is never taken for the headline.
    /// </summary>
    public IndicatorDefinition? FindByLabel(DataFormat format, string label, IReadOnlyDictionary<string, string>? selectValues = null)
    {
        var candidates = _byLabel[(format, label)];
        if (format != DataFormat.OpenSdg)
        {
            return candidates.FirstOrDefault();
        }
        var given = (selectValues ?? new Dictionary<string, string>())
            .Where(p => !string.IsNullOrWhiteSpace(p.Value))
            .ToDictionary(p => p.Key, p => p.Value.Trim(), StringComparer.Ordinal);
        return candidates.FirstOrDefault(i => SameSelect(i.Select, given));
    }

    /// <summary>The indicators tagged as evidence for exactly this element (not its children).</summary>
    public IReadOnlyList<IndicatorDefinition> ByElement(ElementRef element) => [.. _byElement[element]];

    private static bool SameSelect(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b) =>
        a.Count == b.Count && a.All(p => b.TryGetValue(p.Key, out var v) && string.Equals(v, p.Value, StringComparison.Ordinal));

    private static int TopicOrder(string topic)
    {
        var i = IndicatorReader.Topics.ToList().IndexOf(topic);
        return i < 0 ? int.MaxValue : i;
    }

    /// <summary>
    /// Loads data/indicators/catalogue/*.yaml, checking every element reference against
    /// <paramref name="frameworks"/> and every data file against data/indicators/. Any problem in any file stops
    /// the load with every problem listed (file, line, field, message).
    /// </summary>
    public static IndicatorCatalogue LoadShipped(DataFolder data, FrameworkCatalogue frameworks)
    {
        var root = data.Combine("indicators");
        var folder = Path.Combine(root, "catalogue");
        var problems = new List<ContentProblem>();
        var datasets = new List<IndicatorDataset>();
        if (!Directory.Exists(folder))
        {
            throw new ContentValidationException([new ContentProblem(data.Relative(folder), 0, 0, "", "does not exist: the indicator catalogue is missing")]);
        }
        foreach (var path in Directory.EnumerateFiles(folder, "*.yaml").Order(StringComparer.Ordinal))
        {
            var (dataset, found) = IndicatorReader.ReadDataset(
                data.Relative(path),
                File.ReadAllText(path),
                Path.GetFileNameWithoutExtension(path),
                frameworks.Contains,
                relative => File.Exists(Path.Combine(root, relative)));
            problems.AddRange(found);
            if (dataset is not null)
            {
                datasets.Add(dataset);
            }
        }
        if (datasets.Count == 0 && problems.Count == 0)
        {
            problems.Add(new ContentProblem(data.Relative(folder), 0, 0, "", "holds no indicator catalogue files"));
        }
        problems.AddRange(CheckAcrossFiles(datasets));
        if (problems.Count > 0)
        {
            throw new ContentValidationException(problems);
        }
        return new IndicatorCatalogue(datasets);
    }

    /// <summary>Ids and labels must be unique across the whole catalogue, so a reference or a source row names one entry.</summary>
    internal static IReadOnlyList<ContentProblem> CheckAcrossFiles(IReadOnlyList<IndicatorDataset> datasets)
    {
        var problems = new List<ContentProblem>();
        var ids = new Dictionary<string, IndicatorDefinition>();
        var labels = new List<IndicatorDefinition>();
        foreach (var (index, indicator) in datasets.SelectMany(d => d.Indicators.Select((i, n) => (n, i))))
        {
            var path = $"indicators[{index}]";
            if (ids.TryGetValue(indicator.Id, out var first))
            {
                problems.Add(new ContentProblem(indicator.SourceFile, indicator.Line, indicator.Column, path + ".id",
                    $"'{indicator.Id}' is used twice (first at {first.SourceFile}:{first.Line}); indicator ids must be unique across the catalogue"));
            }
            else
            {
                ids[indicator.Id] = indicator;
            }
            var same = labels.FirstOrDefault(l => l.Format == indicator.Format && l.Label == indicator.Label && SameSelect(l.Select, indicator.Select));
            if (same is not null)
            {
                problems.Add(new ContentProblem(indicator.SourceFile, indicator.Line, indicator.Column, path + ".label",
                    $"'{indicator.Label}'{(indicator.Select.Count > 0 ? " with this select" : "")} already names '{same.Id}' ({same.SourceFile}:{same.Line}); a source series must map to one entry"));
            }
            else
            {
                labels.Add(indicator);
            }
        }
        return problems;
    }
}
