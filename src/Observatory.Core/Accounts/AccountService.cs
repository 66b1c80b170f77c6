using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Observatory.Content;
using Observatory.Outcomes;
using Observatory.Storage;

namespace Observatory.Accounts;

public enum SignInOutcome
{
    Success,

    /// <summary>Wrong email or password: the two are never told apart, so no one can learn who has an account.</summary>
    Failed,

    LockedOut,
}

public sealed record SignInResult(SignInOutcome Outcome, Person? Person, DateTime? LockedUntil = null);

/// <summary>An invitation just sent, and its link when the admin who sent it may see it (see <see cref="AccountService.InviteAsync(Actor, long, string, Role, CancellationToken)"/>).</summary>
public sealed record InvitationSent(Invitation Invitation, string? LinkToPassOn);

/// <summary>Accounts, organisations, memberships, invitations, password resets, sign-in sessions and API tokens.</summary>
/// <remarks>Links in the mail it sends are built from <see cref="PublicAddress"/>, never from a request.</remarks>
public sealed partial class AccountService(ObservatoryDbContext db, IMailSender mail, TimeProvider clock, PublicAddress links)
{
    public const int MinimumPasswordLength = 12;
    public const int MaxFailedSignIns = 5;
    public static readonly TimeSpan LockoutPeriod = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan InvitationLifetime = TimeSpan.FromDays(7);
    public static readonly TimeSpan ResetLifetime = TimeSpan.FromHours(1);
    public const int MaxTokenLifetimeDays = 366;

    private static readonly PasswordHasher<Person> Hasher = new();

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private const string InvalidEmail = "Enter an email address in the correct format, like name@example.gov.uk";
    private const string InvitationGone = "This invitation link has expired or has already been used. Ask your organisation admin for a new one";

    /// <summary>Why <paramref name="password"/> will not do for <paramref name="email"/>'s account, or null when it will.</summary>
    public static Refusal? CheckPassword(string password, string email) =>
        PasswordProblem(password, email) is { } problem ? Refusal.Invalid("password", problem) : null;

    private static string? PasswordProblem(string password, string email) =>
        string.IsNullOrEmpty(password) || password.Length < MinimumPasswordLength ? $"Password must be at least {MinimumPasswordLength} characters"
        : password.Contains(email.Split('@')[0], StringComparison.OrdinalIgnoreCase) ? "Password must not contain your email address"
        : null;

    /// <summary>Why <paramref name="email"/> is not an email address, or null when it is one.</summary>
    public static Refusal? CheckEmail(string email) => EmailPattern().IsMatch(email.Trim()) ? null : Refusal.Invalid("email", InvalidEmail);

    /// <summary>The first site administrator (observatory users create-admin), or another one.</summary>
    public async Task<Outcome<Person>> CreateSiteAdministratorAsync(string email, string displayName, string password, CancellationToken cancellationToken = default)
    {
        if ((CheckEmail(email) ?? CheckPassword(password, email)) is { } refusal)
        {
            return refusal;
        }
        var normalised = Person.NormaliseEmail(email);
        var person = await db.People.FirstOrDefaultAsync(p => p.Email == normalised, cancellationToken);
        if (person is null)
        {
            person = new Person { Email = normalised, DisplayName = displayName.Trim(), CreatedAt = Now };
            db.People.Add(person);
        }
        person.IsSiteAdministrator = true;
        person.PasswordHash = Hasher.HashPassword(person, password);
        person.SecurityStamp = Guid.NewGuid().ToString("N");
        await db.SaveChangesAsync(cancellationToken);
        await EndSessionsAsync(person.Id, cancellationToken);
        return person;
    }

