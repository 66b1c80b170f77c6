using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Observatory.Content;
using Observatory.Frameworks;
using YamlDotNet.RepresentationModel;

namespace Observatory.Assessments.AlgorithmicImpact;

/// <summary>
/// Reads the Algorithmic Impact Assessment: a short YAML file naming the edition, its source and attribution, and
/// beside it Canada's own files, unchanged — the SurveyJS questionnaire (<c>pages[{name, elements[{type, name, title,
/// choices[{value, text}], elements…}]}]</c>) and the English strings whose <c>requirements</c> give each impact
/// level's obligations. A new edition loads without code: copy its two files and change the YAML. Every problem
/// names the file, line and field.
/// </summary>
public static partial class AlgorithmicImpactReader
{
    private static readonly string[] ManifestKeys = ["id", "title", "version", "publisher", "summary", "attribution", "source", "survey", "requirements"];
    private static readonly string[] SourceKeys = ["title", "section"];

    /// <summary>Element types that hold questions rather than being one.</summary>
    private static readonly HashSet<string> Panels = ["panel", "paneldynamic"];

    private static readonly Dictionary<string, ImpactQuestionKind> Kinds = new(StringComparer.Ordinal)
    {
        ["radiogroup"] = ImpactQuestionKind.OneChoice,
        ["dropdown"] = ImpactQuestionKind.OneChoice,
        ["checkbox"] = ImpactQuestionKind.ManyChoices,
        ["text"] = ImpactQuestionKind.Words,
        ["comment"] = ImpactQuestionKind.Words,
    };

    public static (AlgorithmicImpactTemplate? Template, IReadOnlyList<ContentProblem> Problems) Read(
        string file, string text, string expectedId, Func<string, (string Path, string Text)?> readBeside)
    {
        var doc = YamlFile.Parse(file, text);
        if (doc.Root is not { } root)
        {
            return (null, doc.Problems);
        }
        doc.RejectUnknownKeys(root, "", ManifestKeys);
        var id = doc.FileId(root, "id", expectedId);
        var sources = new List<TemplateSource>();
        foreach (var (source, path) in doc.MappingList(root, "source", "", required: true))
        {
            doc.RejectUnknownKeys(source, path, SourceKeys);
            sources.Add(new TemplateSource(doc.RequiredString(source, "title", path, FrameworkReader.MaxNameLength), doc.OptionalString(source, "section", path, FrameworkReader.MaxNameLength)));
        }
        var problems = new List<ContentProblem>();
        var pages = ReadBank(doc, root, "survey", readBeside, problems, ReadSurvey) ?? [];
        var requirements = ReadBank(doc, root, "requirements", readBeside, problems, ReadRequirements) ?? [];
        var template = new AlgorithmicImpactTemplate
        {
            Id = id,
            Title = doc.RequiredString(root, "title", "", FrameworkReader.MaxNameLength),
            Version = doc.RequiredString(root, "version", "", FrameworkReader.MaxNameLength),
            Publisher = doc.RequiredString(root, "publisher", "", FrameworkReader.MaxNameLength),
            Summary = doc.RequiredString(root, "summary", "", FrameworkReader.MaxTextLength),
            Attribution = doc.RequiredString(root, "attribution", "", FrameworkReader.MaxTextLength),
            Sources = sources,
            Pages = pages,
            Requirements = requirements,
        };
        if (doc.Problems.Count == 0 && problems.Count == 0)
        {
            if (template.MaxRawScore <= 0)
            {
                doc.Problem(doc.Get(root, "survey"), "survey", "holds no question scored for raw impact (a name or panel ending in -RS with weighted choices)");
            }
            var names = template.Questions.GroupBy(q => q.Name).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
            if (names.Count > 0)
            {
                doc.Problem(doc.Get(root, "survey"), "survey", $"names more than one question {string.Join(", ", names)}: an answer file could not say which it answers");
            }
        }
        IReadOnlyList<ContentProblem> all = [.. doc.Problems, .. problems];
        return all.Count == 0 ? (template, all) : (null, all);
    }

    private static T? ReadBank<T>(YamlFile doc, YamlMappingNode root, string key, Func<string, (string Path, string Text)?> readBeside, List<ContentProblem> problems,
        Func<YamlFile, YamlMappingNode, T> read)
        where T : class
    {
        var name = doc.RequiredString(root, key, "", FrameworkReader.MaxNameLength);
        if (name.Length == 0)
        {
            return null;
        }
        if (name.Contains('/', StringComparison.Ordinal) || name.Contains('\\', StringComparison.Ordinal) || readBeside(name) is not { } bank)
        {
            doc.Problem(doc.Get(root, key), key, $"{InputLimits.Quote(name)} is not a file beside this one");
            return null;
        }
        // JSON is YAML, so the reader that keeps lines for data files keeps them here too.
        var json = YamlFile.Parse(bank.Path, bank.Text);
        var value = json.Root is { } bankRoot ? read(json, bankRoot) : null;
        problems.AddRange(json.Problems);
        return json.Problems.Count == 0 ? value : null;
    }

