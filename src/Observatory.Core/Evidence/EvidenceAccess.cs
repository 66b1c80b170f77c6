using Observatory.Accounts;

namespace Observatory.Evidence;

/// <summary>
/// Who may see, submit, edit and curate evidence: the evidence library's own rules, asked of an
/// <see cref="Actor"/> as every other permission is (<see cref="AccessPolicy"/>).
/// </summary>
public static class EvidenceAccess
{
    /// <summary>Curators review and publish contributed evidence; site administrators are curators too.</summary>
    public static bool CanCurate(Actor actor) => actor.MayWrite && actor.IsSignedIn && (actor.IsSiteAdministrator || actor.IsCurator);

    /// <summary>Anyone signed in may submit evidence ("anyone signed in may submit an item"), with a token that may write.</summary>
    public static bool CanSubmit(Actor actor) => actor.IsSignedIn && actor.MayWrite;

    /// <summary>
    /// Published evidence is seen by the audience its visibility names. Before publication only the person who
    /// submitted it, their organisation and the curators see it; shipped items (no submitter) are always published.
    /// </summary>
    public static bool CanView(Actor actor, EvidenceRecord item) =>
        EvidenceLibrary.IsVisible(actor, item.State, item.Visibility, item.OrganisationId, item.SubmittedById, [.. AccessPolicy.SharedWith(item.SharedWith)]);

    /// <summary>Curators edit any item; the person who submitted one may edit it until it is published.</summary>
    public static bool CanEdit(Actor actor, EvidenceRecord item) =>
        CanCurate(actor)
        || actor.MayWrite && item.SubmittedById is { } by && by == actor.PersonId && item.State != WorkflowState.Published;
}
