using System.Text.Json.Nodes;
using Observatory.Content;
using Observatory.Outcomes;

namespace Observatory.Registers;

/// <summary>
/// The Dutch publication standard (Algoritmeregister Publicatiestandaard v1.0.0, its JSON Schema's keys): each of
/// its fields maps to one field of the record, so a record exported and read back says the same in every field
/// the standard holds. Its statuses follow from the record's Eurocities status, else its phase; "data" and its
/// source are the first dataset's; "supplier" is the first third party's, or "Developed in-house" when there is
/// none. The schema permits only Dutch ("nld") as the language, so the export says so although the words are
/// English; the Dutch register publishes records in Dutch only.
/// </summary>
public static class DutchStandard
{
    public const string Format = "nl-1.0";

    public const string InHouse = "Developed in-house";

    /// <summary>The standard's text fields with their one field of the record and the schema's length limit.</summary>
    private static readonly (string Key, string Attribute, int? Limit)[] Texts =
    [
        ("name", "name", 99),
        ("description_short", "one_sentence_description", 399),
        ("organization", "organisation_name", 99),
        ("start_date", "start_date", null),
        ("end_date", "end_date", null),
        ("contact", "contact_email", null),
        ("link", "website_url", null),
        ("purpose_and_impact", "description", 2499),
        ("considerations", "considerations", 2499),
        ("human_intervention", "human_decisions_and_review", 2499),
        ("risk_management", "risks_and_mitigations", 2499),
        ("legal_basis", "legal_basis", 2499),
        ("legal_basis_link", "legal_basis_link", null),
        ("legal_basis_title", "legal_basis_title", 99),
        ("processing_register_link", "processing_register_link", null),
        ("impact_assessments", "impact_assessment", null),
        ("impact_assessment_explanation", "impact_assessment_explanation", 2499),
        ("technical_operation", "system_architecture", 4999),
        ("source_code_link", "source_code_link", null),
        ("search_terms", "tags", null),
    ];

    private static readonly string[] Required = ["name", "description_short", "organization", "theme", "status", "start_date", "contact", "publication_category",
        "purpose_and_impact", "considerations", "human_intervention", "risk_management", "impact_assessments", "data", "technical_operation", "supplier"];

    /// <summary>
    /// The record in the Dutch standard, or every reason it cannot be: a field the standard requires is empty, or
    /// longer than the standard allows (the record is not cut short).
    /// </summary>
    public static Outcome<JsonObject> Export(RecordContent content, long id, string? sourceLink)
    {
        var o = new JsonObject();
        var problems = new List<ContentProblem>();
        foreach (var (key, attribute, limit) in Texts)
        {
            var value = content[attribute];
            if (key is "link" && value is not null && !RecordRules.IsWebAddress(value))
            {
                continue; // "N/A" in ATRS: the Dutch standard leaves the link out instead
            }
            if (value is null)
            {
                continue;
            }
            if (limit is { } max && value.Length > max)
            {
                problems.Add(new ContentProblem("", 0, 0, attribute, $"{RegisterFields.Find(attribute)!.Name} is {value.Length:N0} characters; the Dutch standard's {key} takes at most {max:N0}"));
            }
            o[key] = value;
        }
        o["theme"] = new JsonArray([.. content.Choices("themes").Select(t => (JsonNode)RegisterVocabularies.Themes.First(v => v.Slug == t).Dutch!)]);
        var status = content["status"] is { } s ? RegisterVocabularies.Statuses.First(v => v.Slug == s).Dutch
            : content["phase"] is { } p ? RegisterVocabularies.Phases.First(v => v.Slug == p).Dutch : null;
        if (status is not null)
        {
            o["status"] = status;
        }
        if (content["publication_category"] is { } category)
        {
            o["publication_category"] = RegisterVocabularies.PublicationCategories.First(v => v.Slug == category).Dutch;
        }
        if (content["impact_assessment_link"] is { } aia && RecordRules.IsWebAddress(aia))
        {
            o["impact_assessment_link"] = aia;
        }
        var dataset = content.Entries("data_specifications").FirstOrDefault();
        if (dataset?.GetValueOrDefault("data_description") is { } data)
        {
            o["data"] = data;
        }
        if (dataset?.GetValueOrDefault("source_data_url") is { } dataLink && RecordRules.IsWebAddress(dataLink))
        {
            o["data_source_link"] = dataLink;
        }
        if (dataset?.GetValueOrDefault("source_data_name") is { } dataTitle)
        {
            o["data_source_title"] = dataTitle;
        }
        o["supplier"] = content.Entries("external_suppliers").FirstOrDefault()?.GetValueOrDefault("external_supplier") ?? InHouse;
        if (sourceLink is not null)
        {
            o["source_link"] = sourceLink;
        }
        o["language"] = "nld";
        o["schema"] = "1.0.0";
        o["source_id"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var key in Required.Where(k => !o.ContainsKey(k)))
        {
            problems.Add(new ContentProblem("", 0, 0, AttributeOf(key), $"The Dutch standard needs {Describe(key)}"));
        }
        return problems.Count > 0 ? Refusal.Conflict(string.Join("; ", problems.Select(p => p.Message)), problems[0].Field) : o;
    }

    private static string AttributeOf(string key) => key switch
    {
        "theme" => "themes",
        "status" => "phase",
        "publication_category" => "publication_category",
        "data" => "data_specifications[1].data_description",
        _ => Texts.First(t => t.Key == key).Attribute,
    };

