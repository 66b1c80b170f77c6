using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Observatory.Accounts;
using Observatory.Auditing;
using Observatory.Content;
using Observatory.Outcomes;
using Observatory.Storage;

namespace Observatory.Portraits;

/// <summary>
/// A threshold an organisation sets for a place it serves, in place of the definition's own: the DEAL local-targets
/// lens (a borough's own floor for life satisfaction, a council's net-zero pathway). The reason is required and,
/// like every change, audited.
/// </summary>
public sealed class LocalTarget : IAudited, IOwnedItem
{
    public const int MaxReasonLength = 1000;

    public long Id { get; set; }
    public long? OrganisationId { get; set; }
    public required string PlaceCode { get; set; }
    public required string DefinitionId { get; set; }

    /// <summary>The dimension and indicator of the definition, "life-satisfaction/life-satisfaction", or a dimension id for all its indicators.</summary>
    public required string Key { get; set; }

    public double Value { get; set; }
    public required string Reason { get; set; }
    public Visibility Visibility { get; set; } = Visibility.Public;
    public string SharedWith { get; set; } = "";

    /// <summary>Local targets are published when saved: they are the organisation's stated position, and the audit log keeps every change.</summary>
    public WorkflowState State { get; set; } = WorkflowState.Published;

    public DateTime UpdatedAt { get; set; }

    long? IAudited.AuditOrganisationId => OrganisationId;
}

