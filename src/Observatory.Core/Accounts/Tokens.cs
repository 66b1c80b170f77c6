using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Observatory.Auditing;

namespace Observatory.Accounts;

/// <summary>
/// Secrets sent to people (invitation and reset links, API tokens) are random, shown once and stored only as a
/// SHA-256 hash, so a copy of the database gives no one a way in.
/// </summary>
public static class Secrets
{
    public static string New(string prefix = "") => prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret)));

    /// <summary>Compares hashes in constant time, so timing does not reveal how much of a guess was right.</summary>
    public static bool Matches(string secret, string hash) =>
        CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(Hash(secret)), System.Text.Encoding.ASCII.GetBytes(hash));
}

/// <summary>An invitation to join an organisation: a single-use link that expires.</summary>
public sealed class Invitation : IAudited
{
    public long Id { get; set; }
    public long OrganisationId { get; set; }
    public required string Email { get; set; }
    public Role Role { get; set; }

    [AuditIgnore]
    public required string TokenHash { get; set; }

    public DateTime ExpiresAt { get; set; }
    public DateTime? AcceptedAt { get; set; }
    public DateTime? RevokedAt { get; set; }
    public long InvitedById { get; set; }
    public DateTime CreatedAt { get; set; }

    long? IAudited.AuditOrganisationId => OrganisationId;
}

public sealed class PasswordReset
{
    public long Id { get; set; }
    public long PersonId { get; set; }
    public required string TokenHash { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? UsedAt { get; set; }
    public DateTime CreatedAt { get; set; }
}

[Flags]
public enum TokenScopes
{
    None = 0,
    Read = 1,
    Write = 2,
}

/// <summary>A personal access token for the API (<c>Authorization: Bearer obs_…</c>), shown once, stored hashed.</summary>
public sealed class ApiToken : IAudited
{
    public const string Prefix = "obs_";

    public long Id { get; set; }
    public long PersonId { get; set; }
    public required string Name { get; set; }

    [AuditIgnore]
    public required string TokenHash { get; set; }

    /// <summary>The first characters of the token, so a person can tell their tokens apart.</summary>
    public required string Hint { get; set; }

    public TokenScopes Scopes { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? RevokedAt { get; set; }

    /// <summary>Touched on every use; left out of the audit log, which would otherwise fill with API calls.</summary>
    [AuditIgnore]
    public DateTime? LastUsedAt { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>A message the Observatory sent; the default mail sender keeps them here for a site administrator to read.</summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }
    public required string To { get; set; }
    public required string Subject { get; set; }
    public required string Body { get; set; }
    public DateTime CreatedAt { get; set; }
}

internal sealed class InvitationConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> builder)
    {
        builder.ToTable("invitations");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Role).HasConversion<string>();
        builder.HasIndex(i => i.TokenHash).IsUnique();
        builder.HasOne<Organisation>().WithMany().HasForeignKey(i => i.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PasswordResetConfiguration : IEntityTypeConfiguration<PasswordReset>
{
    public void Configure(EntityTypeBuilder<PasswordReset> builder)
    {
        builder.ToTable("password_resets");
        builder.HasKey(r => r.Id);
        builder.HasIndex(r => r.TokenHash).IsUnique();
        builder.HasOne<Person>().WithMany().HasForeignKey(r => r.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> builder)
    {
        builder.ToTable("api_tokens");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Scopes).HasConversion<int>();
        builder.HasIndex(t => t.TokenHash).IsUnique();
        builder.HasOne<Person>().WithMany().HasForeignKey(t => t.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("outbox_messages");
        builder.HasKey(m => m.Id);
    }
}
