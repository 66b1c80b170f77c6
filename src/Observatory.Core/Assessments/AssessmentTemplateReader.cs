using System.Text;
using Observatory.Content;
using Observatory.Frameworks;
using YamlDotNet.RepresentationModel;

namespace Observatory.Assessments;

/// <summary>
/// Reads an assessment template file (YAML) and checks it against the rules in docs/assessments.md, reporting every
/// problem with its file, line and field. A template's questions may also come from a question bank in the Open Data
/// Institute's maturity JSON shape (<see cref="OdiMaturityFormat"/>), so a new edition of such an assessment loads
/// without code.
/// </summary>
public static class AssessmentTemplateReader
{
    /// <summary>Ids of templates made from a framework start with this; no shipped template may.</summary>
    public const string FrameworkPrefix = "framework-";

    public const string OdiMaturityFormat = "odi-maturity";

    /// <summary>Levels of the maturity scale: five, each anchored by a statement in every question.</summary>
    public const int MaturityLevels = 5;

    public static readonly IReadOnlyDictionary<string, AnswerScale> Scales = new Dictionary<string, AnswerScale>
    {
        ["maturity"] = AnswerScale.Maturity,
        ["checklist"] = AnswerScale.Checklist,
        ["agreement"] = AnswerScale.Agreement,
        ["free-text"] = AnswerScale.FreeText,
    };

    private static readonly string[] TemplateKeys = ["id", "title", "short-title", "version", "publisher", "summary", "authorship", "source", "scale", "levels", "elements", "sections", "topics", "questions-from"];
    private static readonly string[] SourceKeys = ["title", "section"];
    private static readonly string[] SectionKeys = ["id", "title", "guidance", "labels", "elements", "questions"];
    private static readonly string[] TopicKeys = ["id", "title", "guidance", "labels", "elements", "themes"];
    private static readonly string[] ThemeKeys = ["id", "title", "questions"];
    private static readonly string[] QuestionKeys = ["id", "text", "guidance", "elements", "statements", "scale"];
    private static readonly string[] StatementKeys = ["level", "text"];
    private static readonly string[] ImportKeys = ["file", "format"];

