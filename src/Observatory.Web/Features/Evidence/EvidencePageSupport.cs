using Microsoft.AspNetCore.Mvc;
using Observatory.Accounts;
using Observatory.Content;

namespace Observatory.Web.Features.Evidence;

/// <summary>How the curation service's refusals become responses: bad input re-renders the form with 400, a forbidden write answers 403, an item the actor cannot see 404.</summary>
public static class EvidencePageSupport
{
    /// <summary>Adds a refusal's words to the form; false when it is not a form error (the caller answers 403 or 404).</summary>
    public static bool AddToForm(Exception ex, FormErrors errors)
    {
        switch (ex)
        {
            case ContentValidationException invalid:
                EvidenceForm.AddProblems(errors, invalid.Problems);
                return true;
            case AccountException refused:
                errors.Add(refused.Field, refused.Message);
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// Whether the actor may see who was behind an item published without organisation names: the curators, its
    /// submitter and its organisation. Everyone else sees neither the names nor who made each version.
    /// </summary>
    public static bool MaySeeOrganisations(Actor actor, Observatory.Evidence.EvidenceRecord record) => !record.Anonymous || IsInsider(actor, record);

    public static bool IsInsider(Actor actor, Observatory.Evidence.EvidenceRecord record) =>
        actor.IsCurator || actor.IsSiteAdministrator || record.SubmittedById is { } by && by == actor.PersonId || actor.RoleIn(record.OrganisationId) is not null;

    public static IActionResult Refusal(Exception ex) => ex switch
    {
        KeyNotFoundException => new NotFoundResult(),
        _ => new StatusCodeResult(StatusCodes.Status403Forbidden),
    };
}
