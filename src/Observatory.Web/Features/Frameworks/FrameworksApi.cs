using Microsoft.AspNetCore.Http.HttpResults;
using Observatory.Frameworks;
using Observatory.Web.Setup;

namespace Observatory.Web.Features.Frameworks;

/// <summary>The framework catalogue with its crosswalks, and downloads in the documented file format.</summary>
public static class FrameworksApi
{
    /// <param name="Label">The framework's name as pages show it beside an element: its short name in words, never shorthand such as "LDC".</param>
    public sealed record FrameworkSummary(string Id, string Name, string Label, string Version, int ElementCount, string Group, string Publisher);

    /// <param name="Url">Where the published document can be read, when it is one the Observatory knows.</param>
    public sealed record Citation(string File, string Section, string Title, string? Url);

    public sealed record ElementNode(string Id, string Name, string Kind, string Description, IReadOnlyList<ElementNode> Children);

    public sealed record FrameworkDetail(string Id, string Name, string Label, string Version, string Publisher, string Group, string Summary,
        IReadOnlyList<Citation> Source, IReadOnlyList<ElementNode> Elements);

    public sealed record ElementList(string Label, IReadOnlyList<string> Items);

    public sealed record Related(string Framework, string FrameworkLabel, string Element, string Name, string Relation, string? Note, string Crosswalk);

    public sealed record ElementDetail(string Framework, string Id, string Name, string Kind, string Description, Citation Source,
        string? Parent, IReadOnlyDictionary<string, string> Labels, IReadOnlyList<ElementList> Lists, IReadOnlyList<ElementNode> Children,
        IReadOnlyList<Related> Related);

    public sealed record CrosswalkLinkView(string From, string To, string Relation, string? Note, string Crosswalk);

    public static void MapFrameworksApi(this WebApplication app)
    {
        var api = app.MapGroup("/api").WithTags("Frameworks");
        api.MapGet("/frameworks", ListFrameworksAsync).WithSummary("Every framework in the catalogue, with its element count.");
        api.MapGet("/frameworks/{id}", GetFrameworkAsync).WithSummary("A framework with its elements as a tree.");
        api.MapGet("/frameworks/{id}/elements/{elementId}", GetElementAsync)
            .WithSummary("One element: its definition, source, children and the elements of other frameworks it is linked to.");
        api.MapGet("/crosswalks", ListCrosswalksAsync).WithSummary("Crosswalk links; with ?element=framework/element, the links of that element read from its side.");
        api.MapGet("/frameworks/{id}/export", ExportAsync).WithSummary("Download a framework in the documented file format (YAML or JSON), ready to edit and import.");
    }

    private static async Task<Ok<List<FrameworkSummary>>> ListFrameworksAsync(FrameworkLibrary library, CancellationToken ct)
    {
        var catalogue = await library.GetCatalogueAsync(ct);
        return TypedResults.Ok(catalogue.Frameworks.Select(f => new FrameworkSummary(f.Id, f.Name, f.DisplayShortName, f.Version, f.ElementCount, f.Group, f.Publisher)).ToList());
    }

    private static async Task<Results<Ok<FrameworkDetail>, ProblemHttpResult>> GetFrameworkAsync(string id, FrameworkLibrary library, CancellationToken ct)
    {
        var catalogue = await library.GetCatalogueAsync(ct);
        return catalogue.Find(id) is { } f
            ? TypedResults.Ok(new FrameworkDetail(f.Id, f.Name, f.DisplayShortName, f.Version, f.Publisher, f.Group, f.Summary, [.. f.Sources.Select(ToCitation)], [.. f.Elements.Select(ToNode)]))
            : ApiSetup.NotFound($"There is no framework '{id}'.");
    }

    private static async Task<Results<Ok<ElementDetail>, ProblemHttpResult>> GetElementAsync(string id, string elementId, FrameworkLibrary library, CancellationToken ct)
    {
        var catalogue = await library.GetCatalogueAsync(ct);
        if (catalogue.Find(id) is not { } framework)
        {
            return ApiSetup.NotFound($"There is no framework '{id}'.");
        }
        if (framework.FindElement(elementId) is not { } e)
        {
            return ApiSetup.NotFound($"Framework '{id}' has no element '{elementId}'.");
        }
        var related = catalogue.Related(e.Ref)
            .Select(r => new Related(r.Framework.Id, r.Framework.DisplayShortName, r.Element.Id, r.Element.Name, r.Relation.ToString().ToLowerInvariant(), r.Note, r.CrosswalkId))
            .ToList();
        return TypedResults.Ok(new ElementDetail(framework.Id, e.Id, e.Name, e.Kind, e.Description, ToCitation(e.Source ?? framework.Sources[0]),
            e.Parent?.Id, e.Labels, [.. e.Lists.Select(l => new ElementList(l.Label, l.Items))], [.. e.Children.Select(ToNode)], related));
    }

    private static async Task<Results<Ok<List<CrosswalkLinkView>>, ProblemHttpResult>> ListCrosswalksAsync(string? element, FrameworkLibrary library, CancellationToken ct)
    {
        var catalogue = await library.GetCatalogueAsync(ct);
        if (string.IsNullOrWhiteSpace(element))
        {
            return TypedResults.Ok(catalogue.Crosswalks.SelectMany(c => c.Links).Select(View).ToList());
        }
        if (!ElementRef.TryParse(element, out var reference))
        {
            return ApiSetup.BadRequest($"'{element}' is not an element reference; use framework-id/element-id, e.g. place-making/connectivity.");
        }
        if (!catalogue.Contains(reference))
        {
            return ApiSetup.NotFound($"There is no element '{element}'.");
        }
        return TypedResults.Ok(catalogue.Related(reference)
            .Select(r => new CrosswalkLinkView(reference.ToString(), r.Element.Ref.ToString(), r.Relation.ToString().ToLowerInvariant(), r.Note, r.CrosswalkId))
            .ToList());
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ExportAsync(string id, string? format, FrameworkLibrary library, CancellationToken ct)
    {
        var catalogue = await library.GetCatalogueAsync(ct);
        if (catalogue.Find(id) is not { } f)
        {
            return ApiSetup.NotFound($"There is no framework '{id}'.");
        }
        return (format ?? "yaml").ToLowerInvariant() switch
        {
            "yaml" or "yml" => TypedResults.File(System.Text.Encoding.UTF8.GetBytes(FrameworkWriter.ToYaml(f)), "application/yaml", $"{f.Id}.yaml"),
            "json" => TypedResults.File(System.Text.Encoding.UTF8.GetBytes(FrameworkWriter.ToJson(f)), "application/json", $"{f.Id}.json"),
            _ => ApiSetup.BadRequest($"'{format}' is not an export format; use yaml or json."),
        };
    }

    private static CrosswalkLinkView View(CrosswalkLink l) =>
        new(l.From.ToString(), l.To.ToString(), l.Relation.ToString().ToLowerInvariant(), l.Note, l.CrosswalkId);

    private static Citation ToCitation(SourceCitation c) => new(c.File, c.Section, c.DocumentTitle, c.DocumentUrl);

    private static ElementNode ToNode(FrameworkElement e) => new(e.Id, e.Name, e.Kind, e.Description, [.. e.Children.Select(ToNode)]);
}
