using System.Net;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Observatory.Accounts;
using Observatory.Auditing;
using Observatory.Frameworks;
using Observatory.Rendering.Charts;
using Observatory.Web.Setup;

namespace Observatory.Web.Features.Frameworks;

public sealed class ShowModel(FrameworkLibrary library, AuditLog audit, CurrentActor current) : PageModel
{
    /// <summary>The stored row of an imported framework: owner, visibility, workflow state.</summary>
    public ImportedFramework? Imported { get; private set; }

    public IReadOnlyList<AuditEntry> History { get; private set; } = [];

    public bool CanSubmit => Imported is not null && AccessPolicy.CanSubmit(current.Actor, Imported);

    public bool CanPublish => Imported is not null && AccessPolicy.CanPublish(current.Actor, Imported);

    public bool CanSeeHistory => Imported?.OrganisationId is { } org && (current.Actor.IsSiteAdministrator || current.Actor.RoleIn(org) is not null);

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
        if (framework.Origin == FrameworkOrigin.Imported)
        {
            Imported = await library.FindImportedAsync(framework.Id, cancellationToken);
            if (CanSeeHistory)
            {
                History = await audit.ForEntityAsync(nameof(ImportedFramework), Imported!.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
            }
        }
        Diagram = FrameworkDiagrams.For(framework, Catalogue);
        Links = [.. framework.AllElements()
            .SelectMany(e => Catalogue.Related(e.Ref).Select(r => new LinkRow(e, RelationWords(r.Relation), r.Element, r.Note)))];
        return Page();
    }

    public async Task<IActionResult> OnPostAdvanceAsync(string id, WorkflowState to, CancellationToken cancellationToken)
    {
        if (!(await library.AdvanceAsync(id, to, cancellationToken)).Succeeded(out _, out var refusal))
        {
            return StatusCode(refusal.StatusCode());
        }
        TempData["Notice"] = to == WorkflowState.Published ? "The framework is published." : "The framework was submitted for approval.";
        return LocalRedirect($"/frameworks/{id}");
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
