using Observatory.Auditing;

namespace Observatory.Accounts;

/// <summary>
/// Who is acting: a signed-in person with their roles, someone using an API token (with its scopes), an
/// anonymous visitor, or the Observatory itself (the command line, seeding). Every permission question is asked
/// of an actor, through <see cref="AccessPolicy"/>.
/// </summary>
public sealed record Actor(long? PersonId, string Name, bool IsSiteAdministrator, IReadOnlyDictionary<long, Role> Roles, TokenScopes Scopes, bool IsCurator = false)
{
    private static readonly IReadOnlyDictionary<long, Role> NoRoles = new Dictionary<long, Role>();

    public static readonly Actor Anonymous = new(null, "anonymous", false, NoRoles, TokenScopes.Read);

    /// <summary>The Observatory acting for an operator with shell access (command line, start-up seeding).</summary>
    public static Actor System(string name) => new(null, name, true, NoRoles, TokenScopes.Read | TokenScopes.Write);

    public bool IsSignedIn => PersonId is not null;

    public bool MayWrite => Scopes.HasFlag(TokenScopes.Write);

    public Role? RoleIn(long? organisationId) => organisationId is { } id && Roles.TryGetValue(id, out var role) ? role : null;

    public bool HasRole(long? organisationId, Role atLeast) => RoleIn(organisationId) is { } role && role >= atLeast;
}

/// <summary>
/// The actor of the current scope (a web request, a command). Anonymous until something says otherwise. The
/// audit log names it for the scope's writes.
/// </summary>
public sealed class CurrentActor : IAuditActor
{
    public Actor Actor { get; set; } = Actor.Anonymous;

    long? IAuditActor.PersonId => Actor.PersonId;

    string IAuditActor.Name => Actor.Name;
}
