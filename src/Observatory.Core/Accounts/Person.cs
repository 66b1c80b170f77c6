using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Observatory.Auditing;

namespace Observatory.Accounts;

/// <summary>Someone with an account. Email is stored lower-case so one address is one account.</summary>
public sealed class Person : IAudited
{
    public long Id { get; set; }
    public required string Email { get; set; }
    public required string DisplayName { get; set; }

    /// <summary>ASP.NET Core's password hash (PBKDF2); never shown, never audited.</summary>
    [AuditIgnore]
    public string PasswordHash { get; set; } = "";

    public bool IsSiteAdministrator { get; set; }

    /// <summary>Reviews and publishes contributed evidence for the whole Observatory.</summary>
    public bool IsCurator { get; set; }

    public int FailedSignIns { get; set; }

    /// <summary>Set after repeated failures; sign-in is refused until then.</summary>
    public DateTime? LockedUntil { get; set; }

    /// <summary>Changes whenever the password does, so cookies issued before are no longer honoured.</summary>
    [AuditIgnore]
    public string SecurityStamp { get; set; } = Guid.NewGuid().ToString("N");

    public DateTime CreatedAt { get; set; }
    public DateTime? LastSignInAt { get; set; }

    public static string NormaliseEmail(string email) => email.Trim().ToLowerInvariant();
}

public enum Role
{
    Viewer,
    Contributor,
    Approver,
    OrganisationAdmin,
}

/// <summary>A person's role in an organisation.</summary>
public sealed class Membership : IAudited
{
    public long Id { get; set; }
    public long OrganisationId { get; set; }
    public long PersonId { get; set; }
    public Role Role { get; set; }
    public DateTime CreatedAt { get; set; }

    long? IAudited.AuditOrganisationId => OrganisationId;

    public static string RoleName(Role role) => role switch
    {
        Role.Viewer => "Viewer",
        Role.Contributor => "Contributor",
        Role.Approver => "Approver",
        _ => "Organisation admin",
    };
}

internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> builder)
    {
        builder.ToTable("people");
        builder.HasKey(p => p.Id);
        builder.HasIndex(p => p.Email).IsUnique();
    }
}

internal sealed class MembershipConfiguration : IEntityTypeConfiguration<Membership>
{
    public void Configure(EntityTypeBuilder<Membership> builder)
    {
        builder.ToTable("memberships");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Role).HasConversion<string>();
        builder.HasIndex(m => new { m.OrganisationId, m.PersonId }).IsUnique();
        builder.HasIndex(m => m.PersonId);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(m => m.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Person>().WithMany().HasForeignKey(m => m.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}