    /// <summary>
    /// Reads one template. <paramref name="readFile"/> gives the text of a question bank named under
    /// <c>questions-from</c> (null when there is no such file); <paramref name="elementExists"/> checks element references.
    /// </summary>
    public static (AssessmentTemplate? Template, IReadOnlyList<ContentProblem> Problems) Read(
        string file, string text, string expectedId, Func<ElementRef, bool> elementExists, Func<string, (string Path, string Text)?> readFile)
    {
        var doc = YamlFile.Parse(file, text);
        if (doc.Root is not { } root)
        {
            return (null, doc.Problems);
        }
        doc.RejectUnknownKeys(root, "", TemplateKeys);
        var id = doc.FileId(root, "id", expectedId);
        if (id == expectedId && id.StartsWith(FrameworkPrefix, StringComparison.Ordinal))
        {
            doc.Problem(doc.Get(root, "id"), "id", $"must not start with '{FrameworkPrefix}', which names the checklists made from frameworks");
        }
        var scale = doc.Choice(root, "scale", "", Scales) ?? AnswerScale.Checklist;
        var defaultElements = ReadElements(doc, root, "", elementExists);
        var context = new Context(doc, scale, elementExists, [], []);

        var shapes = new[] { "sections", "topics", "questions-from" }.Where(k => doc.Get(root, k) is not null).ToList();
        if (shapes.Count != 1)
        {
            doc.Problem(root, shapes.Count == 0 ? "sections" : shapes[1],
                shapes.Count == 0 ? "is required: give the questions as 'sections', 'topics' (with themes) or 'questions-from'" : $"give only one of 'sections', 'topics' and 'questions-from' (found {string.Join(", ", shapes)})");
        }
        var structure = TemplateStructure.Sections;
        List<AssessmentTopic> topics = [];
        IReadOnlyList<string>? bankLevels = null;
        if (doc.Get(root, "sections") is not null)
        {
            topics = ReadSections(context, root, defaultElements);
        }
        else if (doc.Get(root, "topics") is not null)
        {
            structure = TemplateStructure.Topics;
            topics = ReadTopics(context, root, defaultElements);
        }
        else if (doc.Get(root, "questions-from") is YamlMappingNode import)
        {
            structure = TemplateStructure.Topics;
            (topics, bankLevels) = ReadImport(context, import, defaultElements, readFile);
        }
        else if (doc.Get(root, "questions-from") is { } notMap)
        {
            doc.Problem(notMap, "questions-from", "must be a mapping with 'file' and 'format'");
        }

        var levels = doc.OptionalStringList(root, "levels", "", FrameworkReader.MaxNameLength);
        IReadOnlyList<string> levelNames = [];
        if (scale == AnswerScale.Maturity)
        {
            levelNames = levels.Count > 0 ? levels : bankLevels ?? [];
            if (levelNames.Count != MaturityLevels)
            {
                doc.Problem(doc.Get(root, "levels") ?? root, "levels", levelNames.Count == 0
                    ? $"is required on the maturity scale: name its {MaturityLevels} levels, lowest first"
                    : $"names {levelNames.Count} levels; the maturity scale has {MaturityLevels}");
            }
        }
        else if (levels.Count > 0)
        {
            doc.Problem(doc.Get(root, "levels"), "levels", $"only the maturity scale names its levels (this template's scale is {AssessmentTemplate.ScaleName(scale)})");
        }
        else if (scale == AnswerScale.Agreement)
        {
            levelNames = AssessmentTemplate.AgreementLevels;
        }

        var template = new AssessmentTemplate
        {
            Id = id,
            Title = doc.RequiredString(root, "title", "", FrameworkReader.MaxNameLength),
            ShortTitle = doc.OptionalString(root, "short-title", "", FrameworkReader.MaxNameLength),
            Version = doc.RequiredString(root, "version", "", FrameworkReader.MaxNameLength),
            Publisher = doc.RequiredString(root, "publisher", "", FrameworkReader.MaxNameLength),
            Summary = doc.RequiredString(root, "summary", "", FrameworkReader.MaxTextLength),
            Authorship = doc.OptionalString(root, "authorship", "", FrameworkReader.MaxTextLength),
            Sources = ReadSources(doc, root),
            Scale = scale,
            LevelNames = levelNames,
            Structure = structure,
            Topics = topics,
            SourceFile = file,
        };
        if (doc.Problems.Count == 0 && context.BankProblems.Count == 0 && template.QuestionCount == 0)
        {
            doc.Problem(root, shapes.FirstOrDefault() ?? "sections", "holds no questions");
        }
        IReadOnlyList<ContentProblem> all = [.. doc.Problems, .. context.BankProblems];
        return all.Count == 0 ? (template, all) : (null, all);
    }

    /// <summary>What every part of one file is read with: the file, its scale, and the question ids seen so far.</summary>
    private sealed record Context(YamlFile Doc, AnswerScale Scale, Func<ElementRef, bool> ElementExists, Dictionary<string, int> QuestionIds, List<ContentProblem> BankProblems);

    private static List<AssessmentTopic> ReadSections(Context context, YamlMappingNode root, IReadOnlyList<ElementRef> inherited)
    {
        var doc = context.Doc;
        var topics = new List<AssessmentTopic>();
        var ids = new Dictionary<string, int>();
        foreach (var (map, path) in doc.MappingList(root, "sections", "", required: true))
        {
            doc.RejectUnknownKeys(map, path, SectionKeys);
            var id = UniqueId(doc, map, path, ids, "section");
            var title = doc.RequiredString(map, "title", path, FrameworkReader.MaxNameLength);
            var elements = ReadElements(doc, map, path, context.ElementExists);
            var questions = ReadQuestions(context, map, path, elements.Count > 0 ? elements : inherited);
            topics.Add(new AssessmentTopic
            {
                Id = id,
                Title = title,
                Guidance = doc.OptionalString(map, "guidance", path, FrameworkReader.MaxTextLength),
                Labels = ReadLabels(doc, map, path),
                Elements = elements,
                Themes = [new AssessmentTheme { Id = id, Title = title, Questions = questions }],
            });
        }
        return topics;
    }

