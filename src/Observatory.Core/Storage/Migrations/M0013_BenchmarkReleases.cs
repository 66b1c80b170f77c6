using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Observatory.Storage.Migrations;

/// <summary>
/// Benchmark releases (<see cref="Assessments.Benchmarking.BenchmarkRelease"/>): each one dated and immutable once
/// published. As the audit log's (M0011), triggers refuse every UPDATE and DELETE of a release (and, on PostgreSQL,
/// TRUNCATE), whoever sends it; publishing again inserts a new release.
/// </summary>
[DbContext(typeof(ObservatoryDbContext))]
[Migration("20261207001300_BenchmarkReleases")]
public sealed class M0013_BenchmarkReleases : Migration
{
    private const string Refusal = "benchmark releases are immutable once published: they cannot be changed or deleted";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "benchmark_releases",
            columns: t => new
            {
                id = t.Column<long>(nullable: false).Identity(),
                template_id = t.Column<string>(nullable: false),
                template_version = t.Column<string>(nullable: false),
                period = t.Column<string>(nullable: false),
                published_at = t.Column<DateTime>(nullable: false),
                contributors = t.Column<int>(nullable: false),
                rules = t.Column<string>(nullable: false),
                statistics = t.Column<string>(nullable: false),
            },
            constraints: t => t.PrimaryKey("pk_benchmark_releases", x => x.id));
        migrationBuilder.CreateIndex("ix_benchmark_releases_template_id_period", "benchmark_releases", ["template_id", "period"]);
        if (migrationBuilder.IsSqlite())
        {
            migrationBuilder.Sql($"CREATE TRIGGER benchmark_releases_no_update BEFORE UPDATE ON benchmark_releases BEGIN SELECT RAISE(ABORT, '{Refusal}'); END;");
            migrationBuilder.Sql($"CREATE TRIGGER benchmark_releases_no_delete BEFORE DELETE ON benchmark_releases BEGIN SELECT RAISE(ABORT, '{Refusal}'); END;");
            return;
        }
        migrationBuilder.Sql($"""
            CREATE FUNCTION benchmark_releases_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION '{Refusal} (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
            END
            $$;
            """);
        migrationBuilder.Sql("CREATE TRIGGER benchmark_releases_immutable BEFORE UPDATE OR DELETE ON benchmark_releases FOR EACH ROW EXECUTE FUNCTION benchmark_releases_immutable();");
        migrationBuilder.Sql("CREATE TRIGGER benchmark_releases_no_truncate BEFORE TRUNCATE ON benchmark_releases FOR EACH STATEMENT EXECUTE FUNCTION benchmark_releases_immutable();");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        if (!migrationBuilder.IsSqlite())
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS benchmark_releases_immutable ON benchmark_releases;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS benchmark_releases_no_truncate ON benchmark_releases;");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS benchmark_releases_immutable();");
        }
        migrationBuilder.DropTable("benchmark_releases");
    }
}
