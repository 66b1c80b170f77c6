using System.Globalization;
using System.Text.Json;
using Observatory.Content;

namespace Observatory.Registers;

/// <summary>How a field of an application entry is entered and checked.</summary>
public enum ApplicationFieldKind
{
    Text,
    LongText,
    Url,
    /// <summary>A date, 2026-12-07.</summary>
    Date,
    /// <summary>A whole number, 0 or more.</summary>
    Whole,
    /// <summary>Pounds, 0 or more, up to two decimal places.</summary>
    Money,
    /// <summary>One of the field's choices, stored as its slug.</summary>
    Choice,
    /// <summary>Yes or no.</summary>
    YesNo,
    /// <summary>Service areas of the shared list, stored as their ids separated by semicolons.</summary>
    ServiceAreas,
    /// <summary>Numbers of the organisation's own algorithm records, separated by semicolons.</summary>
    AlgorithmRecords,
}

/// <summary>One permitted value of a choice: the slug stored and exported, and the words shown.</summary>
public sealed record ApplicationChoice(string Slug, string Label);

/// <summary>One field of an application entry, in a group of the field set (identity, purpose, lifecycle…).</summary>
public sealed record ApplicationField(string Key, string Name, string Group, ApplicationFieldKind Kind, string Hint, IReadOnlyList<ApplicationChoice>? Choices = null, bool Required = false)
{
    public string? LabelOf(string? slug) => slug is null ? null : Choices?.FirstOrDefault(c => c.Slug == slug)?.Label ?? slug;

    public int MaxLength => Kind == ApplicationFieldKind.LongText ? 4000 : Kind == ApplicationFieldKind.Url ? 2000 : 300;
}

/// <summary>
/// The field set of an application entry: the Observatory's proposal for a common council applications register
/// (there is no UK standard), in the groups identity, purpose, lifecycle, commercial, data, assurance, integration,
/// algorithms and sharing. It reuses what the algorithm register already asks (supplier, Companies House number,
/// publication category), so an application with an algorithmic component links to its algorithm records.
/// </summary>
public static class ApplicationFields
{
    public const string Name = "name";
    public const string Product = "product";
    public const string Supplier = "supplier";
    public const string ServiceAreas = "service_areas";
    public const string Status = "status";
    public const string ContractStart = "contract_start";
    public const string ContractEnd = "contract_end";
    public const string AlgorithmRecords = "algorithm_records";
    public const string Sharing = "sharing";

    /// <summary>Statuses in which an organisation runs the application today, for the sector view's counts.</summary>
    public static readonly IReadOnlySet<string> InUse = new HashSet<string>(StringComparer.Ordinal) { "live", "being-replaced" };

    public static readonly IReadOnlyList<ApplicationChoice> Statuses =
    [
        new("planned", "Planned"),
        new("procuring", "Being procured"),
        new("live", "Live"),
        new("being-replaced", "Being replaced"),
        new("retired", "Retired"),
    ];

    public static readonly IReadOnlyList<ApplicationChoice> Sharings =
    [
        new("private", "Private to our organisation"),
        new("councils", "Shared with all councils using the Observatory"),
        new("published", "Published for everyone"),
    ];

    public static readonly IReadOnlyList<(string Id, string Title)> Groups =
    [
        ("identity", "Identity"),
        ("purpose", "Purpose"),
        ("lifecycle", "Lifecycle"),
        ("commercial", "Contract and hosting"),
        ("data", "Data"),
        ("assurance", "Assurance"),
        ("integration", "Integration"),
        ("algorithms", "Algorithmic components"),
        ("sharing", "Sharing"),
    ];

