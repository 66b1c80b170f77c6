using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Observatory.Content;
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

/// <summary>A refusal to do what was asked, in words for the person asking (a form error, a 400, a CLI line).</summary>
public sealed class AccountException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}

/// <summary>Accounts, organisations, memberships, invitations, password resets and API tokens.</summary>
public sealed partial class AccountService(ObservatoryDbContext db, IMailSender mail, TimeProvider clock)
{
    public const int MinimumPasswordLength = 12;
    public const int MaxFailedSignIns = 5;
    public static readonly TimeSpan LockoutPeriod = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan InvitationLifetime = TimeSpan.FromDays(7);
    public static readonly TimeSpan ResetLifetime = TimeSpan.FromHours(1);
    public const int MaxTokenLifetimeDays = 366;

    private static readonly PasswordHasher<Person> Hasher = new();

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public static void CheckPassword(string password, string email)
    {
        if (string.IsNullOrEmpty(password) || password.Length < MinimumPasswordLength)
        {
            throw new AccountException("password", $"Password must be at least {MinimumPasswordLength} characters");
        }
        if (password.Contains(email.Split('@')[0], StringComparison.OrdinalIgnoreCase))
        {
            throw new AccountException("password", "Password must not contain your email address");
        }
    }

    public static void CheckEmail(string email)
    {
        if (!EmailPattern().IsMatch(email.Trim()))
        {
            throw new AccountException("email", "Enter an email address in the correct format, like name@example.gov.uk");
        }
    }

    /// <summary>The first site administrator (observatory users create-admin), or another one.</summary>
    public async Task<Person> CreateSiteAdministratorAsync(string email, string displayName, string password, CancellationToken cancellationToken = default)
    {
        CheckEmail(email);
        CheckPassword(password, email);
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
        return person;
    }

    public async Task<Organisation> CreateOrganisationAsync(Actor actor, string name, OrganisationKind kind, IEnumerable<string> places, CancellationToken cancellationToken = default)
    {
        if (!actor.IsSiteAdministrator)
        {
            throw new UnauthorizedAccessException("Only a site administrator can create organisations.");
        }
        name = name.Trim();
        if (name.Length is 0 or > Organisation.MaxNameLength)
        {
            throw new AccountException("name", $"Enter the organisation's name (up to {Organisation.MaxNameLength} characters)");
        }
        var slug = Slug(name);
        if (await db.Organisations.AnyAsync(o => o.Slug == slug, cancellationToken))
        {
            throw new AccountException("name", $"An organisation called {name} already exists");
        }
        var organisation = new Organisation { Name = name, Slug = slug, Kind = kind, PlaceCodes = string.Join(',', places.Select(p => p.Trim().ToUpperInvariant()).Where(p => p.Length > 0).Distinct()), CreatedAt = Now };
        db.Organisations.Add(organisation);
        await db.SaveChangesAsync(cancellationToken);
        return organisation;
    }

    /// <summary>Invites someone to an organisation; returns the single-use link's secret (also sent by mail).</summary>
    public async Task<(Invitation Invitation, string Secret)> InviteAsync(Actor actor, long organisationId, string email, Role role, string acceptUrlBase, CancellationToken cancellationToken = default)
    {
        if (!AccessPolicy.CanAdministerOrganisation(actor, organisationId))
        {
            throw new UnauthorizedAccessException("Only an organisation admin can invite people.");
        }
        CheckEmail(email);
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
        await mail.SendAsync(invitation.Email, $"You are invited to join {organisation.Name} on the Connected Places Observatory",
            $"{actor.Name} has invited you to join {organisation.Name} as {Membership.RoleName(role).ToLowerInvariant()}.\n\n" +
            $"Accept the invitation: {acceptUrlBase.TrimEnd('/')}/{secret}\n\nThe link works once and expires on {invitation.ExpiresAt:d MMMM yyyy 'at' HH:mm} UTC.",
            cancellationToken);
        return (invitation, secret);
    }

    /// <summary>The invitation a link stands for, if it is still good.</summary>
    public async Task<Invitation?> FindInvitationAsync(string secret, CancellationToken cancellationToken = default)
    {
        var hash = Secrets.Hash(secret);
        var invitation = await db.Invitations.AsNoTracking().FirstOrDefaultAsync(i => i.TokenHash == hash, cancellationToken);
        return invitation is { AcceptedAt: null, RevokedAt: null } && invitation.ExpiresAt > Now ? invitation : null;
    }

    public async Task<Person> AcceptInvitationAsync(string secret, string displayName, string password, CancellationToken cancellationToken = default)
    {
        var hash = Secrets.Hash(secret);
        var invitation = await db.Invitations.FirstOrDefaultAsync(i => i.TokenHash == hash, cancellationToken);
        if (invitation is null || invitation.AcceptedAt is not null || invitation.RevokedAt is not null || invitation.ExpiresAt <= Now)
        {
            throw new AccountException("invitation", "This invitation link has expired or has already been used. Ask your organisation admin for a new one");
        }
        var person = await db.People.FirstOrDefaultAsync(p => p.Email == invitation.Email, cancellationToken);
        if (person is null)
        {
            if (string.IsNullOrWhiteSpace(displayName))
            {
                throw new AccountException("displayName", "Enter your name");
            }
            CheckPassword(password, invitation.Email);
            person = new Person { Email = invitation.Email, DisplayName = displayName.Trim(), CreatedAt = Now };
            person.PasswordHash = Hasher.HashPassword(person, password);
            db.People.Add(person);
            await db.SaveChangesAsync(cancellationToken);
        }
        if (!await db.Memberships.AnyAsync(m => m.OrganisationId == invitation.OrganisationId && m.PersonId == person.Id, cancellationToken))
        {
            db.Memberships.Add(new Membership { OrganisationId = invitation.OrganisationId, PersonId = person.Id, Role = invitation.Role, CreatedAt = Now });
        }
        invitation.AcceptedAt = Now;
        await db.SaveChangesAsync(cancellationToken);
        return person;
    }

