using Microsoft.EntityFrameworkCore;
using Observatory.Accounts;
using Observatory.Storage;

namespace Observatory.Evidence;

/// <summary>
/// Reads the evidence library as an actor may see it. Every page, endpoint and export starts from
/// <see cref="Visible"/>, so an unpublished or private item never leaks through a list, a count or a map.
/// </summary>
public sealed class EvidenceLibrary(ObservatoryDbContext db)
{
    /// <summary>The items <paramref name="actor"/> may see: the same rule as <see cref="EvidenceAccess.CanView"/>, as a query.</summary>
    public IQueryable<EvidenceRecord> Visible(Actor actor)
    {
        var items = db.EvidenceItems.AsNoTracking();
        if (actor.IsSiteAdministrator || actor.IsCurator)
        {
            return items;
        }
        var organisations = actor.Roles.Keys.ToList();
        var shareTokens = organisations.Select(id => "," + id + ",").ToList();
        var person = actor.PersonId ?? -1;
        return items.Where(e =>
            e.SubmittedById == person
            || e.OrganisationId != null && organisations.Contains(e.OrganisationId.Value)
            || e.State == WorkflowState.Published
               && (e.Visibility == Visibility.Public
                   || e.Visibility == Visibility.Shared && shareTokens.Any(t => ("," + e.SharedWith + ",").Contains(t))));
    }

    /// <summary>
    /// <see cref="Visible"/>'s rule in memory, for the evidence index, which keeps these columns of every item and
    /// decides per search, and for <see cref="EvidenceAccess.CanView"/>; kept beside the query so the two are
    /// changed together (EvidenceLibraryTests check they agree).
    /// </summary>
    public static bool IsVisible(Actor actor, WorkflowState state, Visibility visibility, long? organisationId, long? submittedById, IReadOnlyList<long> sharedWith)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(sharedWith);
        if (actor.IsSiteAdministrator || actor.IsCurator)
        {
            return true;
        }
        if (submittedById is { } by && by == (actor.PersonId ?? -1) || organisationId is { } owner && actor.Roles.ContainsKey(owner))
        {
            return true;
        }
        if (state != WorkflowState.Published)
        {
            return false;
        }
        if (visibility == Visibility.Public)
        {
            return true;
        }
        if (visibility != Visibility.Shared)
        {
            return false;
        }
        foreach (var id in sharedWith)
        {
            if (actor.Roles.ContainsKey(id))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Only the published items the actor may see: what lists, searches, maps and exports show.</summary>
    public IQueryable<EvidenceRecord> Published(Actor actor) => Visible(actor).Where(e => e.State == WorkflowState.Published);

    /// <summary>The texts an item replaced, oldest first (version N holds the text before version N+1).</summary>
    public Task<List<EvidenceVersion>> VersionsAsync(long itemId, CancellationToken cancellationToken = default) =>
        db.EvidenceVersions.AsNoTracking().Where(v => v.ItemId == itemId).OrderBy(v => v.Version).ToListAsync(cancellationToken);

    public Task<EvidenceVersion?> VersionAsync(long itemId, int version, CancellationToken cancellationToken = default) =>
        db.EvidenceVersions.AsNoTracking().FirstOrDefaultAsync(v => v.ItemId == itemId && v.Version == version, cancellationToken);

    /// <summary>One item with its places and elements, or null when it does not exist or the actor may not see it (the page answers 404 either way).</summary>
    public Task<EvidenceRecord?> FindAsync(Actor actor, string slug, CancellationToken cancellationToken = default) =>
        Visible(actor).Include(e => e.Places).Include(e => e.Elements).FirstOrDefaultAsync(e => e.Slug == slug, cancellationToken);
}