    private static List<ImpactPage> ReadSurvey(YamlFile doc, YamlMappingNode root)
    {
        var pages = new List<ImpactPage>();
        foreach (var (page, path) in doc.MappingList(root, "pages", "", required: true))
        {
            var name = doc.RequiredString(page, "name", path, FrameworkReader.MaxNameLength);
            var questions = new List<ImpactQuestion>();
            ReadElements(doc, page, path, name, name, questions);
            var title = doc.Get(page, "title") is { } t ? Text(t) : null;
            pages.Add(new ImpactPage(name, title ?? questions.FirstOrDefault()?.Title ?? name, questions));
        }
        return pages;
    }

    private static void ReadElements(YamlFile doc, YamlMappingNode parent, string path, string parentName, string page, List<ImpactQuestion> into)
    {
        foreach (var (element, elementPath) in doc.MappingList(parent, "elements", path, required: false))
        {
            var type = doc.RequiredString(element, "type", elementPath, FrameworkReader.MaxNameLength);
            var name = doc.RequiredString(element, "name", elementPath, FrameworkReader.MaxNameLength);
            if (Panels.Contains(type))
            {
                ReadElements(doc, element, elementPath, name, page, into);
                continue;
            }
            if (!Kinds.TryGetValue(type, out var kind))
            {
                // Text shown between questions (html), or a kind of question the tool does not score: not a question here.
                continue;
            }
            var choices = new List<ImpactChoice>();
            if (kind != ImpactQuestionKind.Words)
            {
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var (choice, choicePath) in doc.MappingList(element, "choices", elementPath, required: true))
                {
                    var value = doc.RequiredString(choice, "value", choicePath, FrameworkReader.MaxNameLength);
                    if (value.Length > 0 && !seen.Add(value))
                    {
                        doc.Problem(doc.Get(choice, "value"), YamlFile.Join(choicePath, "value"), $"{InputLimits.Quote(value)} is another choice's value too");
                    }
                    choices.Add(new ImpactChoice(value, (doc.Get(choice, "text") is { } ct ? Text(ct) : null) ?? value, Weight(value)));
                }
            }
            into.Add(new ImpactQuestion
            {
                Name = name,
                Title = (doc.Get(element, "title") is { } title ? Text(title) : null) ?? name,
                Page = page,
                Kind = kind,
                // As the tool: the question's own ending first, then its panel's; no ending is not scored.
                ScoreType = ScoreTypeOf(name) ?? ScoreTypeOf(parentName) ?? ImpactScoreType.NotScored,
                Choices = choices,
                ShownWhen = doc.OptionalString(element, "visibleIf", elementPath, FrameworkReader.MaxTextLength),
                Line = YamlFile.LineOf(element),
            });
        }
    }

    private static ImpactScoreType? ScoreTypeOf(string name) =>
        name.EndsWith("-RS", StringComparison.Ordinal) ? ImpactScoreType.Risk
        : name.EndsWith("-MS", StringComparison.Ordinal) ? ImpactScoreType.Mitigation
        : name.EndsWith("-NS", StringComparison.Ordinal) ? ImpactScoreType.NotScored
        : null;

    /// <summary>
    /// The weight a choice value carries, as the tool reads it: the number after its last hyphen (<c>item2-3</c> is 3);
    /// no hyphen, or no number after it, is 0 (<c>item1</c>, <c>001</c>).
    /// </summary>
    public static double Weight(string value)
    {
        var hyphen = value.LastIndexOf('-');
        if (hyphen < 0)
        {
            return 0;
        }
        var tail = value[(hyphen + 1)..].Trim();
        return tail.Length == 0 ? 0
            : double.TryParse(tail, NumberStyles.Float, CultureInfo.InvariantCulture, out var weight) && double.IsFinite(weight) ? weight : 0;
    }

    private static List<ImpactRequirement> ReadRequirements(YamlFile doc, YamlMappingNode root)
    {
        var list = new List<ImpactRequirement>();
        if (doc.Get(root, "requirements") is not YamlMappingNode requirements)
        {
            doc.Problem(root, "requirements", "is required: the requirements specific to each impact level");
            return list;
        }
        foreach (var (requirement, path) in doc.MappingList(requirements, "elements", "requirements", required: true))
        {
            var title = doc.RequiredString(requirement, "title", path, FrameworkReader.MaxNameLength);
            var byLevel = new List<string>();
            foreach (var (level, levelPath) in doc.MappingList(requirement, "elements", path, required: true))
            {
                byLevel.Add(PlainText(doc.RequiredString(level, "text", levelPath, FrameworkReader.MaxTextLength)));
            }
            if (byLevel.Count != AlgorithmicImpactTemplate.Levels)
            {
                doc.Problem(doc.Get(requirement, "elements"), YamlFile.Join(path, "elements"), $"gives {byLevel.Count} levels; the assessment has {AlgorithmicImpactTemplate.Levels} (I to IV)");
            }
            list.Add(new ImpactRequirement(title, byLevel));
        }
        return list;
    }

    /// <summary>A text in English: the tool's texts are plain or <c>{default: English, fr: French}</c>.</summary>
    private static string? Text(YamlNode node) => node switch
    {
        YamlScalarNode s => s.Value,
        YamlMappingNode m when m.Children.TryGetValue(new YamlScalarNode("default"), out var d) && d is YamlScalarNode s => s.Value,
        _ => null,
    };

    /// <summary>The requirement texts carry a link or two as HTML; the Observatory shows them as words.</summary>
    private static string PlainText(string html) => WebUtility.HtmlDecode(Tag().Replace(html, "")).Trim();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tag();
}
