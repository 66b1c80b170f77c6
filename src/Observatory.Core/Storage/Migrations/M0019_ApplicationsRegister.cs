using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Observatory.Storage.Migrations;

/// <summary>The applications register (<see cref="Registers.ApplicationEntry"/>): each organisation's applications and who may see each.</summary>
[DbContext(typeof(ObservatoryDbContext))]
[Migration("20261207001900_ApplicationsRegister")]
public sealed class M0019_ApplicationsRegister : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "application_entries",
            columns: t => new
            {
                id = t.Column<long>(nullable: false).Identity(),
                organisation_id = t.Column<long>(nullable: false),
                content = t.Column<string>(nullable: false),
                sharing = t.Column<string>(nullable: false),
                created_at = t.Column<DateTime>(nullable: false),
                created_by = t.Column<string>(nullable: false),
                updated_at = t.Column<DateTime>(nullable: false),
                updated_by = t.Column<string>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("pk_application_entries", x => x.id);
                t.ForeignKey("fk_application_entries_organisation_id", x => x.organisation_id, "organisations", "id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("ix_application_entries_organisation_id", "application_entries", "organisation_id");
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("application_entries");
}
