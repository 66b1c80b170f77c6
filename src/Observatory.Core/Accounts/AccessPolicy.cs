namespace Observatory.Accounts;

/// <summary>Who may see an item: its own organisation only, named organisations too, or everyone.</summary>
public enum Visibility
{
    Private,
    Shared,
    Public,
}

/// <summary>Items are drafted, submitted for approval, and published by an approver.</summary>
public enum WorkflowState
{
    Draft,
    Submitted,
    Published,
}

/// <summary>Something an organisation owns and controls who sees: a draft plan, a self-assessment, an imported framework.</summary>
public interface IOwnedItem
{
    /// <summary>Null for the Observatory's own shipped content, which is public.</summary>
    long? OrganisationId { get; }

    Visibility Visibility { get; }

    /// <summary>Organisation ids it is shared with, comma-separated, when <see cref="Visibility"/> is Shared.</summary>
    string SharedWith { get; }

    WorkflowState State { get; }
}

/// <summary>
/// The one answer to "who may see and change this", used by every page, endpoint and command. Before it is
/// published an item is seen only by its own organisation; once published, by the audience its visibility names.
/// </summary>
public static class AccessPolicy
{
    public static bool CanView(Actor actor, IOwnedItem item)
    {
        if (item.OrganisationId is null || actor.IsSiteAdministrator || actor.RoleIn(item.OrganisationId) is not null)
        {
            return true;
        }
        if (item.State != WorkflowState.Published)
        {
            return false;
        }
        return item.Visibility switch
        {
            Visibility.Public => true,
            Visibility.Shared => SharedWith(item).Any(id => actor.RoleIn(id) is not null),
            _ => false,
        };
    }

    /// <summary>Contributors edit drafts; approvers edit at any stage; nobody writes with a read-only token.</summary>
    public static bool CanEdit(Actor actor, IOwnedItem item) =>
        actor.MayWrite && (actor.IsSiteAdministrator && item.OrganisationId is not null
            || item.State == WorkflowState.Draft && actor.HasRole(item.OrganisationId, Role.Contributor)
            || actor.HasRole(item.OrganisationId, Role.Approver));

    /// <summary>Whether the actor may create an item owned by <paramref name="organisationId"/>.</summary>
    public static bool CanContribute(Actor actor, long organisationId) =>
        actor.MayWrite && (actor.IsSiteAdministrator || actor.HasRole(organisationId, Role.Contributor));

    public static bool CanSubmit(Actor actor, IOwnedItem item) => item.State == WorkflowState.Draft && CanEdit(actor, item);

    public static bool CanPublish(Actor actor, IOwnedItem item) =>
        item.State == WorkflowState.Submitted && actor.MayWrite && (actor.IsSiteAdministrator || actor.HasRole(item.OrganisationId, Role.Approver));

    public static bool CanAdministerOrganisation(Actor actor, long organisationId) =>
        actor.MayWrite && (actor.IsSiteAdministrator || actor.HasRole(organisationId, Role.OrganisationAdmin));

    /// <summary>Indicator data is published statistics: any contributor of any organisation, or a site administrator, may import it.</summary>
    public static bool CanImportIndicatorData(Actor actor) =>
        actor.MayWrite && (actor.IsSiteAdministrator || actor.Roles.Values.Any(r => r >= Role.Contributor));

    public static bool CanAdministerSite(Actor actor) => actor.IsSiteAdministrator && actor.IsSignedIn && actor.MayWrite;

    public static IEnumerable<long> SharedWith(IOwnedItem item) => SharedWith(item.SharedWith);

    /// <summary>The organisation ids of a comma-separated share list, as every owned item (and evidence) stores it.</summary>
    public static IEnumerable<long> SharedWith(string sharedWith) =>
        sharedWith.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => long.TryParse(s, out var id) ? id : -1).Where(id => id > 0);
}