    public static readonly IReadOnlyList<ApplicationField> All =
    [
        new(Name, "Application name", "identity", ApplicationFieldKind.Text, "The name staff know it by, for example 'Council tax system'", Required: true),
        new(Product, "Product", "identity", ApplicationFieldKind.Text, "The supplier's product name, for example 'Revenues Online'. Leave blank if it was built in-house."),
        new("product_version", "Product version", "identity", ApplicationFieldKind.Text, ""),
        new(Supplier, "Supplier", "identity", ApplicationFieldKind.Text, "Write 'in-house' if your organisation built it"),
        new("companies_house_number", "Supplier's Companies House number", "identity", ApplicationFieldKind.Text, ""),
        new("owner_service", "Owning service", "identity", ApplicationFieldKind.Text, "The service that owns the application"),
        new("owner_role", "Business owner (role title)", "identity", ApplicationFieldKind.Text, "A role, not a person's name"),
        new("technical_owner", "Technical owner (role or team)", "identity", ApplicationFieldKind.Text, ""),

        new(ServiceAreas, "Service areas supported", "purpose", ApplicationFieldKind.ServiceAreas, "From the shared list of council service areas"),
        new("business_capability", "Business capability", "purpose", ApplicationFieldKind.Text, "What it lets the service do, for example 'assess benefit claims'"),
        new("user_groups", "User groups", "purpose", ApplicationFieldKind.Text, "For example 'revenues officers; residents online'"),
        new("number_of_users", "Number of users", "purpose", ApplicationFieldKind.Whole, ""),

        new(Status, "Status", "lifecycle", ApplicationFieldKind.Choice, "", Statuses),
        new("go_live_date", "Go-live date", "lifecycle", ApplicationFieldKind.Date, ""),
        new("end_of_support_date", "End of support date", "lifecycle", ApplicationFieldKind.Date, "When the supplier stops supporting this version"),
        new("planned_replacement", "Planned replacement", "lifecycle", ApplicationFieldKind.Text, ""),
        new("disposition", "Disposition", "lifecycle", ApplicationFieldKind.Choice, "What the organisation means to do with it",
            [new("tolerate", "Tolerate"), new("invest", "Invest"), new("migrate", "Migrate"), new("eliminate", "Eliminate")]),

        new("contract_reference", "Contract reference", "commercial", ApplicationFieldKind.Text, ""),
        new("procurement_route", "Procurement route or framework", "commercial", ApplicationFieldKind.Text, "For example 'G-Cloud 14' or 'open procedure'"),
        new(ContractStart, "Contract start date", "commercial", ApplicationFieldKind.Date, ""),
        new(ContractEnd, "Contract end date", "commercial", ApplicationFieldKind.Date, "Including any extension already agreed"),
        new("notice_date", "Notice date", "commercial", ApplicationFieldKind.Date, "The last date to give notice"),
        new("annual_cost", "Annual cost (£)", "commercial", ApplicationFieldKind.Money, ""),
        new("licence_model", "Licence model", "commercial", ApplicationFieldKind.Text, "For example 'per user', 'enterprise', 'open source'"),
        new("hosting", "Hosting", "commercial", ApplicationFieldKind.Choice, "",
            [new("on-premises", "On premises"), new("cloud", "Cloud hosted by the organisation"), new("saas", "Software as a service")]),
        new("data_location", "Data location", "commercial", ApplicationFieldKind.Text, "For example 'UK'"),

        new("personal_data", "Personal data held", "data", ApplicationFieldKind.LongText, "The categories of personal data"),
        new("special_category_data", "Special category data held", "data", ApplicationFieldKind.YesNo, ""),
        new("processing_record_url", "Record of processing", "data", ApplicationFieldKind.Url, "A link to the entry in your record of processing"),
        new("dpia_url", "Data protection impact assessment", "data", ApplicationFieldKind.Url, ""),
        new("data_sharing_agreements", "Data-sharing agreements", "data", ApplicationFieldKind.LongText, ""),
        new("retention", "Retention", "data", ApplicationFieldKind.Text, "How long records are kept"),

        new("security_assurance", "Security assurance", "assurance", ApplicationFieldKind.Text, "For example 'Cyber Essentials Plus'"),
        new("penetration_test_date", "Last penetration test", "assurance", ApplicationFieldKind.Date, ""),
        new("accessibility_statement_url", "Accessibility statement", "assurance", ApplicationFieldKind.Url, "Required for public-facing websites and apps by the Public Sector Bodies Accessibility Regulations 2018"),
        new("business_criticality", "Business criticality", "assurance", ApplicationFieldKind.Choice, "",
            [new("critical", "Critical"), new("high", "High"), new("medium", "Medium"), new("low", "Low")]),
        new("continuity", "Continuity arrangements", "assurance", ApplicationFieldKind.LongText, ""),

        new("interfaces", "Interfaces with other applications", "integration", ApplicationFieldKind.LongText, ""),
        new("open_standards", "Open standards and APIs supported", "integration", ApplicationFieldKind.Text, ""),
        new("single_sign_on", "Single sign-on", "integration", ApplicationFieldKind.YesNo, ""),

        new("has_algorithm", "Contains an algorithmic or AI component", "algorithms", ApplicationFieldKind.YesNo, ""),
        new(AlgorithmRecords, "Algorithm records", "algorithms", ApplicationFieldKind.AlgorithmRecords, "The numbers of your organisation's algorithm records for it, separated by semicolons"),
        new("publication_category", "Risk or publication category", "algorithms", ApplicationFieldKind.Choice, "As the Dutch algorithm register categorises algorithms",
            [.. RegisterVocabularies.PublicationCategories.Select(v => new ApplicationChoice(v.Slug, v.Label))]),

        new(Sharing, "Who can see this entry", "sharing", ApplicationFieldKind.Choice, "Entries are private until you choose otherwise", Sharings),
        new("joint_procurement_interest", "Interested in joint procurement or shared support", "sharing", ApplicationFieldKind.YesNo, ""),
    ];

    private static readonly Dictionary<string, ApplicationField> ByKey = All.ToDictionary(f => f.Key, StringComparer.Ordinal);

    public static ApplicationField? Find(string key) => ByKey.GetValueOrDefault(key);

