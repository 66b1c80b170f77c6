using Observatory.Content;
using Observatory.Frameworks;

namespace Observatory.Assessments;

/// <summary>The shipped assessment templates (data/assessments/*.yaml), loaded and checked once at start-up.</summary>
public sealed class AssessmentCatalogue
{
    private readonly Dictionary<string, AssessmentTemplate> _byId;

    public AssessmentCatalogue(IReadOnlyList<AssessmentTemplate> templates)
    {
        Templates = [.. templates.OrderBy(t => t.Title, StringComparer.OrdinalIgnoreCase)];
        _byId = Templates.ToDictionary(t => t.Id);
    }

    public IReadOnlyList<AssessmentTemplate> Templates { get; }

    public AssessmentTemplate? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>
    /// Loads every template in data/assessments. Any problem in any file stops the load with every problem listed
    /// (file, line, field, message), so a broken template stops start-up rather than a person's assessment.
    /// </summary>
    public static AssessmentCatalogue LoadShipped(DataFolder data, FrameworkCatalogue frameworks)
    {
        var folder = data.Combine("assessments");
        var problems = new List<ContentProblem>();
        var templates = new List<AssessmentTemplate>();
        if (!Directory.Exists(folder))
        {
            throw new ContentValidationException([new ContentProblem(data.Relative(folder), 0, 0, "", "does not exist: the Observatory ships its assessment templates there")]);
        }
        foreach (var path in Directory.EnumerateFiles(folder, "*.yaml").Order(StringComparer.Ordinal))
        {
            var (template, found) = Read(data, path, frameworks);
            problems.AddRange(found);
            if (template is not null)
            {
                templates.Add(template);
            }
        }
        if (templates.Count == 0 && problems.Count == 0)
        {
            problems.Add(new ContentProblem(data.Relative(folder), 0, 0, "", "holds no assessment templates"));
        }
        if (problems.Count > 0)
        {
            throw new ContentValidationException(problems);
        }
        return new AssessmentCatalogue(templates);
    }

    /// <summary>Reads one template file, and any question bank it names from beside it.</summary>
    public static (AssessmentTemplate? Template, IReadOnlyList<ContentProblem> Problems) Read(DataFolder data, string path, FrameworkCatalogue frameworks)
    {
        var folder = Path.GetDirectoryName(path)!;
        (string, string)? ReadBeside(string name)
        {
            var bank = Path.Combine(folder, name);
            return File.Exists(bank) ? (data.Relative(bank), File.ReadAllText(bank)) : null;
        }
        return AssessmentTemplateReader.Read(data.Relative(path), File.ReadAllText(path), Path.GetFileNameWithoutExtension(path), frameworks.Contains, ReadBeside);
    }
}
