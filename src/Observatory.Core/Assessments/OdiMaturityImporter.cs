using Observatory.Content;
using Observatory.Frameworks;

namespace Observatory.Assessments;

/// <summary>
/// Reads a question bank in the JSON shape of the Open Data Institute's maturity tool, which hosts the government's
/// Data Maturity Assessment: <c>{title, levels[5], dimensions[{name, activities[{title, questions[{text, context,
/// statements[{text, associatedLevel}]}]}]}]}</c>. Dimensions become topics, activities themes. The bank has no ids,
/// so they are made from the names: a topic's and a theme's from their names, a question's from both and its place
/// in the theme (e.g. <c>engaging-with-others-culture-1</c>), stable for as long as an edition keeps its order.
/// </summary>
public static class OdiMaturityImporter
{
    public static (List<AssessmentTopic> Topics, IReadOnlyList<string>? Levels, IReadOnlyList<ContentProblem> Problems) Read(
        string file, string text, IReadOnlyList<ElementRef> elements)
    {
        // JSON is YAML, so the reader that keeps lines for data files keeps them here too. Keys the Observatory does
        // not use (owner, tags, public…) are passed over, so a later edition that adds some still loads.
        var doc = YamlFile.Parse(file, text);
        if (doc.Root is not { } root)
        {
            return ([], null, doc.Problems);
        }
        var levels = doc.OptionalStringList(root, "levels", "", FrameworkReader.MaxNameLength);
        if (levels.Count != AssessmentTemplateReader.MaturityLevels)
        {
            doc.Problem(doc.Get(root, "levels") ?? root, "levels", $"names {levels.Count} levels; the maturity scale has {AssessmentTemplateReader.MaturityLevels}");
        }
        var topics = new List<AssessmentTopic>();
        var topicIds = new HashSet<string>();
        foreach (var (dimension, path) in doc.MappingList(root, "dimensions", "", required: true))
        {
            var name = doc.RequiredString(dimension, "name", path, FrameworkReader.MaxNameLength);
            var topicId = AssessmentTemplateReader.Slug(name);
            if (name.Length > 0 && (topicId.Length == 0 || !topicIds.Add(topicId)))
            {
                doc.Problem(doc.Get(dimension, "name"), YamlFile.Join(path, "name"), $"{InputLimits.Quote(name)} gives the id '{topicId}', which is empty or used by another dimension");
            }
            var themes = new List<AssessmentTheme>();
            var themeIds = new HashSet<string>();
            foreach (var (activity, activityPath) in doc.MappingList(dimension, "activities", path, required: true))
            {
                var title = doc.RequiredString(activity, "title", activityPath, FrameworkReader.MaxNameLength);
                var themeId = AssessmentTemplateReader.Slug(title);
                if (title.Length > 0 && (themeId.Length == 0 || !themeIds.Add(themeId)))
                {
                    doc.Problem(doc.Get(activity, "title"), YamlFile.Join(activityPath, "title"), $"{InputLimits.Quote(title)} gives the id '{themeId}', which is empty or used by another activity of this dimension");
                }
                var questions = new List<AssessmentQuestion>();
                foreach (var (question, questionPath) in doc.MappingList(activity, "questions", activityPath, required: true))
                {
                    var statements = new List<LevelStatement>();
                    foreach (var (statement, statementPath) in doc.MappingList(question, "statements", questionPath, required: true))
                    {
                        var level = doc.Whole(statement, "associatedLevel", statementPath, 1, AssessmentTemplateReader.MaturityLevels, required: true);
                        var statementText = doc.RequiredString(statement, "text", statementPath, FrameworkReader.MaxTextLength);
                        if (level is { } l)
                        {
                            statements.Add(new LevelStatement(l, statementText));
                        }
                    }
                    var found = statements.Select(s => s.Level).Order().ToList();
                    if (!found.SequenceEqual(Enumerable.Range(1, AssessmentTemplateReader.MaturityLevels)) && doc.Get(question, "statements") is { } node)
                    {
                        doc.Problem(node, YamlFile.Join(questionPath, "statements"), $"needs exactly one statement for each level 1 to {AssessmentTemplateReader.MaturityLevels} (found levels {string.Join(", ", found)})");
                    }
                    questions.Add(new AssessmentQuestion
                    {
                        Id = $"{topicId}-{themeId}-{questions.Count + 1}",
                        Text = doc.RequiredString(question, "text", questionPath, FrameworkReader.MaxTextLength),
                        Guidance = doc.OptionalString(question, "context", questionPath, FrameworkReader.MaxTextLength),
                        Elements = elements,
                        Statements = [.. statements.OrderBy(s => s.Level)],
                        Line = YamlFile.LineOf(question),
                    });
                }
                themes.Add(new AssessmentTheme { Id = themeId, Title = title, Questions = questions });
            }
            topics.Add(new AssessmentTopic { Id = topicId, Title = name, Elements = elements, Themes = themes });
        }
        return (topics, levels.Count > 0 ? levels : null, doc.Problems);
    }
}