    /// <remarks>A name already taken is refused on the "name" field as invalid input (400), as it always was.</remarks>
    public async Task<Outcome<Organisation>> CreateOrganisationAsync(Actor actor, string name, OrganisationKind kind, IEnumerable<string> places, CancellationToken cancellationToken = default)
    {
        if (!actor.IsSiteAdministrator)
        {
            return Refusal.Forbidden("Only a site administrator can create organisations.");
        }
        name = name.Trim();
        if (name.Length is 0 or > Organisation.MaxNameLength)
        {
            return Refusal.Invalid("name", $"Enter the organisation's name (up to {Organisation.MaxNameLength} characters)");
        }
        var slug = Slug(name);
        if (await db.Organisations.AnyAsync(o => o.Slug == slug, cancellationToken))
        {
            return Refusal.Conflict($"An organisation called {name} already exists", "name");
        }
        var organisation = new Organisation { Name = name, Slug = slug, Kind = kind, PlaceCodes = string.Join(',', places.Select(p => p.Trim().ToUpperInvariant()).Where(p => p.Length > 0).Distinct()), CreatedAt = Now };
        db.Organisations.Add(organisation);
        await db.SaveChangesAsync(cancellationToken);
        return organisation;
    }

    /// <summary>
    /// Invites someone to an organisation by mail. The link is given back to show the admin only when the mail waits
    /// in the outbox (no mail server) and the address has no account yet: an invitation to an existing account is
    /// accepted by its owner signing in, and its link is never shown to anyone but that address.
    /// </summary>
    public async Task<Outcome<InvitationSent>> InviteAsync(Actor actor, long organisationId, string email, Role role, CancellationToken cancellationToken = default)
    {
        if (!AccessPolicy.CanAdministerOrganisation(actor, organisationId))
        {
            return Refusal.Forbidden("Only an organisation admin can invite people.");
        }
        if (!EmailPattern().IsMatch(email.Trim()))
        {
            return Refusal.Invalid("email", InvalidEmail);
        }
        var (invitation, secret, hasAccount) = await CreateInvitationAsync(actor, organisationId, email, role, cancellationToken);
        var link = links.Link($"invitations/{secret}");
        return new InvitationSent(invitation, mail.KeepsMessagesInOutbox && !hasAccount ? link : null);
    }

    /// <summary>
    /// For set-up code that accepts on the invitee's behalf (the tests): invites and gives back the secret itself.
    /// <paramref name="acceptUrlBase"/> is not used — links are built from <see cref="PublicAddress"/>, never from a
    /// caller's idea of the address — and is kept only so that existing set-up code still reads the same.
    /// </summary>
    public async Task<Outcome<(Invitation Invitation, string Secret)>> InviteAsync(Actor actor, long organisationId, string email, Role role, string acceptUrlBase, CancellationToken cancellationToken = default)
    {
        _ = acceptUrlBase;
        if (!AccessPolicy.CanAdministerOrganisation(actor, organisationId))
        {
            return Refusal.Forbidden("Only an organisation admin can invite people.");
        }
        if (CheckEmail(email) is { } refusal)
        {
            return refusal;
        }
        var (invitation, secret, _) = await CreateInvitationAsync(actor, organisationId, email, role, cancellationToken);
        return (invitation, secret);
    }

    private async Task<(Invitation Invitation, string Secret, bool HasAccount)> CreateInvitationAsync(Actor actor, long organisationId, string email, Role role, CancellationToken cancellationToken)
    {
        var organisation = await db.Organisations.FirstAsync(o => o.Id == organisationId, cancellationToken);
        var secret = Secrets.New();
        var invitation = new Invitation
        {
            OrganisationId = organisationId,
            Email = Person.NormaliseEmail(email),
            Role = role,
            TokenHash = Secrets.Hash(secret),
            ExpiresAt = Now + InvitationLifetime,
            InvitedById = actor.PersonId ?? 0,
            CreatedAt = Now,
        };
        db.Invitations.Add(invitation);
        await db.SaveChangesAsync(cancellationToken);
        var hasAccount = await db.People.AnyAsync(p => p.Email == invitation.Email, cancellationToken);
        var how = hasAccount
            ? $"You already have an account, so sign in as {invitation.Email} to accept: {links.Link($"invitations/{secret}")}"
            : $"Accept the invitation: {links.Link($"invitations/{secret}")}";
        await mail.SendAsync(invitation.Email, $"You are invited to join {organisation.Name} on the Connected Places Observatory",
            $"{actor.Name} has invited you to join {organisation.Name} as {Membership.RoleName(role).ToLowerInvariant()}.\n\n" +
            $"{how}\n\nThe link works once and expires on {invitation.ExpiresAt:d MMMM yyyy 'at' HH:mm} UTC.",
            cancellationToken);
        return (invitation, secret, hasAccount);
    }

