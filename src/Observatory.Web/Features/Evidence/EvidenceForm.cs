using System.Globalization;
using Observatory.Content;
using Observatory.Evidence;
using Observatory.Frameworks;
using Observatory.Outcomes;
using Observatory.Places;

namespace Observatory.Web.Features.Evidence;

/// <summary>
/// The fields of the submit and edit forms, as typed: lists one a line, choices as their data-file spellings, framework
/// elements as the ids of the boxes ticked. Reading them checks only what a form adds (a place typed by name, a link
/// line, a choice made); everything else is checked by the data-file rules in <see cref="EvidenceCuration"/>, and the
/// page shows both sets of problems in one error summary.
/// </summary>
public sealed class EvidenceForm
{
    public string? Title { get; set; }
    public string? Kind { get; set; }
    public string? Summary { get; set; }
    public string? Body { get; set; }

    /// <summary>GSS codes, ISO 3166 alpha-3 codes or place names, one a line.</summary>
    public string? Places { get; set; }

    public string? Organisations { get; set; }
    public string? Year { get; set; }

    /// <summary>"Title https://address" a line.</summary>
    public string? Links { get; set; }

    /// <summary>The elements chosen, each framework-id/element-id (a ticked box's value; a value may also hold several, one a line).</summary>
    public List<string> Elements { get; set; } = [];

    public string? Strength { get; set; }
    public string? Status { get; set; }
    public bool Anonymous { get; set; }
    public long? Organisation { get; set; }
    public string? Note { get; set; }

    /// <summary>On the edit form: the version the change is made from, so a save that comes after another is refused, not written over it.</summary>
    public int? Version { get; set; }

    public static EvidenceForm From(EvidenceItem item) => new()
    {
        Title = item.Title,
        Kind = EvidenceSpellings.Of(item.Kind),
        Summary = item.Summary,
        Body = item.Body,
        Places = string.Join('\n', item.Places),
        Organisations = string.Join('\n', item.Organisations),
        Year = item.Year?.ToString(CultureInfo.InvariantCulture),
        Links = string.Join('\n', item.Links.Select(l => $"{l.Title} {l.Url}")),
        Elements = [.. item.Elements.Select(e => e.ToString())],
        Strength = item.Strength.ToString(CultureInfo.InvariantCulture),
        Status = EvidenceSpellings.Of(item.Status),
        Anonymous = item.Anonymous,
    };

