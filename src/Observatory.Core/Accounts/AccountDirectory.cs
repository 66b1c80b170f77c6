using Microsoft.EntityFrameworkCore;
using Observatory.Storage;

namespace Observatory.Accounts;

/// <summary>
/// Who is who: people, organisations, memberships, invitations, tokens and the outbox as pages and commands read
/// them. Reads only; every change goes through <see cref="AccountService"/>, which checks the actor first.
/// </summary>
public sealed class AccountDirectory(ObservatoryDbContext db)
{
    public Task<List<Organisation>> OrganisationsAsync(CancellationToken cancellationToken = default) =>
        db.Organisations.AsNoTracking().OrderBy(o => o.Name).ToListAsync(cancellationToken);

    public Task<Organisation?> OrganisationAsync(long id, CancellationToken cancellationToken = default) =>
        db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, cancellationToken);

    public Task<Organisation?> OrganisationAsync(string slug, CancellationToken cancellationToken = default) =>
        db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Slug == slug, cancellationToken);

    /// <summary>The organisations the actor may put items in (a draft, an imported framework, evidence): those where they are at least a contributor.</summary>
    public Task<List<Organisation>> ContributableByAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var ids = actor.Roles.Where(r => r.Value >= Role.Contributor).Select(r => r.Key).ToList();
        return db.Organisations.AsNoTracking().Where(o => ids.Contains(o.Id)).OrderBy(o => o.Name).ToListAsync(cancellationToken);
    }

    public Task<List<Person>> PeopleAsync(CancellationToken cancellationToken = default) =>
        db.People.AsNoTracking().OrderBy(p => p.DisplayName).ToListAsync(cancellationToken);

    public Task<Person?> PersonAsync(long id, CancellationToken cancellationToken = default) =>
        db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);

    public Task<string?> PersonNameAsync(long id, CancellationToken cancellationToken = default) =>
        db.People.AsNoTracking().Where(p => p.Id == id).Select(p => p.DisplayName).FirstOrDefaultAsync(cancellationToken);

    /// <summary>Whether someone has an account under this address (an invitation then asks them to sign in rather than register).</summary>
    /// <summary>Whether anyone can administer the site yet (the start-up banner says how to make the first one).</summary>
    public bool HasSiteAdministrator() => db.People.Any(p => p.IsSiteAdministrator);

    public Task<bool> HasAccountAsync(string email, CancellationToken cancellationToken = default) =>
        db.People.AnyAsync(p => p.Email == email, cancellationToken);

    /// <summary>A person's organisations with their role in each, by organisation name.</summary>
    public async Task<List<(Organisation Organisation, Role Role)>> MembershipsOfAsync(long personId, CancellationToken cancellationToken = default) =>
        [.. (await db.Memberships.AsNoTracking().Where(m => m.PersonId == personId)
            .Join(db.Organisations.AsNoTracking(), m => m.OrganisationId, o => o.Id, (m, o) => new { o, m.Role })
            .ToListAsync(cancellationToken)).Select(x => (x.o, x.Role)).OrderBy(r => r.o.Name)];

    /// <summary>An organisation's members with their memberships, by name.</summary>
    public async Task<List<(Membership Membership, Person Person)>> MembersAsync(long organisationId, CancellationToken cancellationToken = default) =>
        [.. (await db.Memberships.AsNoTracking().Where(m => m.OrganisationId == organisationId)
            .Join(db.People.AsNoTracking(), m => m.PersonId, p => p.Id, (m, p) => new { m, p }).ToListAsync(cancellationToken))
            .Select(x => (x.m, x.p)).OrderBy(r => r.p.DisplayName)];

    /// <summary>Invitations to an organisation that can still be accepted at <paramref name="now"/>, by address.</summary>
    public Task<List<Invitation>> OpenInvitationsAsync(long organisationId, DateTime now, CancellationToken cancellationToken = default) =>
        db.Invitations.AsNoTracking().Where(i => i.OrganisationId == organisationId && i.AcceptedAt == null && i.RevokedAt == null && i.ExpiresAt > now)
            .OrderBy(i => i.Email).ToListAsync(cancellationToken);

    /// <summary>A person's API tokens, newest first.</summary>
    public Task<List<ApiToken>> TokensOfAsync(long personId, CancellationToken cancellationToken = default) =>
        db.ApiTokens.AsNoTracking().Where(t => t.PersonId == personId).OrderByDescending(t => t.CreatedAt).ToListAsync(cancellationToken);

    /// <summary>The latest messages waiting in the outbox, newest first.</summary>
    public Task<List<OutboxMessage>> OutboxAsync(int count, CancellationToken cancellationToken = default) =>
        db.OutboxMessages.AsNoTracking().OrderByDescending(m => m.Id).Take(count).ToListAsync(cancellationToken);

    public Task<int> OutboxCountAsync(CancellationToken cancellationToken = default) => db.OutboxMessages.CountAsync(cancellationToken);
}