    /// <summary>The invitation a link stands for, if it is still good.</summary>
    public async Task<Invitation?> FindInvitationAsync(string secret, CancellationToken cancellationToken = default)
    {
        var hash = Secrets.Hash(secret);
        var invitation = await db.Invitations.AsNoTracking().FirstOrDefaultAsync(i => i.TokenHash == hash, cancellationToken);
        return invitation is { AcceptedAt: null, RevokedAt: null } && invitation.ExpiresAt > Now ? invitation : null;
    }

    /// <summary>
    /// Accepts an invitation as a new person, who chooses a name and password. An address that already has an
    /// account is refused: following a link proves only that someone holds it, not that they own the account, so
    /// its owner signs in and accepts with <see cref="AcceptInvitationAsync(string, Actor, CancellationToken)"/>.
    /// </summary>
    public async Task<Outcome<Person>> AcceptInvitationAsNewPersonAsync(string secret, string displayName, string password, CancellationToken cancellationToken = default)
    {
        var invitation = await OpenInvitationAsync(secret, cancellationToken);
        if (invitation is null)
        {
            return Refusal.NotFound(InvitationGone);
        }
        if (await db.People.AnyAsync(p => p.Email == invitation.Email, cancellationToken))
        {
            return Refusal.Conflict($"{invitation.Email} already has an account. Sign in as {invitation.Email} to accept this invitation", "invitation");
        }
        if (string.IsNullOrWhiteSpace(displayName))
        {
            return Refusal.Invalid("displayName", "Enter your name");
        }
        if (PasswordProblem(password, invitation.Email) is { } problem)
        {
            return Refusal.Invalid("password", problem);
        }
        var person = new Person { Email = invitation.Email, DisplayName = displayName.Trim(), CreatedAt = Now };
        person.PasswordHash = Hasher.HashPassword(person, password);
        db.People.Add(person);
        await db.SaveChangesAsync(cancellationToken);
        await JoinAsync(invitation, person, cancellationToken);
        return person;
    }

    /// <summary>
    /// Accepts an invitation for the signed-in person it was sent to — the proof that whoever accepts owns the
    /// account the organisation is joined to.
    /// </summary>
    public async Task<Outcome<Person>> AcceptInvitationAsync(string secret, Actor signedIn, CancellationToken cancellationToken = default)
    {
        if (signedIn.PersonId is not { } personId)
        {
            return Refusal.Forbidden("Sign in to accept this invitation.");
        }
        var invitation = await OpenInvitationAsync(secret, cancellationToken);
        if (invitation is null)
        {
            return Refusal.NotFound(InvitationGone);
        }
        var person = await db.People.FirstAsync(p => p.Id == personId, cancellationToken);
        if (person.Email != invitation.Email)
        {
            return Refusal.Forbidden($"This invitation was sent to {invitation.Email}. Sign in as {invitation.Email} to accept it.");
        }
        await JoinAsync(invitation, person, cancellationToken);
        return person;
    }

    private async Task<Invitation?> OpenInvitationAsync(string secret, CancellationToken cancellationToken)
    {
        var hash = Secrets.Hash(secret);
        var invitation = await db.Invitations.FirstOrDefaultAsync(i => i.TokenHash == hash, cancellationToken);
        return invitation is { AcceptedAt: null, RevokedAt: null } && invitation.ExpiresAt > Now ? invitation : null;
    }

    private async Task JoinAsync(Invitation invitation, Person person, CancellationToken cancellationToken)
    {
        if (!await db.Memberships.AnyAsync(m => m.OrganisationId == invitation.OrganisationId && m.PersonId == person.Id, cancellationToken))
        {
            db.Memberships.Add(new Membership { OrganisationId = invitation.OrganisationId, PersonId = person.Id, Role = invitation.Role, CreatedAt = Now });
        }
        invitation.AcceptedAt = Now;
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<SignInResult> SignInAsync(string email, string password, CancellationToken cancellationToken = default)
    {
        var normalised = Person.NormaliseEmail(email ?? "");
        var person = await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Email == normalised, cancellationToken);
        if (person is null)
        {
            // Hash anyway, so an unknown address takes as long as a wrong password.
            Hasher.VerifyHashedPassword(new Person { Email = "", DisplayName = "" }, DummyHash, password ?? "");
            return new SignInResult(SignInOutcome.Failed, null);
        }
        return await CheckPasswordAsync(person, password ?? "", cancellationToken);
    }