    private static string Describe(string key) => key switch
    {
        "theme" => "a policy area",
        "status" => "a status or phase",
        "data" => "a dataset with a description",
        _ => $"a value for “{RegisterFields.Find(AttributeOf(key))?.Name ?? key}”",
    };

    /// <summary>Reads records in the Dutch standard (one object or an array), each problem with file, line and field.</summary>
    public static Outcome<List<ImportedRecord>> Read(string file, string text)
    {
        if (!JsonLines.Parse(file, text).Succeeded(out var root, out var refusal))
        {
            return refusal;
        }
        var objects = root.Value is JsonLines.Array a ? a.Items : [root];
        var problems = new List<ContentProblem>();
        var records = new List<ImportedRecord>();
        foreach (var node in objects.Take(AtrsFiles.MaxRecords + 1))
        {
            if (records.Count == AtrsFiles.MaxRecords)
            {
                problems.Add(new ContentProblem(file, node.Line, 0, "", $"A file may hold at most {AtrsFiles.MaxRecords:N0} records"));
                break;
            }
            if (node.Value is not JsonLines.Object o)
            {
                problems.Add(new ContentProblem(file, node.Line, 0, "", "Each record must be a JSON object in the Dutch standard's names"));
                continue;
            }
            var content = new RecordContent();
            var dataset = new List<KeyValuePair<string, string?>>();
            foreach (var (key, value) in o.Properties)
            {
                void Bad(string message) => problems.Add(new ContentProblem(file, value.Line, 0, key, message));
                if (key == "theme")
                {
                    if (value.Value is not JsonLines.Array themes || themes.Items.Any(t => t.Value is not string))
                    {
                        Bad("theme must be an array of policy areas");
                        continue;
                    }
                    var slugs = themes.Items.Select(t => (Text: (string)t.Value!, Slug: RegisterVocabularies.Normalise(RegisterVocabularies.Themes, (string)t.Value!))).ToList();
                    foreach (var bad in slugs.Where(t => t.Slug is null))
                    {
                        Bad($"{InputLimits.Quote(bad.Text)} is not a policy area of the standard");
                    }
                    content.Set("themes", string.Join(",", slugs.Where(t => t.Slug is not null).Select(t => t.Slug)));
                    continue;
                }
                if (value.Value is not string s)
                {
                    if (value.Value is not null)
                    {
                        Bad($"{key} must be text");
                    }
                    continue;
                }
                switch (key)
                {
                    case "status":
                        // The standard's three statuses: kept as the Eurocities status that exports as each.
                        var status = RegisterVocabularies.Statuses.FirstOrDefault(v => string.Equals(v.Dutch, s.Trim(), StringComparison.OrdinalIgnoreCase));
                        if (status is null)
                        {
                            Bad("status must be In ontwikkeling, In gebruik or Buiten gebruik");
                        }
                        else
                        {
                            content.Set("status", s.Trim() switch { "In ontwikkeling" => "development", "In gebruik" => "operational", _ => "retired" });
                        }
                        continue;
                    case "publication_category":
                        if (RegisterVocabularies.Normalise(RegisterVocabularies.PublicationCategories, s) is { } category)
                        {
                            content.Set("publication_category", category);
                        }
                        else
                        {
                            Bad("publication_category must be one of the standard's three categories");
                        }
                        continue;
                    case "impact_assessment_link":
                        Set("impact_assessment_link", s);
                        continue;
                    case "data":
                        dataset.Add(new("data_description", s));
                        continue;
                    case "data_source_link":
                        dataset.Add(new("source_data_url", s));
                        continue;
                    case "data_source_title":
                        dataset.Add(new("source_data_name", s));
                        continue;
                    case "supplier":
                        if (!string.Equals(s.Trim(), InHouse, StringComparison.OrdinalIgnoreCase) && !string.Equals(s.Trim(), "Intern ontwikkeld", StringComparison.OrdinalIgnoreCase))
                        {
                            content.AddEntry("external_suppliers", [new("external_supplier", s)]);
                        }
                        continue;
                    case "language" or "schema" or "source_id" or "source_link":
                        continue; // fixed by the standard, or the Observatory's own number and address
                }
                if (Texts.FirstOrDefault(t => t.Key == key) is { Attribute: not null } mapping)
                {
                    Set(mapping.Attribute, s);
                }
                else
                {
                    Bad($"There is no field {InputLimits.Quote(key)} in the Dutch publication standard 1.0");
                }

                void Set(string attribute, string text)
                {
                    var field = RegisterFields.Find(attribute)!;
                    if (RecordRules.Check(field, text.Trim()) is { } message)
                    {
                        Bad(message);
                    }
                    else
                    {
                        content.Set(attribute, text);
                    }
                }
            }
            foreach (var (attribute, value) in dataset)
            {
                if (value is not null && RecordRules.Check(RegisterFields.Find(attribute)!, value.Trim()) is { } message)
                {
                    problems.Add(new ContentProblem(file, node.Line, 0, attribute, message));
                }
            }
            content.AddEntry("data_specifications", dataset);
            if (content["name"] is { } name && content["title"] is null)
            {
                content.Set("title", name);
            }
            records.Add(new ImportedRecord(node.Line, content));
        }
        return problems.Count > 0 ? Refusal.Invalid(problems) : records;
    }
}
