using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Observatory.Accounts;
using Observatory.Auditing;
using Observatory.Storage;
using Observatory.Testing;

namespace Observatory.Tests.Storage;

/// <summary>
/// The audit log is append-only in the database itself, not only in the Observatory's code: a plain UPDATE, DELETE or
/// (on PostgreSQL) TRUNCATE of audit_entries, by any connection, is refused by a trigger and the entry stays as written.
/// </summary>
public sealed class AuditAppendOnlyTests
{
    [Theory]
    [InlineData("UPDATE audit_entries SET actor_name = 'someone else'")]
    [InlineData("UPDATE audit_entries SET after = NULL WHERE id = (SELECT MIN(id) FROM audit_entries)")]
    [InlineData("DELETE FROM audit_entries")]
    [InlineData("DELETE FROM audit_entries WHERE id = (SELECT MIN(id) FROM audit_entries)")]
    public Task The_database_refuses_to_change_an_audit_entry_on_sqlite(string sql) => Refused(TestProvider.Sqlite, sql);

    [PostgresTheory]
    [InlineData("UPDATE audit_entries SET actor_name = 'someone else'")]
    [InlineData("UPDATE audit_entries SET after = NULL WHERE id = (SELECT MIN(id) FROM audit_entries)")]
    [InlineData("DELETE FROM audit_entries")]
    [InlineData("DELETE FROM audit_entries WHERE id = (SELECT MIN(id) FROM audit_entries)")]
    [InlineData("TRUNCATE audit_entries")]
    public Task The_database_refuses_to_change_an_audit_entry_on_postgresql(string sql) => Refused(TestProvider.PostgreSql, sql);

    private static async Task Refused(TestProvider provider, string sql)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = await database.MigratedContextAsync();
        db.Organisations.Add(new Organisation { Name = "Wigan Council", Slug = "wigan-council", Kind = OrganisationKind.Council, CreatedAt = DateTime.UtcNow });
        await db.SaveChangesAsync();
        var before = await db.AuditEntries.AsNoTracking().OrderBy(a => a.Id).ToListAsync();
        before.ShouldNotBeEmpty();

        var refused = await Should.ThrowAsync<DbException>(() => db.Database.ExecuteSqlRawAsync(sql));

        refused.Message.ShouldContain("append-only");
        var after = await db.AuditEntries.AsNoTracking().OrderBy(a => a.Id).ToListAsync();
        after.Select(a => (a.Id, a.ActorName, a.After)).ShouldBe(before.Select(a => (a.Id, a.ActorName, a.After)));
        // Writing goes on as before: a new entry is appended.
        db.Organisations.Add(new Organisation { Name = "Bolton Council", Slug = "bolton-council", Kind = OrganisationKind.Council, CreatedAt = DateTime.UtcNow });
        await db.SaveChangesAsync();
        (await db.AuditEntries.CountAsync()).ShouldBeGreaterThan(before.Count);
    }
}
