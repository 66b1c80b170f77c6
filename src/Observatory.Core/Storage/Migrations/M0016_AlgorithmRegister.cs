using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Observatory.Storage.Migrations;

/// <summary>
/// The algorithm register (<see cref="Registers.AlgorithmRecord"/>): each organisation's records with their working
/// copy, every published version kept, and the problems the public reports with them.
/// </summary>
[DbContext(typeof(ObservatoryDbContext))]
[Migration("20261207001600_AlgorithmRegister")]
public sealed class M0016_AlgorithmRegister : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "algorithm_records",
            columns: t => new
            {
                id = t.Column<long>(nullable: false).Identity(),
                organisation_id = t.Column<long>(nullable: false),
                content = t.Column<string>(nullable: false),
                state = t.Column<string>(nullable: false),
                published_version = t.Column<int>(nullable: false),
                created_at = t.Column<DateTime>(nullable: false),
                created_by = t.Column<string>(nullable: false),
                updated_at = t.Column<DateTime>(nullable: false),
                updated_by = t.Column<string>(nullable: false),
                submitted_at = t.Column<DateTime>(nullable: true),
                submitted_by = t.Column<string>(nullable: true),
            },
            constraints: t =>
            {
                t.PrimaryKey("pk_algorithm_records", x => x.id);
                t.ForeignKey("fk_algorithm_records_organisation_id", x => x.organisation_id, "organisations", "id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("ix_algorithm_records_organisation_id", "algorithm_records", "organisation_id");

        migrationBuilder.CreateTable(
            name: "algorithm_record_versions",
            columns: t => new
            {
                id = t.Column<long>(nullable: false).Identity(),
                record_id = t.Column<long>(nullable: false),
                organisation_id = t.Column<long>(nullable: false),
                number = t.Column<int>(nullable: false),
                content = t.Column<string>(nullable: false),
                change_note = t.Column<string>(nullable: true),
                published_at = t.Column<DateTime>(nullable: false),
                published_by = t.Column<string>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("pk_algorithm_record_versions", x => x.id);
                t.ForeignKey("fk_algorithm_record_versions_record_id", x => x.record_id, "algorithm_records", "id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("ux_algorithm_record_versions_number", "algorithm_record_versions", ["record_id", "number"], unique: true);

        migrationBuilder.CreateTable(
            name: "algorithm_problem_reports",
            columns: t => new
            {
                id = t.Column<long>(nullable: false).Identity(),
                record_id = t.Column<long>(nullable: false),
                organisation_id = t.Column<long>(nullable: false),
                version = t.Column<int>(nullable: false),
                description = t.Column<string>(nullable: false),
                contact = t.Column<string>(nullable: true),
                reported_at = t.Column<DateTime>(nullable: false),
                resolved_at = t.Column<DateTime>(nullable: true),
                resolved_by = t.Column<string>(nullable: true),
                resolution = t.Column<string>(nullable: true),
            },
            constraints: t =>
            {
                t.PrimaryKey("pk_algorithm_problem_reports", x => x.id);
                t.ForeignKey("fk_algorithm_problem_reports_record_id", x => x.record_id, "algorithm_records", "id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("ix_algorithm_problem_reports_record_id", "algorithm_problem_reports", "record_id");
        migrationBuilder.CreateIndex("ix_algorithm_problem_reports_organisation_id", "algorithm_problem_reports", "organisation_id");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("algorithm_problem_reports");
        migrationBuilder.DropTable("algorithm_record_versions");
        migrationBuilder.DropTable("algorithm_records");
    }
}