    /// <summary>
    /// The item the fields describe, and the form's own problems (each in words for the person filling it in). A choice
    /// not made is given a stand-in, and a line that does not read is left out, so the data-file rules can still check
    /// everything else in the same pass: the item is to be stored only when there are no problems.
    /// </summary>
    public (EvidenceItem Item, IReadOnlyList<ContentProblem> Problems) Read(PlaceRegistry places)
    {
        var problems = new List<ContentProblem>();
        void Add(string field, string message) => problems.Add(new ContentProblem("", 0, 0, field, message));
        var codes = new List<string>();
        foreach (var line in Lines(Places))
        {
            if ((places.Find(line.ToUpperInvariant()) ?? places.FindByName(line)) is { } place)
            {
                codes.Add(place.Code);
            }
            else
            {
                Add("places", $"'{line}' is not a place the Observatory knows: enter a GSS code such as E08000010, a council's name such as Wigan, or a country's three-letter code such as NLD");
            }
        }
        var links = new List<EvidenceLink>();
        foreach (var line in Lines(Links))
        {
            var space = line.LastIndexOfAny([' ', '\t']);
            if (space <= 0)
            {
                Add("links", $"'{line}' needs a title and then the address, for example: Wigan Council recovery plan https://www.wigan.gov.uk/plan");
                continue;
            }
            links.Add(new EvidenceLink(line[..space].Trim(), line[(space + 1)..]));
        }
        var elements = new List<ElementRef>();
        foreach (var line in Elements.SelectMany(Lines))
        {
            if (ElementRef.TryParse(line, out var element))
            {
                elements.Add(element);
            }
            else
            {
                Add("elements", $"'{line}' must be a framework id and an element id with a slash between, for example place-making/food");
            }
        }
        int? year = null;
        if (!string.IsNullOrWhiteSpace(Year))
        {
            if (int.TryParse(Year.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var y))
            {
                year = y;
            }
            else
            {
                Add("year", "The year must be a year in numbers, for example 2023");
            }
        }
        var kind = Kind is not null && EvidenceSpellings.Kinds.TryGetValue(Kind, out var k) ? k : (EvidenceKind?)null;
        if (kind is null)
        {
            Add("kind", "Choose what kind of item this is");
        }
        var strength = int.TryParse(Strength, NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : (int?)null;
        if (strength is null)
        {
            Add("strength", "Choose how strong the evidence is");
        }
        var status = Status is not null && EvidenceSpellings.Statuses.TryGetValue(Status, out var st) ? st : (WhatWorksStatus?)null;
        if (status is null)
        {
            Add("status", "Choose where the work stands: promising, evidenced or scaled");
        }
        var item = new EvidenceItem
        {
            Id = "",
            Title = Title ?? "",
            Kind = kind ?? default,
            Summary = Normalise(Summary) ?? "",
            Body = Normalise(Body),
            Places = codes,
            Organisations = Lines(Organisations),
            Year = year,
            Links = links,
            Elements = elements,
            Strength = strength ?? StrengthOfEvidence.Lowest,
            Status = status ?? default,
            Anonymous = Anonymous,
        };
        return (item, problems);
    }

    /// <summary>
    /// The form's own problems and the data-file rules' together, as one refusal for the page's error summary, in the
    /// order of the form. A rule saying a field is missing is left out where the form already said what was wrong with it.
    /// </summary>
    public static Refusal Refusal(IReadOnlyList<ContentProblem> formProblems, IEnumerable<ContentProblem> ruleProblems)
    {
        var flagged = formProblems.Select(p => p.Field).ToHashSet(StringComparer.Ordinal);
        var rules = InFormWords(ruleProblems).Where(p => !(flagged.Contains(p.Field) && IsRequired(p.Message)));
        return Outcomes.Refusal.Invalid([.. formProblems.Concat(rules).OrderBy(p => FieldOrder(p.Field))]);
    }

    /// <summary>A refusal from <see cref="EvidenceCuration"/> with its data-file problems put in the form's words.</summary>
    public static Refusal InFormWords(Refusal refusal) =>
        refusal.Kind == RefusalKind.Invalid && refusal.Problems.Count > 0 ? Outcomes.Refusal.Invalid([.. InFormWords(refusal.Problems)]) : refusal;

    private static readonly string[] FieldsInOrder = ["title", "kind", "summary", "body", "places", "organisations", "year", "links", "elements", "strength", "status", "organisation", "note"];

    private static int FieldOrder(string field) => Array.IndexOf(FieldsInOrder, field) is var i and >= 0 ? i : FieldsInOrder.Length;

    private static bool IsRequired(string message) =>
        message.StartsWith("Enter ", StringComparison.Ordinal) || message.StartsWith("Choose at least", StringComparison.Ordinal)
        || message.StartsWith("Each link needs", StringComparison.Ordinal);

    /// <summary>The data-file rules' problems as form problems, each against the field it belongs to, in words for the person filling it in.</summary>
    private static IEnumerable<ContentProblem> InFormWords(IEnumerable<ContentProblem> problems)
    {
        foreach (var problem in problems)
        {
            var field = problem.Field.Split('[', '.')[0] switch
            {
                "place-names" => "places",
                "" => "title",
                var f => f,
            };
            var required = problem.Message.StartsWith("is required", StringComparison.Ordinal) || problem.Message.StartsWith("must not be empty", StringComparison.Ordinal)
                || problem.Message.StartsWith("must name at least one", StringComparison.Ordinal);
            yield return new ContentProblem("", 0, 0, field, (field, required) switch
            {
                ("title", true) => "Enter a title",
                ("summary", true) => "Enter a summary of what was done and why it matters",
                ("elements", true) => "Choose at least one framework element the item is evidence for",
                ("links", true) => "Each link needs a title and an address",
                // Not from the data-file rules: the service's own words already.
                ("note" or "item", _) => problem.Message,
                _ => $"{Label(field)} {problem.Message}",
            });
        }
    }

    private static string Label(string field) => field switch
    {
        "title" => "The title",
        "summary" => "The summary",
        "body" => "The full description",
        "places" => "Place",
        "links" => "Link",
        "elements" => "Framework element",
        "year" => "The year",
        "strength" => "The strength",
        "organisations" => "Organisation",
        _ => "The item",
    };

    private static List<string> Lines(string? text) =>
        [.. (text ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0)];

    /// <summary>Browsers send CRLF; the data files and the stored text use LF.</summary>
    private static string? Normalise(string? text) => text?.ReplaceLineEndings("\n");
}

/// <summary>What the form partial needs: the fields, their errors, the frameworks to choose elements from, and on the submit page the actor's organisations.</summary>
public sealed record EvidenceFormView(EvidenceForm Form, FormErrors Errors, FrameworkCatalogue Frameworks, IReadOnlyList<Observatory.Accounts.Organisation>? Organisations,
    string NoteLabel, string NoteHint, string Button)
{
    /// <summary>One box to tick: an element's id, its name (after its parent's, for an element within another) and whether it is chosen.</summary>
    public sealed record ElementChoice(string Value, string Label, bool Chosen);

    /// <summary>A framework's elements as boxes, in the framework's order.</summary>
    public sealed record FrameworkChoices(string Name, IReadOnlyList<ElementChoice> Elements)
    {
        public int ChosenCount => Elements.Count(e => e.Chosen);
    }

    /// <summary>
    /// Every framework's elements, grouped by framework; then any element the item names that the catalogue no longer
    /// holds, so saving the form does not drop it unseen (the rules then say what is wrong with it).
    /// </summary>
    public IReadOnlyList<FrameworkChoices> ElementChoices()
    {
        var chosen = Form.Elements.SelectMany(e => e.Split('\n')).Select(e => e.Trim()).Where(e => e.Length > 0).ToHashSet(StringComparer.Ordinal);
        var groups = Frameworks.Frameworks
            .Select(f => new FrameworkChoices(f.Name, [.. f.Elements.SelectMany(e => Flatten(e, null)).Select(x => new ElementChoice(x.Element.Ref.ToString(), x.Label, chosen.Contains(x.Element.Ref.ToString())))]))
            .Where(g => g.Elements.Count > 0)
            .ToList();
        var offered = groups.SelectMany(g => g.Elements).Select(e => e.Value).ToHashSet(StringComparer.Ordinal);
        var unknown = chosen.Where(c => !offered.Contains(c)).Order(StringComparer.Ordinal).Select(c => new ElementChoice(c, c, true)).ToList();
        if (unknown.Count > 0)
        {
            groups.Add(new FrameworkChoices("Elements the frameworks no longer hold", unknown));
        }
        return groups;
    }

    private static IEnumerable<(FrameworkElement Element, string Label)> Flatten(FrameworkElement element, string? parent)
    {
        var label = parent is null ? element.Name : $"{parent}: {element.Name}";
        yield return (element, label);
        foreach (var child in element.Children.SelectMany(c => Flatten(c, element.Name)))
        {
            yield return child;
        }
    }
}

/// <summary>An item's fields as a summary list (review and earlier versions); organisations only for those who may see them.</summary>
public sealed record ItemDetailsView(EvidenceItem Item, bool ShowOrganisations, PlaceRegistry Places, FrameworkCatalogue Frameworks);