    public async Task<SignInResult> SignInAsync(string email, string password, CancellationToken cancellationToken = default)
    {
        var normalised = Person.NormaliseEmail(email ?? "");
        var person = await db.People.FirstOrDefaultAsync(p => p.Email == normalised, cancellationToken);
        if (person is null)
        {
            // Hash anyway, so an unknown address takes as long as a wrong password.
            Hasher.VerifyHashedPassword(new Person { Email = "", DisplayName = "" }, DummyHash, password ?? "");
            return new SignInResult(SignInOutcome.Failed, null);
        }
        if (person.LockedUntil is { } until && until > Now)
        {
            return new SignInResult(SignInOutcome.LockedOut, null, until);
        }
        var verdict = person.PasswordHash.Length == 0 ? PasswordVerificationResult.Failed : Hasher.VerifyHashedPassword(person, person.PasswordHash, password ?? "");
        if (verdict == PasswordVerificationResult.Failed)
        {
            person.FailedSignIns++;
            if (person.FailedSignIns >= MaxFailedSignIns)
            {
                person.LockedUntil = Now + LockoutPeriod;
                person.FailedSignIns = 0;
            }
            await db.SaveChangesAsync(cancellationToken);
            return person.LockedUntil is { } locked && locked > Now ? new SignInResult(SignInOutcome.LockedOut, null, locked) : new SignInResult(SignInOutcome.Failed, null);
        }
        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            person.PasswordHash = Hasher.HashPassword(person, password!);
        }
        person.FailedSignIns = 0;
        person.LockedUntil = null;
        person.LastSignInAt = Now;
        await db.SaveChangesAsync(cancellationToken);
        return new SignInResult(SignInOutcome.Success, person);
    }

    /// <summary>Sends a reset link when the address has an account; the caller says the same thing either way.</summary>
    public async Task RequestPasswordResetAsync(string email, string resetUrlBase, CancellationToken cancellationToken = default)
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
            $"Someone asked to reset the password of this account. If it was you, choose a new password: {resetUrlBase.TrimEnd('/')}/{secret}\n\n" +
            $"The link works once and expires in {ResetLifetime.TotalMinutes:0} minutes. If it was not you, you need do nothing.", cancellationToken);
    }

    public async Task ResetPasswordAsync(string secret, string newPassword, CancellationToken cancellationToken = default)
    {
        var hash = Secrets.Hash(secret);
        var reset = await db.PasswordResets.FirstOrDefaultAsync(r => r.TokenHash == hash, cancellationToken);
        if (reset is null || reset.UsedAt is not null || reset.ExpiresAt <= Now)
        {
            throw new AccountException("token", "This reset link has expired or has already been used. Ask for a new one");
        }
        var person = await db.People.FirstAsync(p => p.Id == reset.PersonId, cancellationToken);
        CheckPassword(newPassword, person.Email);
        person.PasswordHash = Hasher.HashPassword(person, newPassword);
        person.SecurityStamp = Guid.NewGuid().ToString("N");
        person.FailedSignIns = 0;
        person.LockedUntil = null;
        reset.UsedAt = Now;
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<(ApiToken Token, string Secret)> CreateTokenAsync(long personId, string name, TokenScopes scopes, int days, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new AccountException("name", "Enter a name for the token, such as the script that will use it");
        }
        if (days is < 1 or > MaxTokenLifetimeDays)
        {
            throw new AccountException("days", $"A token must expire within 1 to {MaxTokenLifetimeDays} days");
        }
        if (scopes == TokenScopes.None)
        {
            throw new AccountException("scopes", "Select at least one scope");
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

    public async Task ChangeRoleAsync(Actor actor, long membershipId, Role role, CancellationToken cancellationToken = default)
    {
        var membership = await db.Memberships.FirstOrDefaultAsync(m => m.Id == membershipId, cancellationToken) ?? throw new AccountException("membership", "That membership does not exist");
        if (!AccessPolicy.CanAdministerOrganisation(actor, membership.OrganisationId))
        {
            throw new UnauthorizedAccessException("Only an organisation admin can change roles.");
        }
        membership.Role = role;
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task RemoveMemberAsync(Actor actor, long membershipId, CancellationToken cancellationToken = default)
    {
        var membership = await db.Memberships.FirstOrDefaultAsync(m => m.Id == membershipId, cancellationToken) ?? throw new AccountException("membership", "That membership does not exist");
        if (!AccessPolicy.CanAdministerOrganisation(actor, membership.OrganisationId))
        {
            throw new UnauthorizedAccessException("Only an organisation admin can remove members.");
        }
        db.Memberships.Remove(membership);
        await db.SaveChangesAsync(cancellationToken);
    }

    public static string Slug(string name) => SlugPattern().Replace(name.ToLowerInvariant().Replace("&", "and"), "-").Trim('-');

    // A fixed hash of a random password, so unknown accounts cost a verification too.
    private static readonly string DummyHash = Hasher.HashPassword(new Person { Email = "", DisplayName = "" }, Guid.NewGuid().ToString());

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex SlugPattern();
}