    private static List<AssessmentTopic> ReadTopics(Context context, YamlMappingNode root, IReadOnlyList<ElementRef> inherited)
    {
        var doc = context.Doc;
        var topics = new List<AssessmentTopic>();
        var ids = new Dictionary<string, int>();
        foreach (var (map, path) in doc.MappingList(root, "topics", "", required: true))
        {
            doc.RejectUnknownKeys(map, path, TopicKeys);
            var id = UniqueId(doc, map, path, ids, "topic");
            var elements = ReadElements(doc, map, path, context.ElementExists);
            var themes = new List<AssessmentTheme>();
            var themeIds = new Dictionary<string, int>();
            foreach (var (themeMap, themePath) in doc.MappingList(map, "themes", path, required: true))
            {
                doc.RejectUnknownKeys(themeMap, themePath, ThemeKeys);
                themes.Add(new AssessmentTheme
                {
                    Id = UniqueId(doc, themeMap, themePath, themeIds, "theme of this topic"),
                    Title = doc.RequiredString(themeMap, "title", themePath, FrameworkReader.MaxNameLength),
                    Questions = ReadQuestions(context, themeMap, themePath, elements.Count > 0 ? elements : inherited),
                });
            }
            topics.Add(new AssessmentTopic
            {
                Id = id,
                Title = doc.RequiredString(map, "title", path, FrameworkReader.MaxNameLength),
                Guidance = doc.OptionalString(map, "guidance", path, FrameworkReader.MaxTextLength),
                Labels = ReadLabels(doc, map, path),
                Elements = elements,
                Themes = themes,
            });
        }
        return topics;
    }

    private static List<AssessmentQuestion> ReadQuestions(Context context, YamlMappingNode parent, string parentPath, IReadOnlyList<ElementRef> inherited)
    {
        var doc = context.Doc;
        var questions = new List<AssessmentQuestion>();
        foreach (var (map, path) in doc.MappingList(parent, "questions", parentPath, required: true))
        {
            doc.RejectUnknownKeys(map, path, QuestionKeys);
            var id = UniqueId(doc, map, path, context.QuestionIds, "question");
            var elements = ReadElements(doc, map, path, context.ElementExists);
            var scale = ReadQuestionScale(doc, map, path, context.Scale);
            if (elements.Count == 0 && inherited.Count == 0)
            {
                doc.Problem(map, YamlFile.Join(path, "elements"), "is required: tie the question to the framework elements it is evidence of (here, or on its section, topic or template)");
            }
            var statements = new List<LevelStatement>();
            var statementsNode = doc.Get(map, "statements");
            foreach (var (statement, statementPath) in doc.MappingList(map, "statements", path, required: false))
            {
                doc.RejectUnknownKeys(statement, statementPath, StatementKeys);
                var level = doc.Whole(statement, "level", statementPath, 1, MaturityLevels, required: true);
                var statementText = doc.RequiredString(statement, "text", statementPath, FrameworkReader.MaxTextLength);
                if (level is { } l)
                {
                    statements.Add(new LevelStatement(l, statementText));
                }
            }
            CheckStatements(doc, scale, statementsNode ?? map, YamlFile.Join(path, "statements"), statements);
            questions.Add(new AssessmentQuestion
            {
                Id = id,
                Text = doc.RequiredString(map, "text", path, FrameworkReader.MaxTextLength),
                Guidance = doc.OptionalString(map, "guidance", path, FrameworkReader.MaxTextLength),
                Elements = elements.Count > 0 ? elements : inherited,
                Statements = [.. statements.OrderBy(s => s.Level)],
                InWords = scale == AnswerScale.FreeText,
                Line = YamlFile.LineOf(map),
            });
        }
        return questions;
    }

