using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Observatory.Accounts;
using Observatory.Places;
using Observatory.Portraits;
using Observatory.Web.Setup;

namespace Observatory.Web.Features.Portraits;

/// <summary>
/// Where a contributor of an organisation serving a council sets that council's local targets: for one dimension
/// or indicator of the portrait, a value and the reason it replaces the definition's threshold.
/// </summary>
[Authorize]
public sealed class LocalTargetsModel(PlaceRegistry places, PortraitDefinitions definitions, LocalTargets targets, CurrentActor current) : PageModel
{
    public sealed record Choice(string Key, string Label, string DefaultThreshold);

    public Place Place { get; private set; } = null!;
    public PortraitDefinition Definition { get; private set; } = null!;
    public IReadOnlyList<Organisation> Organisations { get; private set; } = [];
    public Organisation Organisation { get; private set; } = null!;
    public IReadOnlyList<LocalTarget> Targets { get; private set; } = [];
    public IReadOnlyList<Choice> Choices { get; private set; } = [];

    [BindProperty]
    public string? Key { get; set; }

    [BindProperty]
    public string? Value { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    public Visibility Visibility { get; set; } = Visibility.Public;

    public FormErrors Errors { get; } = new();

    public string PortraitPath => $"/portraits/{Definition.Id}/{Place.Code}";

    public async Task<IActionResult> OnGetAsync(string definition, string place, long? organisation, CancellationToken cancellationToken) =>
        await LoadAsync(definition, place, organisation, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string definition, string place, long? organisation, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(definition, place, organisation, cancellationToken))
        {
            return NotFound();
        }
        // A value that is not a number goes to the service as NaN, which says so with every other problem in one pass.
        var value = double.TryParse(Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed : double.NaN;
        var outcome = await targets.SetAsync(Organisation.Id, Place.Code, Definition.Id, Key ?? "", value, Reason ?? "", Visibility, cancellationToken);
        if (!outcome.Succeeded(out _, out var refusal))
        {
            return this.Refuse(refusal, Errors) ?? Page();
        }
        TempData["Notice"] = "The local target was saved.";
        return LocalRedirect($"{PortraitPath}/local-targets?organisation={Organisation.Id}");
    }

    public async Task<IActionResult> OnPostRemoveAsync(string definition, string place, long? organisation, long targetId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(definition, place, organisation, cancellationToken) || Targets.All(t => t.Id != targetId))
        {
            return NotFound();
        }
        if (!(await targets.RemoveAsync(targetId, cancellationToken)).Succeeded(out var refusal))
        {
            return StatusCode(refusal.StatusCode());
        }
        TempData["Notice"] = "The local target was removed; the definition's threshold applies again.";
        return LocalRedirect($"{PortraitPath}/local-targets?organisation={Organisation.Id}");
    }

    /// <summary>Only contributors of organisations that serve the place reach this page; anyone else gets 404.</summary>
    private async Task<bool> LoadAsync(string definitionId, string placeCode, long? organisationId, CancellationToken cancellationToken)
    {
        if (definitions.Find(definitionId) is not { Places: PortraitPlaces.UkCouncils } definition || places.Find(placeCode) is not { IsCouncil: true } place)
        {
            return false;
        }
        Organisations = await targets.SettableByAsync(current.Actor, place.Code, cancellationToken);
        if (Organisations.FirstOrDefault(o => organisationId is null || o.Id == organisationId) is not { } organisation)
        {
            return false;
        }
        Definition = definition;
        Place = place;
        Organisation = organisation;
        Targets = await targets.ListAsync(organisation.Id, place.Code, definition.Id, cancellationToken);
        Choices = [.. definition.Dimensions.SelectMany(d => d.Indicators.Select(i => new Choice($"{d.Id}/{i.Id}", d.Indicators.Count == 1 ? d.Name : $"{d.Name}: {i.Name}",
            i.Threshold is { } t ? $"{t.Value.ToString(CultureInfo.InvariantCulture)} ({t.Source})" : "none")))];
        return true;
    }
}