internal sealed class LocalTargetConfiguration : IEntityTypeConfiguration<LocalTarget>
{
    public void Configure(EntityTypeBuilder<LocalTarget> builder)
    {
        builder.ToTable("local_targets");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Visibility).HasConversion<string>();
        builder.Property(t => t.State).HasConversion<string>();
        builder.HasIndex(t => new { t.OrganisationId, t.PlaceCode, t.DefinitionId, t.Key }).IsUnique().HasDatabaseName("ux_local_targets_target");
        builder.HasOne<Organisation>().WithMany().HasForeignKey(t => t.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Places.Place>().WithMany().HasForeignKey(t => t.PlaceCode).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>Reads and sets local targets, asking the access policy who may see and change them.</summary>
public sealed class LocalTargets(ObservatoryDbContext db, PortraitDefinitions definitions, CurrentActor current, TimeProvider clock)
{
    private Actor Actor => current.Actor;

    /// <summary>The organisations whose targets for this place and definition the actor may see.</summary>
    public async Task<IReadOnlyList<Organisation>> OrganisationsWithTargetsAsync(string placeCode, string definitionId, CancellationToken cancellationToken = default)
    {
        var targets = await db.Set<LocalTarget>().AsNoTracking().Where(t => t.PlaceCode == placeCode && t.DefinitionId == definitionId).ToListAsync(cancellationToken);
        var ids = targets.Where(t => AccessPolicy.CanView(Actor, t)).Select(t => t.OrganisationId).Distinct().ToList();
        return await db.Organisations.AsNoTracking().Where(o => ids.Contains(o.Id)).OrderBy(o => o.Name).ToListAsync(cancellationToken);
    }

    /// <summary>The organisations serving the place for which <paramref name="actor"/> may set targets (a contributor or above), by name.</summary>
    public async Task<IReadOnlyList<Organisation>> SettableByAsync(Actor actor, string placeCode, CancellationToken cancellationToken = default)
    {
        var serving = await db.Organisations.AsNoTracking().Where(o => o.PlaceCodes.Contains(placeCode)).OrderBy(o => o.Name).ToListAsync(cancellationToken);
        return [.. serving.Where(o => o.Places.Contains(placeCode) && AccessPolicy.CanContribute(actor, o.Id))];
    }

    public async Task<IReadOnlyList<LocalTarget>> ListAsync(long organisationId, string placeCode, string definitionId, CancellationToken cancellationToken = default) =>
        [.. (await db.Set<LocalTarget>().AsNoTracking()
            .Where(t => t.OrganisationId == organisationId && t.PlaceCode == placeCode && t.DefinitionId == definitionId)
            .OrderBy(t => t.Key).ToListAsync(cancellationToken)).Where(t => AccessPolicy.CanView(Actor, t))];

    /// <summary>The overrides to draw a portrait with, keyed as the engine expects.</summary>
    public async Task<IReadOnlyDictionary<string, ThresholdOverride>> OverridesAsync(long organisationId, string placeCode, string definitionId, CancellationToken cancellationToken = default) =>
        (await ListAsync(organisationId, placeCode, definitionId, cancellationToken)).ToDictionary(t => t.Key, t => new ThresholdOverride(t.Value, t.Reason));

    /// <summary>
    /// Sets (or changes) a target. Forbidden unless the actor contributes to an organisation that serves the place;
    /// otherwise every problem with the key, value and reason is given at once.
    /// </summary>
    public async Task<Outcome<LocalTarget>> SetAsync(long organisationId, string placeCode, string definitionId, string key, double value, string reason, Visibility visibility,
        CancellationToken cancellationToken = default)
    {
        var organisation = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == organisationId, cancellationToken);
        if (organisation is null || !AccessPolicy.CanContribute(Actor, organisationId) || !organisation.Places.Contains(placeCode, StringComparer.OrdinalIgnoreCase))
        {
            return Refusal.Forbidden("Only a contributor of an organisation that serves this place can set its local targets.");
        }
        if (definitions.Find(definitionId) is not { } definition)
        {
            return Refusal.NotFound($"There is no portrait definition '{definitionId}'");
        }
        var problems = new List<ContentProblem>();
        var known = definition.Dimensions.SelectMany(d => d.Indicators.Select(i => $"{d.Id}/{i.Id}").Prepend(d.Id)).ToHashSet(StringComparer.Ordinal);
        if (!known.Contains(key))
        {
            problems.Add(Problem("key", "Choose a dimension or indicator of the portrait"));
        }
        if (!double.IsFinite(value))
        {
            problems.Add(Problem("value", "Enter the target as a number, for example 7.2"));
        }
        reason = reason?.Trim() ?? "";
        if (reason.Length == 0)
        {
            problems.Add(Problem("reason", "Say why this target replaces the definition's threshold: it is shown beside the portrait"));
        }
        else if (reason.Length > LocalTarget.MaxReasonLength)
        {
            problems.Add(Problem("reason", $"The reason must be {LocalTarget.MaxReasonLength} characters or fewer"));
        }
        if (problems.Count > 0)
        {
            return Refusal.Invalid(problems);
        }
        var target = await db.Set<LocalTarget>().FirstOrDefaultAsync(t => t.OrganisationId == organisationId && t.PlaceCode == placeCode && t.DefinitionId == definitionId && t.Key == key, cancellationToken);
        if (target is null)
        {
            target = new LocalTarget { OrganisationId = organisationId, PlaceCode = placeCode, DefinitionId = definitionId, Key = key, Reason = reason };
            db.Add(target);
        }
        target.Value = value;
        target.Reason = reason;
        target.Visibility = visibility;
        target.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return target;
    }

    public async Task<Outcome> RemoveAsync(long targetId, CancellationToken cancellationToken = default)
    {
        var target = await db.Set<LocalTarget>().FirstOrDefaultAsync(t => t.Id == targetId, cancellationToken);
        if (target is null || !AccessPolicy.CanView(Actor, target))
        {
            return Refusal.NotFound("There is no such local target.");
        }
        if (!AccessPolicy.CanContribute(Actor, target.OrganisationId!.Value))
        {
            return Refusal.Forbidden("Only a contributor of its organisation can remove a local target.");
        }
        db.Remove(target);
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Done;
    }

    private static ContentProblem Problem(string field, string message) => new("", 0, 0, field, message);
}