    /// <summary>
    /// A question takes the template's scale, or is answered in words (<c>scale: free-text</c>) on any template, as a
    /// survey asks "anything else?" beside its scored statements. Words are never scored, so no other scale may be
    /// mixed in: one template's scores stay on one scale.
    /// </summary>
    private static AnswerScale ReadQuestionScale(YamlFile doc, YamlMappingNode map, string path, AnswerScale templateScale)
    {
        if (doc.Get(map, "scale") is not { } node)
        {
            return templateScale;
        }
        var scale = doc.Choice(map, "scale", path, Scales);
        if (scale is { } s && s != templateScale && s != AnswerScale.FreeText)
        {
            doc.Problem(node, YamlFile.Join(path, "scale"), $"a question may only be answered in words ('free-text') instead of on the template's scale ({AssessmentTemplate.ScaleName(templateScale)})");
            return templateScale;
        }
        return scale ?? templateScale;
    }

    /// <summary>The maturity scale anchors every level of every question; other scales have no statements.</summary>
    private static void CheckStatements(YamlFile doc, AnswerScale scale, YamlNode node, string field, List<LevelStatement> statements)
    {
        if (scale != AnswerScale.Maturity)
        {
            if (statements.Count > 0)
            {
                doc.Problem(node, field, scale == AnswerScale.FreeText
                    ? "only questions on the maturity scale have level statements (this question is answered in words)"
                    : $"only questions on the maturity scale have level statements (this template's scale is {AssessmentTemplate.ScaleName(scale)})");
            }
            return;
        }
        var levels = statements.Select(s => s.Level).ToList();
        var missing = Enumerable.Range(1, MaturityLevels).Except(levels).ToList();
        var twice = levels.GroupBy(l => l).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (missing.Count > 0 || twice.Count > 0)
        {
            doc.Problem(node, field, $"needs exactly one statement for each level 1 to {MaturityLevels}"
                + (missing.Count > 0 ? $"; missing level {string.Join(", ", missing)}" : "")
                + (twice.Count > 0 ? $"; level {string.Join(", ", twice)} given twice" : ""));
        }
    }

    private static (List<AssessmentTopic> Topics, IReadOnlyList<string>? Levels) ReadImport(
        Context context, YamlMappingNode import, IReadOnlyList<ElementRef> elements, Func<string, (string Path, string Text)?> readFile)
    {
        var doc = context.Doc;
        doc.RejectUnknownKeys(import, "questions-from", ImportKeys);
        var file = doc.RequiredString(import, "file", "questions-from", FrameworkReader.MaxNameLength);
        var format = doc.RequiredString(import, "format", "questions-from", FrameworkReader.MaxNameLength);
        if (format.Length > 0 && format != OdiMaturityFormat)
        {
            doc.Problem(doc.Get(import, "format"), "questions-from.format", $"{InputLimits.Quote(format)} is not one of: {OdiMaturityFormat}");
            return ([], null);
        }
        if (elements.Count == 0)
        {
            doc.Problem(import, "elements", "is required with 'questions-from': tie the imported questions to the framework elements they are evidence of");
        }
        if (file.Length == 0)
        {
            return ([], null);
        }
        if (file.IndexOfAny(['/', '\\']) >= 0 || file.StartsWith('.'))
        {
            doc.Problem(doc.Get(import, "file"), "questions-from.file", $"{InputLimits.Quote(file)} must name a file beside the template");
            return ([], null);
        }
        if (readFile(file) is not { } bank)
        {
            doc.Problem(doc.Get(import, "file"), "questions-from.file", $"{InputLimits.Quote(file)} does not exist beside the template");
            return ([], null);
        }
        var (topics, levels, problems) = OdiMaturityImporter.Read(bank.Path, bank.Text, elements);
        // The bank's problems keep its own file and lines, so a person fixes the JSON where it is wrong.
        context.BankProblems.AddRange(problems);
        return (topics, levels);
    }