    /// <summary>
    /// Checks a person's password, counting the attempt in the database before the password is looked at: one
    /// UPDATE takes a place among the <see cref="MaxFailedSignIns"/> an unlocked account allows, and an attempt that
    /// gets none is refused unchecked. Concurrent attempts therefore never check more passwords than the lockout
    /// allows, however many arrive at once (each reads and adds to the count in the same statement, on SQLite and
    /// PostgreSQL alike).
    /// </summary>
    private async Task<SignInResult> CheckPasswordAsync(Person person, string password, CancellationToken cancellationToken)
    {
        var now = Now;
        var counted = await db.People
            .Where(p => p.Id == person.Id && (p.LockedUntil == null || p.LockedUntil <= now) && p.FailedSignIns < MaxFailedSignIns)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.FailedSignIns, p => p.FailedSignIns + 1), cancellationToken);
        if (counted == 0)
        {
            var until = await db.People.Where(p => p.Id == person.Id).Select(p => p.LockedUntil).FirstAsync(cancellationToken);
            return new SignInResult(SignInOutcome.LockedOut, null, until is { } u && u > now ? u : now + LockoutPeriod);
        }
        var verdict = person.PasswordHash.Length == 0 ? PasswordVerificationResult.Failed : Hasher.VerifyHashedPassword(person, person.PasswordHash, password);
        if (verdict == PasswordVerificationResult.Failed)
        {
            // The attempt that used the last place locks the account and clears the count for when the lock ends.
            var lockedUntil = now + LockoutPeriod;
            var locked = await db.People
                .Where(p => p.Id == person.Id && p.FailedSignIns >= MaxFailedSignIns)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.LockedUntil, lockedUntil).SetProperty(p => p.FailedSignIns, 0), cancellationToken);
            return locked > 0 ? new SignInResult(SignInOutcome.LockedOut, null, lockedUntil) : new SignInResult(SignInOutcome.Failed, null);
        }
        await db.People.Where(p => p.Id == person.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.FailedSignIns, 0).SetProperty(p => p.LockedUntil, (DateTime?)null).SetProperty(p => p.LastSignInAt, now), cancellationToken);
        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            var stored = await db.People.FirstAsync(p => p.Id == person.Id, cancellationToken);
            stored.PasswordHash = person.PasswordHash = Hasher.HashPassword(stored, password);
            await db.SaveChangesAsync(cancellationToken);
        }
        return new SignInResult(SignInOutcome.Success, person);
    }

    /// <summary>Starts a session for a person who has just proved who they are; the key goes in their cookie.</summary>
    public async Task<(SignInSession Session, string Key)> StartSessionAsync(Person person, CancellationToken cancellationToken = default)
    {
        var key = Secrets.New();
        var session = new SignInSession { PersonId = person.Id, KeyHash = Secrets.Hash(key), CreatedAt = Now, ConfirmedAt = Now };
        db.SignInSessions.Add(session);
        await db.SaveChangesAsync(cancellationToken);
        return (session, key);
    }

    /// <summary>The open session a cookie's key stands for, with its person; null once it has ended.</summary>
    public async Task<(SignInSession Session, Person Person)?> FindSessionAsync(string key, CancellationToken cancellationToken = default)
    {
        var hash = Secrets.Hash(key);
        var found = await db.SignInSessions.Where(s => s.KeyHash == hash && s.EndedAt == null)
            .Join(db.People, s => s.PersonId, p => p.Id, (s, p) => new { Session = s, Person = p })
            .FirstOrDefaultAsync(cancellationToken);
        return found is null ? null : (found.Session, found.Person);
    }

    /// <summary>Signing out: the session ends on the server, so every copy of its cookie stops working.</summary>
    public async Task EndSessionAsync(string key, CancellationToken cancellationToken = default)
    {
        var hash = Secrets.Hash(key);
        var now = Now;
        await db.SignInSessions.Where(s => s.KeyHash == hash && s.EndedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, now), cancellationToken);
    }

    private async Task EndSessionsAsync(long personId, CancellationToken cancellationToken)
    {
        var now = Now;
        await db.SignInSessions.Where(s => s.PersonId == personId && s.EndedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, now), cancellationToken);
    }

    /// <summary>
    /// The person re-enters their password before changing their account in a session that is no longer recent.
    /// The attempt counts towards the lockout as a sign-in does.
    /// </summary>
    public async Task<Outcome> ConfirmSessionAsync(string key, string password, CancellationToken cancellationToken = default)
    {
        if (await FindSessionAsync(key, cancellationToken) is not (var session, var person))
        {
            return Refusal.Forbidden("Your session has ended. Sign in again.");
        }
        if (string.IsNullOrEmpty(password))
        {
            return Refusal.Invalid("password", "Enter your password");
        }
        var result = await CheckPasswordAsync(person, password, cancellationToken);
        if (result.Outcome != SignInOutcome.Success)
        {
            return Refusal.Invalid("password", $"Enter your correct password. After {MaxFailedSignIns} wrong attempts an account is locked for {LockoutPeriod.TotalMinutes:0} minutes");
        }
        session.ConfirmedAt = Now;
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Done;
    }

    /// <summary>Sends a reset link when the address has an account; the caller says the same thing either way.</summary>
    public async Task RequestPasswordResetAsync(string email, CancellationToken cancellationToken = default)
    {
        var normalised = Person.NormaliseEmail(email ?? "");
        var person = await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Email == normalised, cancellationToken);
        if (person is null)
        {
            return;
        }
        var secret = Secrets.New();
        db.PasswordResets.Add(new PasswordReset { PersonId = person.Id, TokenHash = Secrets.Hash(secret), ExpiresAt = Now + ResetLifetime, CreatedAt = Now });
        await db.SaveChangesAsync(cancellationToken);
        await mail.SendAsync(person.Email, "Reset your Connected Places Observatory password",
            $"Someone asked to reset the password of this account. If it was you, choose a new password: {links.Link($"account/reset/{secret}")}\n\n" +
            $"The link works once and expires in {ResetLifetime.TotalMinutes:0} minutes. If it was not you, you need do nothing.", cancellationToken);
    }

    /// <remarks>A spent or unknown link is refused as invalid input on the "token" field, so the form says so (400).</remarks>
    public async Task<Outcome> ResetPasswordAsync(string secret, string newPassword, CancellationToken cancellationToken = default)
    {
        var hash = Secrets.Hash(secret);
        var reset = await db.PasswordResets.FirstOrDefaultAsync(r => r.TokenHash == hash, cancellationToken);
        if (reset is null || reset.UsedAt is not null || reset.ExpiresAt <= Now)
        {
            return Refusal.Invalid("token", "This reset link has expired or has already been used. Ask for a new one");
        }
        var person = await db.People.FirstAsync(p => p.Id == reset.PersonId, cancellationToken);
        if (CheckPassword(newPassword, person.Email) is { } refusal)
        {
            return refusal;
        }
        person.PasswordHash = Hasher.HashPassword(person, newPassword);
        person.SecurityStamp = Guid.NewGuid().ToString("N");
        person.FailedSignIns = 0;
        person.LockedUntil = null;
        reset.UsedAt = Now;
        await db.SaveChangesAsync(cancellationToken);
        // Whoever knew the old password is signed out everywhere.
        await EndSessionsAsync(person.Id, cancellationToken);
        return Outcome.Done;
    }

    public async Task<Outcome<(ApiToken Token, string Secret)>> CreateTokenAsync(long personId, string name, TokenScopes scopes, int days, CancellationToken cancellationToken = default)
    {
        var problems = new List<ContentProblem>();
        if (string.IsNullOrWhiteSpace(name))
        {
            problems.Add(new ContentProblem("", 0, 0, "name", "Enter a name for the token, such as the script that will use it"));
        }
        if (days is < 1 or > MaxTokenLifetimeDays)
        {
            problems.Add(new ContentProblem("", 0, 0, "days", $"A token must expire within 1 to {MaxTokenLifetimeDays} days"));
        }
        if (scopes == TokenScopes.None)
        {
            problems.Add(new ContentProblem("", 0, 0, "scopes", "Select at least one scope"));
        }
        if (problems.Count > 0)
        {
            return Refusal.Invalid(problems);
        }
        var secret = Secrets.New(ApiToken.Prefix);
        var token = new ApiToken { PersonId = personId, Name = name.Trim(), TokenHash = Secrets.Hash(secret), Hint = secret[..10], Scopes = scopes, ExpiresAt = Now.AddDays(days), CreatedAt = Now };
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync(cancellationToken);
        return (token, secret);
    }

    public async Task<bool> RevokeTokenAsync(long? personId, long tokenId, CancellationToken cancellationToken = default)
    {
        var token = await db.ApiTokens.FirstOrDefaultAsync(t => t.Id == tokenId && (personId == null || t.PersonId == personId), cancellationToken);
        if (token is null || token.RevokedAt is not null)
        {
            return false;
        }
        token.RevokedAt = Now;
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>The person and scopes a bearer token stands for, or null when it is unknown, revoked or expired.</summary>
    public async Task<(Person Person, TokenScopes Scopes)?> AuthenticateTokenAsync(string secret, CancellationToken cancellationToken = default)
    {
        if (!secret.StartsWith(ApiToken.Prefix, StringComparison.Ordinal))
        {
            return null;
        }
        var hash = Secrets.Hash(secret);
        var token = await db.ApiTokens.FirstOrDefaultAsync(t => t.TokenHash == hash, cancellationToken);
        if (token is null || token.RevokedAt is not null || token.ExpiresAt <= Now)
        {
            return null;
        }
        var person = await db.People.AsNoTracking().FirstAsync(p => p.Id == token.PersonId, cancellationToken);
        token.LastUsedAt = Now;
        await db.SaveChangesAsync(cancellationToken);
        return (person, token.Scopes);
    }

    /// <summary>The actor for a person, with their roles as they stand now (a removed member loses access at once).</summary>
    public async Task<Actor> ActorForAsync(Person person, TokenScopes scopes, CancellationToken cancellationToken = default)
    {
        var roles = await db.Memberships.AsNoTracking().Where(m => m.PersonId == person.Id).ToDictionaryAsync(m => m.OrganisationId, m => m.Role, cancellationToken);
        return new Actor(person.Id, person.DisplayName, person.IsSiteAdministrator, roles, scopes, person.IsCurator);
    }

    public async Task<Outcome> ChangeRoleAsync(Actor actor, long membershipId, Role role, CancellationToken cancellationToken = default)
    {
        var membership = await db.Memberships.FirstOrDefaultAsync(m => m.Id == membershipId, cancellationToken);
        if (membership is null)
        {
            return Refusal.NotFound("That membership does not exist");
        }
        if (!AccessPolicy.CanAdministerOrganisation(actor, membership.OrganisationId))
        {
            return Refusal.Forbidden("Only an organisation admin can change roles.");
        }
        membership.Role = role;
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Done;
    }

    public async Task<Outcome> RemoveMemberAsync(Actor actor, long membershipId, CancellationToken cancellationToken = default)
    {
        var membership = await db.Memberships.FirstOrDefaultAsync(m => m.Id == membershipId, cancellationToken);
        if (membership is null)
        {
            return Refusal.NotFound("That membership does not exist");
        }
        if (!AccessPolicy.CanAdministerOrganisation(actor, membership.OrganisationId))
        {
            return Refusal.Forbidden("Only an organisation admin can remove members.");
        }
        db.Memberships.Remove(membership);
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Done;
    }

    public static string Slug(string name) => SlugPattern().Replace(name.ToLowerInvariant().Replace("&", "and"), "-").Trim('-');

    // A fixed hash of a random password, so unknown accounts cost a verification too.
    private static readonly string DummyHash = Hasher.HashPassword(new Person { Email = "", DisplayName = "" }, Guid.NewGuid().ToString());

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex SlugPattern();
}
