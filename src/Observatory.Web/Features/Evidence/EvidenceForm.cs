using System.Globalization;
using Observatory.Content;
using Observatory.Evidence;
using Observatory.Frameworks;
using Observatory.Places;

namespace Observatory.Web.Features.Evidence;

/// <summary>
/// The fields of the submit and edit forms, as typed: lists one a line, choices as their data-file spellings.
/// Turning them into an item checks only what a form adds (a place typed by name, a link line, a choice made);
/// everything else is checked by the data-file rules in <see cref="EvidenceCuration"/>.
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

    /// <summary>framework-id/element-id a line.</summary>
    public string? Elements { get; set; }

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
        Elements = string.Join('\n', item.Elements),
        Strength = item.Strength.ToString(CultureInfo.InvariantCulture),
        Status = EvidenceSpellings.Of(item.Status),
        Anonymous = item.Anonymous,
    };

    /// <summary>The item the fields describe, or null with the form's own errors added.</summary>
    public EvidenceItem? ToItem(PlaceRegistry places, FormErrors errors)
    {
        var codes = new List<string>();
        foreach (var line in Lines(Places))
        {
            if ((places.Find(line.ToUpperInvariant()) ?? places.FindByName(line)) is { } place)
            {
                codes.Add(place.Code);
            }
            else
            {
                errors.Add("places", $"'{line}' is not a place the Observatory knows: enter a GSS code such as E08000010, a council's name such as Wigan, or a country's three-letter code such as NLD");
            }
        }
        var links = new List<EvidenceLink>();
        foreach (var line in Lines(Links))
        {
            var space = line.LastIndexOfAny([' ', '\t']);
            if (space <= 0)
            {
                errors.Add("links", $"'{line}' needs a title and then the address, for example: Wigan Council recovery plan https://www.wigan.gov.uk/plan");
                continue;
            }
            links.Add(new EvidenceLink(line[..space].Trim(), line[(space + 1)..]));
        }
        var elements = new List<ElementRef>();
        foreach (var line in Lines(Elements))
        {
            if (ElementRef.TryParse(line, out var element))
            {
                elements.Add(element);
            }
            else
            {
                errors.Add("elements", $"'{line}' must be a framework id and an element id with a slash between, for example place-making/food");
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
                errors.Add("year", "The year must be a year in numbers, for example 2023");
            }
        }
        var kind = Kind is not null && EvidenceSpellings.Kinds.TryGetValue(Kind, out var k) ? k : (EvidenceKind?)null;
        if (kind is null)
        {
            errors.Add("kind", "Choose what kind of item this is");
        }
        var strength = int.TryParse(Strength, NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : (int?)null;
        if (strength is null)
        {
            errors.Add("strength", "Choose how strong the evidence is");
        }
        var status = Status is not null && EvidenceSpellings.Statuses.TryGetValue(Status, out var st) ? st : (WhatWorksStatus?)null;
        if (status is null)
        {
            errors.Add("status", "Choose where the work stands: promising, evidenced or scaled");
        }
        if (kind is null || strength is null || status is null)
        {
            return null;
        }
        return new EvidenceItem
        {
            Id = "",
            Title = Title ?? "",
            Kind = kind.Value,
            Summary = Normalise(Summary) ?? "",
            Body = Normalise(Body),
            Places = codes,
            Organisations = Lines(Organisations),
            Year = year,
            Links = links,
            Elements = elements,
            Strength = strength.Value,
            Status = status.Value,
            Anonymous = Anonymous,
        };
    }

    /// <summary>The data-file rules' problems as form errors, each against the field it belongs to, in words for the person filling it in.</summary>
    public static void AddProblems(FormErrors errors, IEnumerable<ContentProblem> problems)
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
            errors.Add(field, (field, required) switch
            {
                ("title", true) => "Enter a title",
                ("summary", true) => "Enter a summary of what was done and why it matters",
                ("elements", true) => "Enter at least one framework element the item is evidence for",
                ("links", true) => "Each link needs a title and an address",
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

/// <summary>What the form partial needs: the fields, their errors, and on the submit page the actor's organisations.</summary>
public sealed record EvidenceFormView(EvidenceForm Form, FormErrors Errors, IReadOnlyList<Observatory.Accounts.Organisation>? Organisations, string NoteLabel, string NoteHint, string Button);

/// <summary>An item's fields as a summary list (review and earlier versions); organisations only for those who may see them.</summary>
public sealed record ItemDetailsView(EvidenceItem Item, bool ShowOrganisations, PlaceRegistry Places, FrameworkCatalogue Frameworks);
