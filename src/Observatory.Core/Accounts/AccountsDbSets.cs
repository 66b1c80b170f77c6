using Microsoft.EntityFrameworkCore;
using Observatory.Storage;

namespace Observatory.Accounts;

/// <summary>The sets of the accounts' tables: organisations, people, memberships, invitations, resets, API tokens and the outbox (why here and not on the context: <see cref="ObservatoryDbContext"/>).</summary>
public static class AccountsDbSets
{
    extension(ObservatoryDbContext db)
    {
        public DbSet<Organisation> Organisations => db.Set<Organisation>();
        public DbSet<Person> People => db.Set<Person>();
        public DbSet<Membership> Memberships => db.Set<Membership>();
        public DbSet<Invitation> Invitations => db.Set<Invitation>();
        public DbSet<PasswordReset> PasswordResets => db.Set<PasswordReset>();
        public DbSet<ApiToken> ApiTokens => db.Set<ApiToken>();
        public DbSet<OutboxMessage> OutboxMessages => db.Set<OutboxMessage>();
        public DbSet<SignInSession> SignInSessions => db.Set<SignInSession>();
    }
}