    private static string UniqueId(YamlFile doc, YamlMappingNode map, string path, Dictionary<string, int> seen, string what)
    {
        var id = doc.RequiredId(map, "id", path);
        if (id.Length == 0)
        {
            return id;
        }
        if (seen.TryGetValue(id, out var first))
        {
            doc.Problem(doc.Get(map, "id"), YamlFile.Join(path, "id"), $"{InputLimits.Quote(id)} is used twice (first at line {first}); each {what} needs its own id");
        }
        else
        {
            seen[id] = YamlFile.LineOf(map);
        }
        return id;
    }

    private static List<ElementRef> ReadElements(YamlFile doc, YamlMappingNode map, string path, Func<ElementRef, bool> elementExists)
    {
        var list = new List<ElementRef>();
        var items = doc.OptionalStringList(map, "elements", path, FrameworkReader.MaxNameLength);
        for (var i = 0; i < items.Count; i++)
        {
            var field = $"{YamlFile.Join(path, "elements")}[{i}]";
            var node = (doc.Get(map, "elements") as YamlSequenceNode)?.Children.ElementAtOrDefault(i);
            if (!ElementRef.TryParse(items[i], out var reference))
            {
                doc.Problem(node, field, $"{InputLimits.Quote(items[i])} must be framework-id/element-id");
            }
            else if (!elementExists(reference))
            {
                doc.Problem(node, field, $"{InputLimits.Quote(items[i])} names no element of the framework catalogue");
            }
            else
            {
                list.Add(reference);
            }
        }
        return list;
    }

    private static Dictionary<string, string> ReadLabels(YamlFile doc, YamlMappingNode map, string path)
    {
        var labels = new Dictionary<string, string>();
        switch (doc.Get(map, "labels"))
        {
            case null:
                break;
            case YamlMappingNode labelMap:
                foreach (var (k, v) in labelMap.Children)
                {
                    if (k is YamlScalarNode { Value: { Length: > 0 and <= FrameworkReader.MaxNameLength } name } && v is YamlScalarNode { Value: { Length: > 0 and <= FrameworkReader.MaxNameLength } label })
                    {
                        labels[name] = label.Trim();
                    }
                    else
                    {
                        doc.Problem(k, YamlFile.Join(path, "labels"), $"each label must be text of at most {FrameworkReader.MaxNameLength} characters");
                    }
                }
                break;
            case var other:
                doc.Problem(other, YamlFile.Join(path, "labels"), "must be a mapping of vocabulary: label");
                break;
        }
        return labels;
    }

    private static List<TemplateSource> ReadSources(YamlFile doc, YamlMappingNode root)
    {
        var sources = new List<TemplateSource>();
        foreach (var (map, path) in doc.MappingList(root, "source", "", required: true))
        {
            doc.RejectUnknownKeys(map, path, SourceKeys);
            sources.Add(new TemplateSource(
                doc.RequiredString(map, "title", path, FrameworkReader.MaxNameLength),
                doc.OptionalString(map, "section", path, FrameworkReader.MaxNameLength)));
        }
        return sources;
    }

    /// <summary>"Having the right data skills and knowledge" → "having-the-right-data-skills-and-knowledge".</summary>
    public static string Slug(string text)
    {
        var sb = new StringBuilder();
        foreach (var c in text.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                sb.Append(c);
            }
            else if (sb.Length > 0 && sb[^1] != '-')
            {
                sb.Append('-');
            }
        }
        var slug = sb.ToString().Trim('-');
        return slug.Length > YamlFile.MaxIdLength ? slug[..YamlFile.MaxIdLength].Trim('-') : slug;
    }
}
