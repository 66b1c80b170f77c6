using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Observatory.Accounts;
using Observatory.Auditing;
using Observatory.Frameworks;
using Observatory.Outcomes;
using Observatory.Storage;
using Observatory.Testing;

namespace Observatory.Core.Tests.Accounts;

/// <summary>Accounts through the real service on a real database, with a clock the tests move.</summary>
public abstract class AccountServiceTests(TestProvider provider) : IAsyncLifetime
{
    private readonly TestClock _clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    private TestDatabase _database = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(provider);
        _services = CoreServices.For(_database, _clock);
        await CoreServices.PrepareAsync(_services, shippedData: false);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _database.DisposeAsync();
    }

    private async Task<T> As<T>(Actor actor, Func<AccountService, ObservatoryDbContext, Task<T>> work)
    {
        await using var scope = _services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentActor>().Actor = actor;
        return await work(scope.ServiceProvider.GetRequiredService<AccountService>(), scope.ServiceProvider.GetRequiredService<ObservatoryDbContext>());
    }

    private Task<T> AsSystem<T>(Func<AccountService, ObservatoryDbContext, Task<T>> work) => As(Actor.System("tests"), work);

    private async Task<List<AuditEntry>> Audit()
    {
        await using var db = _database.CreateContext();
        return await db.AuditEntries.AsNoTracking().OrderBy(a => a.Id).ToListAsync();
    }

    private async Task<(Organisation Org, Person Person, Actor Actor)> Member(string email, Role role)
    {
        var org = await AsSystem((a, db) => db.Organisations.FirstOrDefaultAsync(o => o.Slug == "wigan-council")) ?? await AsSystem((a, _) => a.CreateOrganisationAsync(Actor.System("tests"), "Wigan Council", OrganisationKind.Council, ["E08000010"])).ShouldSucceed();
        var person = await AsSystem(async (a, _) =>
        {
            var (_, secret) = await a.InviteAsync(Actor.System("tests"), org.Id, email, role, "http://localhost/invitations").ShouldSucceed();
            return await a.AcceptInvitationAsNewPersonAsync(secret, "Sam", TestAccounts.Password).ShouldSucceed();
        });
        var actor = await AsSystem((a, _) => a.ActorForAsync(person, TokenScopes.Read | TokenScopes.Write));
        return (org, person, actor);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_for_fifteen_minutes()
    {
        var (_, person, _) = await Member("sam@wigan.gov.uk", Role.Viewer);
        for (var i = 0; i < 4; i++)
        {
            (await AsSystem((a, _) => a.SignInAsync("sam@wigan.gov.uk", "wrong password!"))).Outcome.ShouldBe(SignInOutcome.Failed);
        }
        (await AsSystem((a, _) => a.SignInAsync("sam@wigan.gov.uk", "wrong password!"))).Outcome.ShouldBe(SignInOutcome.LockedOut);

        (await AsSystem((a, _) => a.SignInAsync("SAM@wigan.gov.uk", TestAccounts.Password))).Outcome.ShouldBe(SignInOutcome.LockedOut, "the right password does not open a locked account");
        _clock.Advance(TimeSpan.FromMinutes(16));
        (await AsSystem((a, _) => a.SignInAsync("SAM@wigan.gov.uk", TestAccounts.Password))).Outcome.ShouldBe(SignInOutcome.Success);
    }

    [Fact]
    public async Task Concurrent_wrong_passwords_get_no_more_checks_than_the_lockout_allows()
    {
        await Member("sam@wigan.gov.uk", Role.Viewer);

        // Sixteen at once, each in its own scope and connection, as sixteen requests would be.
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(() => AsSystem((a, _) => a.SignInAsync("sam@wigan.gov.uk", $"wrong password {i}")))));

        // A "failed" answer is a password that was checked and found wrong; the attempt that makes the count reach the
        // limit locks the account, and every other one is refused before its password is looked at.
        outcomes.Count(o => o.Outcome == SignInOutcome.Failed).ShouldBe(AccountService.MaxFailedSignIns - 1);
        outcomes.Count(o => o.Outcome == SignInOutcome.LockedOut).ShouldBe(16 - (AccountService.MaxFailedSignIns - 1));
        (await AsSystem((a, _) => a.SignInAsync("sam@wigan.gov.uk", TestAccounts.Password))).Outcome.ShouldBe(SignInOutcome.LockedOut);
    }

    [Fact]
    public async Task An_unknown_address_fails_exactly_like_a_wrong_password()
    {
        await Member("sam@wigan.gov.uk", Role.Viewer);

        var unknown = await AsSystem((a, _) => a.SignInAsync("nobody@wigan.gov.uk", TestAccounts.Password));
        var wrong = await AsSystem((a, _) => a.SignInAsync("sam@wigan.gov.uk", "not the password"));

        (unknown.Outcome, unknown.Person).ShouldBe((SignInOutcome.Failed, (Person?)null));
        (wrong.Outcome, wrong.Person).ShouldBe((SignInOutcome.Failed, (Person?)null));
    }

    [Fact]
    public async Task An_invitation_works_once_and_not_after_it_expires()
    {
        var org = await AsSystem((a, _) => a.CreateOrganisationAsync(Actor.System("tests"), "Wigan Council", OrganisationKind.Council, [])).ShouldSucceed();
        var (_, secret) = await AsSystem((a, _) => a.InviteAsync(Actor.System("tests"), org.Id, "new@wigan.gov.uk", Role.Contributor, "http://localhost/invitations")).ShouldSucceed();
        var (_, late) = await AsSystem((a, _) => a.InviteAsync(Actor.System("tests"), org.Id, "late@wigan.gov.uk", Role.Viewer, "http://localhost/invitations")).ShouldSucceed();

        var person = await AsSystem((a, _) => a.AcceptInvitationAsNewPersonAsync(secret, "New Person", TestAccounts.Password)).ShouldSucceed();
        person.Email.ShouldBe("new@wigan.gov.uk");
        (await AsSystem((a, _) => a.AcceptInvitationAsNewPersonAsync(secret, "Someone Else", TestAccounts.Password))).ShouldBeRefused(RefusalKind.NotFound, message: "This invitation link has expired or has already been used");

        _clock.Advance(AccountService.InvitationLifetime + TimeSpan.FromMinutes(1));
        (await AsSystem((a, _) => a.AcceptInvitationAsNewPersonAsync(late, "Late", TestAccounts.Password))).ShouldBeRefused(RefusalKind.NotFound, message: "This invitation link has expired or has already been used");
        (await AsSystem((a, _) => a.FindInvitationAsync(late))).ShouldBeNull();
    }

    [Fact]
    public async Task Only_an_organisation_admin_invites()
    {
        var (org, _, viewer) = await Member("viewer@wigan.gov.uk", Role.Viewer);

        var refused = await As(viewer, (a, _) => a.InviteAsync(viewer, org.Id, "x@wigan.gov.uk", Role.OrganisationAdmin));

        refused.Refusal.ShouldNotBeNull().Kind.ShouldBe(Observatory.Outcomes.RefusalKind.Forbidden);
        await using var db = _database.CreateContext();
        (await db.Invitations.CountAsync(i => i.Email == "x@wigan.gov.uk")).ShouldBe(0);
    }

    [Fact]
    public async Task An_invitation_to_an_existing_account_is_accepted_only_by_its_owner_signed_in()
    {
        var (org, sam, samActor) = await Member("sam@wigan.gov.uk", Role.Viewer);
        var bolton = await AsSystem((a, _) => a.CreateOrganisationAsync(Actor.System("tests"), "Bolton Council", OrganisationKind.Council, [])).ShouldSucceed();
        var (_, other, otherActor) = await Member("other@wigan.gov.uk", Role.Viewer);
        var sent = (await AsSystem((a, _) => a.InviteAsync(Actor.System("tests"), bolton.Id, "SAM@wigan.gov.uk", Role.Contributor))).Value;
        sent.LinkToPassOn.ShouldBeNull("the link of an invitation to an existing account is never shown");
        await using var db = _database.CreateContext();
        var mail = (await db.OutboxMessages.AsNoTracking().ToListAsync()).Last(m => m.To == "sam@wigan.gov.uk");
        mail.Body.ShouldContain("sign in as sam@wigan.gov.uk to accept");
        var secret = mail.Body.Split("/invitations/")[1].Split(' ', '\n')[0].Trim();

        var asNewPerson = await AsSystem((a, _) => a.AcceptInvitationAsNewPersonAsync(secret, "Sam", "a password someone else chose"));
        var asSomeoneElse = await As(otherActor, (a, _) => a.AcceptInvitationAsync(secret, otherActor));
        var anonymously = await AsSystem((a, _) => a.AcceptInvitationAsync(secret, Actor.Anonymous));

        asNewPerson.Refusal.ShouldNotBeNull().Kind.ShouldBe(Observatory.Outcomes.RefusalKind.Conflict);
        asSomeoneElse.Refusal.ShouldNotBeNull().Kind.ShouldBe(Observatory.Outcomes.RefusalKind.Forbidden);
        anonymously.Refusal.ShouldNotBeNull().Kind.ShouldBe(Observatory.Outcomes.RefusalKind.Forbidden);
        (await db.Memberships.CountAsync(m => m.OrganisationId == bolton.Id)).ShouldBe(0);

        var joined = await As(samActor, (a, _) => a.AcceptInvitationAsync(secret, samActor));

        joined.Value.Id.ShouldBe(sam.Id);
        (await db.Memberships.SingleAsync(m => m.OrganisationId == bolton.Id)).PersonId.ShouldBe(sam.Id);
        (await As(samActor, (a, _) => a.AcceptInvitationAsync(secret, samActor))).Refusal.ShouldNotBeNull().Kind.ShouldBe(Observatory.Outcomes.RefusalKind.NotFound, "the link works once");
        other.Id.ShouldNotBe(sam.Id);
        org.Id.ShouldNotBe(bolton.Id);
    }

    [Fact]
    public async Task An_invitation_link_is_shown_only_when_mail_waits_in_the_outbox_and_the_address_is_new()
    {
        var (org, _, _) = await Member("sam@wigan.gov.uk", Role.Viewer);
        var outbox = (await AsSystem((a, _) => a.InviteAsync(Actor.System("tests"), org.Id, "new@wigan.gov.uk", Role.Viewer))).Value;

        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ObservatoryDbContext>();
        var mailServer = new DeliveredMail();
        var delivering = new AccountService(db, mailServer, _clock, scope.ServiceProvider.GetRequiredService<PublicAddress>());
        var delivered = (await delivering.InviteAsync(Actor.System("tests"), org.Id, "another@wigan.gov.uk", Role.Viewer)).Value;

        outbox.LinkToPassOn.ShouldNotBeNull().ShouldStartWith("http://localhost/invitations/");
        delivered.LinkToPassOn.ShouldBeNull("with a mail server, only the invitee receives the link");
        mailServer.Sent.Single().Body.ShouldContain("http://localhost/invitations/");
    }

    /// <summary>A mail server that delivered what it was given (the Observatory ships only the outbox).</summary>
    private sealed class DeliveredMail : IMailSender
    {
        public List<(string To, string Subject, string Body)> Sent { get; } = [];

        public Task SendAsync(string to, string subject, string body, CancellationToken cancellationToken = default)
        {
            Sent.Add((to, subject, body));
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task A_token_works_until_it_expires_or_is_revoked_and_carries_its_scopes()
    {
        var (_, person, _) = await Member("sam@wigan.gov.uk", Role.Contributor);
        var (readToken, readSecret) = await AsSystem((a, _) => a.CreateTokenAsync(person.Id, "reports", TokenScopes.Read, 30)).ShouldSucceed();
        var (_, writeSecret) = await AsSystem((a, _) => a.CreateTokenAsync(person.Id, "loader", TokenScopes.Read | TokenScopes.Write, 1)).ShouldSucceed();
        // Every problem with a token's fields at once.
        var refused = (await AsSystem((a, _) => a.CreateTokenAsync(person.Id, " ", TokenScopes.None, 0))).ShouldBeRefused(RefusalKind.Invalid, "name", "Enter a name for the token");
        refused.Problems.Select(p => p.Field).ShouldBe(["name", "days", "scopes"]);

        var read = (await AsSystem((a, _) => a.AuthenticateTokenAsync(readSecret))).ShouldNotBeNull();
        read.Scopes.ShouldBe(TokenScopes.Read);
        var readActor = await AsSystem((a, _) => a.ActorForAsync(read.Person, read.Scopes));
        readActor.MayWrite.ShouldBeFalse();
        AccessPolicy.CanContribute(readActor, readActor.Roles.Keys.Single()).ShouldBeFalse("a read token cannot write even for a contributor");
        (await AsSystem((a, _) => a.AuthenticateTokenAsync(readSecret + "x"))).ShouldBeNull();

        _clock.Advance(TimeSpan.FromDays(2));
        (await AsSystem((a, _) => a.AuthenticateTokenAsync(writeSecret))).ShouldBeNull("expired");
        (await AsSystem((a, _) => a.AuthenticateTokenAsync(readSecret))).ShouldNotBeNull();
        (await AsSystem((a, _) => a.RevokeTokenAsync(person.Id, readToken.Id))).ShouldBeTrue();
        (await AsSystem((a, _) => a.AuthenticateTokenAsync(readSecret))).ShouldBeNull("revoked");

        await using var db = _database.CreateContext();
        (await db.ApiTokens.Select(t => t.TokenHash).ToListAsync()).ShouldNotContain(readSecret, "only the hash is stored");
    }

    [Fact]
    public async Task A_reset_link_works_once_and_ends_existing_sessions()
    {
        var (_, person, _) = await Member("sam@wigan.gov.uk", Role.Viewer);
        var (_, key) = await AsSystem((a, _) => a.StartSessionAsync(person));
        await AsSystem(async (a, _) => { await a.RequestPasswordResetAsync("sam@wigan.gov.uk"); return 0; });
        await AsSystem(async (a, _) => { await a.RequestPasswordResetAsync("nobody@wigan.gov.uk"); return 0; });
        await using var db = _database.CreateContext();
        var messages = await db.OutboxMessages.ToListAsync();
        var mail = messages.Single(m => m.Subject.Contains("Reset"));
        mail.To.ShouldBe("sam@wigan.gov.uk");
        mail.Body.ShouldContain("http://localhost/account/reset/", Case.Sensitive, "links are built from the public address");
        var secret = mail.Body.Split("/account/reset/")[1].Split(' ', '\n')[0].Trim();
        (await AsSystem((a, _) => a.FindSessionAsync(key))).ShouldNotBeNull();

        (await AsSystem((a, _) => a.ResetPasswordAsync(secret, "short"))).ShouldBeRefused(RefusalKind.Invalid, "password", $"Password must be at least {AccountService.MinimumPasswordLength} characters");
        await AsSystem((a, _) => a.ResetPasswordAsync(secret, "a brand new long password")).ShouldSucceed();
        (await AsSystem((a, _) => a.ResetPasswordAsync(secret, "another new long password"))).ShouldBeRefused(RefusalKind.Invalid, "token", "This reset link has expired or has already been used");
        (await AsSystem((a, _) => a.SignInAsync("sam@wigan.gov.uk", "a brand new long password"))).Outcome.ShouldBe(SignInOutcome.Success);
        (await db.People.AsNoTracking().SingleAsync(p => p.Id == person.Id)).SecurityStamp.ShouldNotBe(person.SecurityStamp);
        (await AsSystem((a, _) => a.FindSessionAsync(key))).ShouldBeNull("the reset ended the session opened before it");
    }

    [Fact]
    public async Task Signing_out_ends_only_that_session()
    {
        var (_, person, _) = await Member("sam@wigan.gov.uk", Role.Viewer);
        var (_, laptop) = await AsSystem((a, _) => a.StartSessionAsync(person));
        var (_, phone) = await AsSystem((a, _) => a.StartSessionAsync(person));

        await AsSystem(async (a, _) => { await a.EndSessionAsync(laptop); return 0; });

        (await AsSystem((a, _) => a.FindSessionAsync(laptop))).ShouldBeNull();
        (await AsSystem((a, _) => a.FindSessionAsync(phone))).ShouldNotBeNull();
        await using var db = _database.CreateContext();
        (await db.SignInSessions.Select(s => s.KeyHash).ToListAsync()).ShouldNotContain(laptop, "only the key's hash is stored");
    }

    [Fact]
    public async Task Confirming_the_password_renews_a_session_and_a_wrong_one_counts_towards_the_lockout()
    {
        var (_, person, _) = await Member("sam@wigan.gov.uk", Role.Viewer);
        var (session, key) = await AsSystem((a, _) => a.StartSessionAsync(person));
        _clock.Advance(TimeSpan.FromMinutes(40));

        var wrong = await AsSystem((a, _) => a.ConfirmSessionAsync(key, "not the password"));
        var right = await AsSystem((a, _) => a.ConfirmSessionAsync(key, TestAccounts.Password));

        wrong.Refusal.ShouldNotBeNull().Kind.ShouldBe(Observatory.Outcomes.RefusalKind.Invalid);
        right.IsSuccess.ShouldBeTrue();
        (await AsSystem((a, _) => a.FindSessionAsync(key))).ShouldNotBeNull().Session.ConfirmedAt.ShouldBe(_clock.GetUtcNow().UtcDateTime);
        session.ConfirmedAt.ShouldBeLessThan(_clock.GetUtcNow().UtcDateTime);
        for (var i = 0; i < AccountService.MaxFailedSignIns; i++)
        {
            await AsSystem((a, _) => a.ConfirmSessionAsync(key, "not the password"));
        }
        (await AsSystem((a, _) => a.SignInAsync("sam@wigan.gov.uk", TestAccounts.Password))).Outcome.ShouldBe(SignInOutcome.LockedOut);
    }

    [Fact]
    public async Task Every_write_leaves_exactly_one_audit_entry_with_before_and_after()
    {
        var before = (await Audit()).Count;
        var (org, person, _) = await Member("sam@wigan.gov.uk", Role.Viewer);
        var admin = Actor.System("an operator");
        var joined = (await Audit()).Skip(before).ToList();
        // Organisation created, invitation created, person created, membership created, invitation accepted.
        joined.Select(e => (e.EntityType, e.Action)).ShouldBe(
        [
            ("Organisation", "created"), ("Invitation", "created"), ("Person", "created"), ("Membership", "created"), ("Invitation", "updated"),
        ]);
        joined.Single(e => e.EntityType == "Person").After!.ShouldNotContain("PasswordHash", Case.Insensitive);

        var membership = await AsSystem((_, db) => db.Memberships.SingleAsync(m => m.PersonId == person.Id));
        var count = (await Audit()).Count;
        await As(admin, (a, _) => a.ChangeRoleAsync(admin, membership.Id, Role.Approver)).ShouldSucceed();
        var change = (await Audit()).Skip(count).Single();
        (change.EntityType, change.Action, change.ActorName).ShouldBe(("Membership", "updated", "an operator"));
        JsonDocument.Parse(change.Before!).RootElement.GetProperty("Role").GetString().ShouldBe("Viewer");
        JsonDocument.Parse(change.After!).RootElement.GetProperty("Role").GetString().ShouldBe("Approver");
        change.OrganisationId.ShouldBe(org.Id);

        count = (await Audit()).Count;
        await As(admin, (a, _) => a.ChangeRoleAsync(admin, membership.Id, Role.Approver)).ShouldSucceed();
        (await Audit()).Count.ShouldBe(count, "a write that changes nothing records nothing");

        await As(admin, (a, _) => a.RemoveMemberAsync(admin, membership.Id)).ShouldSucceed();
        (await As(admin, (a, _) => a.RemoveMemberAsync(admin, membership.Id))).ShouldBeRefused(RefusalKind.NotFound, message: "That membership does not exist");
        var removal = (await Audit()).Skip(count).Single();
        (removal.Action, removal.After).ShouldBe(("deleted", (string?)null));
        removal.Before.ShouldNotBeNull().ShouldContain("Approver");
    }

    [Fact]
    public async Task The_audit_log_cannot_be_changed_or_deleted()
    {
        await Member("sam@wigan.gov.uk", Role.Viewer);
        await using var db = _database.CreateContext();
        var entry = await db.AuditEntries.FirstAsync();

        entry.ActorName = "someone else";
        await Should.ThrowAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        db.ChangeTracker.Clear();
        db.AuditEntries.Remove(await db.AuditEntries.FirstAsync());
        await Should.ThrowAsync<InvalidOperationException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task A_private_framework_is_seen_by_its_organisation_and_after_publishing_by_its_audience_only()
    {
        var (org, _, contributor) = await Member("contributor@wigan.gov.uk", Role.Contributor);
        var (_, _, approver) = await Member("approver@wigan.gov.uk", Role.Approver);
        var other = await AsSystem((a, _) => a.CreateOrganisationAsync(Actor.System("tests"), "Salford City Council", OrganisationKind.Council, [])).ShouldSucceed();
        var outsider = new Actor(999, "outsider", false, new Dictionary<long, Role> { [other.Id] = Role.OrganisationAdmin }, TokenScopes.Read | TokenScopes.Write);
        const string Yaml = "id: wigan-deal\nname: The Deal 2030\nversion: \"1\"\npublisher: Wigan Council\ngroup: Your organisation's frameworks\nsummary: Wigan's plan.\nsource:\n  file: deal.pdf\n  section: All\nelements:\n  - id: people\n    name: People\n    kind: theme\n    description: Confident people.\n";

        async Task<FrameworkCatalogue> CatalogueFor(Actor actor)
        {
            await using var scope = _services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<CurrentActor>().Actor = actor;
            return await scope.ServiceProvider.GetRequiredService<FrameworkLibrary>().GetCatalogueAsync();
        }
        async Task<Outcome<T>> Library<T>(Actor actor, Func<FrameworkLibrary, Task<Outcome<T>>> work)
        {
            await using var scope = _services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<CurrentActor>().Actor = actor;
            return await work(scope.ServiceProvider.GetRequiredService<FrameworkLibrary>());
        }

        (await Library(outsider, l => l.ImportAsync("deal.yaml", Yaml, "x", org.Id, Visibility.Private))).ShouldBeRefused(RefusalKind.Forbidden, message: "You cannot import frameworks for that organisation.");
        await Library(contributor, l => l.ImportAsync("deal.yaml", Yaml, "x", org.Id, Visibility.Private)).ShouldSucceed();
        (await CatalogueFor(contributor)).Find("wigan-deal").ShouldNotBeNull();
        (await CatalogueFor(outsider)).Find("wigan-deal").ShouldBeNull();
        (await CatalogueFor(Actor.Anonymous)).Find("wigan-deal").ShouldBeNull();

        (await Library(contributor, l => l.AdvanceAsync("wigan-deal", WorkflowState.Published))).ShouldBeRefused(RefusalKind.Forbidden, message: "You cannot do that to this framework.");
        (await Library(outsider, l => l.AdvanceAsync("wigan-deal", WorkflowState.Submitted))).ShouldBeRefused(RefusalKind.NotFound);
        await Library(contributor, l => l.AdvanceAsync("wigan-deal", WorkflowState.Submitted)).ShouldSucceed();
        await Library(approver, l => l.AdvanceAsync("wigan-deal", WorkflowState.Published)).ShouldSucceed();
        (await CatalogueFor(outsider)).Find("wigan-deal").ShouldBeNull("published, but private to its organisation");
    }
}

public sealed class AccountServiceOnSqliteTests() : AccountServiceTests(TestProvider.Sqlite);

[Trait("Database", "PostgreSQL")]
public sealed class AccountServiceOnPostgreSqlTests() : AccountServiceTests(TestProvider.PostgreSql);
