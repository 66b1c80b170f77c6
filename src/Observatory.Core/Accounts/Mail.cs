using Observatory.Storage;

namespace Observatory.Accounts;

/// <summary>How the Observatory sends mail. Hosts with a mail server register their own.</summary>
public interface IMailSender
{
    Task SendAsync(string to, string subject, string body, CancellationToken cancellationToken = default);

    /// <summary>
    /// True when messages only wait in the outbox for a site administrator (no mail server). Only then is an
    /// organisation admin shown the link of an invitation they send, to pass on themselves.
    /// </summary>
    bool KeepsMessagesInOutbox => false;
}

/// <summary>
/// The default: messages are kept in the outbox, which a site administrator reads in the app, so the embedded
/// default works with no mail server.
/// </summary>
public sealed class OutboxMailSender(ObservatoryDbContext db, TimeProvider clock) : IMailSender
{
    public bool KeepsMessagesInOutbox => true;

    public async Task SendAsync(string to, string subject, string body, CancellationToken cancellationToken = default)
    {
        db.OutboxMessages.Add(new OutboxMessage { To = to, Subject = subject, Body = body, CreatedAt = clock.GetUtcNow().UtcDateTime });
        await db.SaveChangesAsync(cancellationToken);
    }
}
