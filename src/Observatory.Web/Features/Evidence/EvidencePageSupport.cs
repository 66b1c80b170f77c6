using Observatory.Accounts;

namespace Observatory.Web.Features.Evidence;

/// <summary>Who may see what of an item's authorship on the evidence pages.</summary>
public static class EvidencePageSupport
{
    /// <summary>
    /// Whether the actor may see who was behind an item published without organisation names: the curators, its
    /// submitter and its organisation. Everyone else sees neither the names nor who made each version.
    /// </summary>
    public static bool MaySeeOrganisations(Actor actor, Observatory.Evidence.EvidenceRecord record) => !record.Anonymous || IsInsider(actor, record);

    public static bool IsInsider(Actor actor, Observatory.Evidence.EvidenceRecord record) =>
        actor.IsCurator || actor.IsSiteAdministrator || record.SubmittedById is { } by && by == actor.PersonId || actor.RoleIn(record.OrganisationId) is not null;
}
