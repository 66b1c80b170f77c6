using System.Net;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Observatory.Charts;
using Observatory.Frameworks;

namespace Observatory.Web.Pages.Frameworks;

public sealed class ShowModel(FrameworkLibrary library) : PageModel
{
    public sealed record LinkRow(FrameworkElement Own, string Relation, FrameworkElement Other, string? Note);

    public Framework Framework { get; private set; } = null!;
    public FrameworkCatalogue Catalogue { get; private set; } = null!;
    public Diagram? Diagram { get; private set; }
    public IReadOnlyList<LinkRow> Links { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        Catalogue = await library.GetCatalogueAsync(cancellationToken);
        if (Catalogue.Find(id) is not { } framework)
        {
            return NotFound();
        }
        Framework = framework;
        Diagram = FrameworkDiagrams.For(framework, Catalogue);
        Links = [.. framework.AllElements()
            .SelectMany(e => Catalogue.Related(e.Ref).Select(r => new LinkRow(e, RelationWords(r.Relation), r.Element, r.Note)))];
        return Page();
    }

    public string ElementLink(FrameworkElement element, bool withFramework = false)
    {
        var text = WebUtility.HtmlEncode(element.Name);
        var framework = withFramework && Catalogue.Find(element.FrameworkId) is { } f ? $" <span class=\"govuk-body-s\">({WebUtility.HtmlEncode(f.DisplayShortName)})</span>" : "";
        return $"<a class=\"govuk-link\" href=\"/frameworks/{element.FrameworkId}/{element.Id}\">{text}</a>{framework}";
    }

    public static string RelationWords(CrosswalkRelation relation) => relation switch
    {
        CrosswalkRelation.Equivalent => "is the same as",
        CrosswalkRelation.Broader => "is part of",
        CrosswalkRelation.Narrower => "includes",
        _ => "is related to",
    };
}
