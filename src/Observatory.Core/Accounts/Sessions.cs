using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Observatory.Accounts;

/// <summary>
/// One signed-in session of a person, on one device. The session cookie carries a random key whose hash is stored
/// here, and every request checks the row: signing out ends the session on the server, so a copy of the cookie
/// stops working too, and a password reset ends every session of the account.
/// </summary>
/// <remarks>Not audited: a row per sign-in is bookkeeping, not a change to anyone's data.</remarks>
public sealed class SignInSession : Observatory.Storage.INotPublished
{
    public long Id { get; set; }
    public long PersonId { get; set; }

    /// <summary>SHA-256 of the key the cookie carries (<see cref="Secrets"/>).</summary>
    public required string KeyHash { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>
    /// When the person last gave their password in this session: at sign-in, or when asked to confirm it before
    /// changing their account after the session stopped being recent.
    /// </summary>
    public DateTime ConfirmedAt { get; set; }

    /// <summary>When the person signed out, or their password was reset; the session is over from then on.</summary>
    public DateTime? EndedAt { get; set; }
}

internal sealed class SignInSessionConfiguration : IEntityTypeConfiguration<SignInSession>
{
    public void Configure(EntityTypeBuilder<SignInSession> builder)
    {
        builder.ToTable("sign_in_sessions");
        builder.HasKey(s => s.Id);
        builder.HasIndex(s => s.KeyHash).IsUnique();
        builder.HasIndex(s => s.PersonId);
        builder.HasOne<Person>().WithMany().HasForeignKey(s => s.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}
