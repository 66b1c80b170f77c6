using Microsoft.EntityFrameworkCore;
using Observatory.Accounts;

namespace Observatory.Storage;

public sealed partial class ObservatoryDbContext
{
    public DbSet<Organisation> Organisations => Set<Organisation>();
    public DbSet<Person> People => Set<Person>();
    public DbSet<Membership> Memberships => Set<Membership>();
    public DbSet<Invitation> Invitations => Set<Invitation>();
    public DbSet<PasswordReset> PasswordResets => Set<PasswordReset>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<SignInSession> SignInSessions => Set<SignInSession>();
}
