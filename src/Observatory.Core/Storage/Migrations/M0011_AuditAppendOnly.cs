using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Observatory.Storage.Migrations;

/// <summary>
/// Makes the audit log append-only in the database itself: triggers refuse every UPDATE and DELETE of audit_entries
/// (and, on PostgreSQL, TRUNCATE), whoever sends it — the Observatory, the command line, another tool or plain SQL.
/// The context already refuses to change an entry; this holds when the code is bypassed. Inserting goes on as before.
/// </summary>
[DbContext(typeof(ObservatoryDbContext))]
[Migration("20261207001100_AuditAppendOnly")]
public sealed class M0011_AuditAppendOnly : Migration
{
    private const string Refusal = "audit entries are append-only: they cannot be changed or deleted";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        if (migrationBuilder.IsSqlite())
        {
            migrationBuilder.Sql($"CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries BEGIN SELECT RAISE(ABORT, '{Refusal}'); END;");
            migrationBuilder.Sql($"CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON audit_entries BEGIN SELECT RAISE(ABORT, '{Refusal}'); END;");
            return;
        }
        migrationBuilder.Sql($"""
            CREATE FUNCTION audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION '{Refusal} (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
            END
            $$;
            """);
        migrationBuilder.Sql("CREATE TRIGGER audit_entries_append_only BEFORE UPDATE OR DELETE ON audit_entries FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only();");
        migrationBuilder.Sql("CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON audit_entries FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_append_only();");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        if (migrationBuilder.IsSqlite())
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS audit_entries_no_update;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS audit_entries_no_delete;");
            return;
        }
        migrationBuilder.Sql("DROP TRIGGER IF EXISTS audit_entries_append_only ON audit_entries;");
        migrationBuilder.Sql("DROP TRIGGER IF EXISTS audit_entries_no_truncate ON audit_entries;");
        migrationBuilder.Sql("DROP FUNCTION IF EXISTS audit_entries_append_only();");
    }
}