    /// <summary>Splits a list field's stored value.</summary>
    public static IReadOnlyList<string> Items(string? value) =>
        value is null ? [] : value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static DateOnly? DateOf(string? value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    /// <summary>
    /// Normalises one entry's values as typed (trimmed; yes/no and choices in lower case; list items de-duplicated)
    /// and lists every problem with the file, line and field, so that a form, a JSON body and a spreadsheet row are
    /// checked alike. Empty values are dropped.
    /// </summary>
    public static (Dictionary<string, string> Values, List<ContentProblem> Problems) Check(IEnumerable<KeyValuePair<string, string?>> raw, ServiceAreas areas, string file = "", int line = 0)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var problems = new List<ContentProblem>();
        void Problem(string field, string message) => problems.Add(new ContentProblem(file, line, 0, field, message));
        foreach (var (key, rawValue) in raw)
        {
            var value = rawValue?.Trim() ?? "";
            if (Find(key) is not { } field)
            {
                Problem(key, $"is not a field of an application entry; the fields are {string.Join(", ", All.Select(f => f.Key))}");
                continue;
            }
            if (value.Length == 0)
            {
                continue;
            }
            if (value.Length > field.MaxLength)
            {
                Problem(key, $"must be {field.MaxLength:N0} characters or fewer");
                continue;
            }
            switch (field.Kind)
            {
                case ApplicationFieldKind.Date when DateOf(value) is null:
                    Problem(key, $"must be a date written as 2026-12-31, not {InputLimits.Quote(value)}");
                    continue;
                case ApplicationFieldKind.Whole when !long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out _):
                    Problem(key, $"must be a whole number, 0 or more, not {InputLimits.Quote(value)}");
                    continue;
                case ApplicationFieldKind.Money:
                    var pounds = value.TrimStart('£').Replace(",", "", StringComparison.Ordinal);
                    if (!decimal.TryParse(pounds, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount) || decimal.Round(amount, 2) != amount)
                    {
                        Problem(key, $"must be an amount in pounds, such as 12500 or 12500.50, not {InputLimits.Quote(value)}");
                        continue;
                    }
                    value = amount.ToString(CultureInfo.InvariantCulture);
                    break;
                case ApplicationFieldKind.Choice:
                    var choice = field.Choices!.FirstOrDefault(c => string.Equals(c.Slug, value, StringComparison.OrdinalIgnoreCase) || string.Equals(c.Label, value, StringComparison.OrdinalIgnoreCase));
                    if (choice is null)
                    {
                        Problem(key, $"must be one of {string.Join(", ", field.Choices!.Select(c => c.Slug))}, not {InputLimits.Quote(value)}");
                        continue;
                    }
                    value = choice.Slug;
                    break;
                case ApplicationFieldKind.YesNo:
                    value = value.ToLowerInvariant() switch
                    {
                        "yes" or "true" or "y" => "yes",
                        "no" or "false" or "n" => "no",
                        _ => "",
                    };
                    if (value.Length == 0)
                    {
                        Problem(key, $"must be yes or no, not {InputLimits.Quote(rawValue ?? "")}");
                        continue;
                    }
                    break;
                case ApplicationFieldKind.Url when !(Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"):
                    Problem(key, $"must be a web address starting https://, not {InputLimits.Quote(value)}");
                    continue;
                case ApplicationFieldKind.ServiceAreas:
                    var unknown = Items(value).Where(a => areas.Find(a) is null).ToList();
                    if (unknown.Count > 0)
                    {
                        Problem(key, $"{string.Join(", ", unknown.Select(a => InputLimits.Quote(a)))} is not in the list of council service areas (see /api/registers/service-areas)");
                        continue;
                    }
                    value = string.Join(';', Items(value).Distinct(StringComparer.Ordinal));
                    break;
                case ApplicationFieldKind.AlgorithmRecords:
                    var bad = Items(value).Where(i => !long.TryParse(i, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n <= 0).ToList();
                    if (bad.Count > 0)
                    {
                        Problem(key, $"must be algorithm record numbers separated by semicolons, not {InputLimits.Quote(string.Join(';', bad))}");
                        continue;
                    }
                    value = string.Join(';', Items(value).Select(long.Parse).Distinct());
                    break;
            }
            values[key] = value;
        }
        if (!values.ContainsKey(Name))
        {
            Problem(Name, "is required: give the application a name");
        }
        if (DateOf(values.GetValueOrDefault(ContractStart)) is { } start && DateOf(values.GetValueOrDefault(ContractEnd)) is { } end && end < start)
        {
            Problem(ContractEnd, "must be on or after the contract start date");
        }
        return (values, problems);
    }

    /// <summary>Reads the fields of one JSON object: strings, numbers, true/false and arrays of strings (for list fields).</summary>
    public static List<KeyValuePair<string, string?>> FromJson(JsonElement element)
    {
        var raw = new List<KeyValuePair<string, string?>>();
        foreach (var property in element.EnumerateObject())
        {
            var value = property.Value;
            raw.Add(new(property.Name, value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                JsonValueKind.True => "yes",
                JsonValueKind.False => "no",
                JsonValueKind.Array => string.Join(';', value.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText())),
                _ => null,
            }));
        }
        return raw;
    }
}
