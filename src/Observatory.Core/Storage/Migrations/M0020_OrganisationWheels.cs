using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Observatory.Storage.Migrations;

/// <summary>
/// Organisations' own decision wheels (<see cref="Decisions.OrganisationWheel"/>): the wheel, copied from a shipped
/// one, and every version of its content, so a decision shows the version it was scored on.
/// </summary>
[DbContext(typeof(ObservatoryDbContext))]
[Migration("20261207002000_OrganisationWheels")]
public sealed class M0020_OrganisationWheels : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "organisation_wheels",
            columns: t => new
            {
                id = t.Column<long>(nullable: false).Identity(),
                organisation_id = t.Column<long>(nullable: false),
                wheel_id = t.Column<string>(nullable: false),
                copied_from = t.Column<string>(nullable: false),
                latest_version = t.Column<int>(nullable: false),
                created_at = t.Column<DateTime>(nullable: false),
                created_by = t.Column<string>(nullable: false),
                updated_at = t.Column<DateTime>(nullable: false),
                updated_by = t.Column<string>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("pk_organisation_wheels", x => x.id);
                t.ForeignKey("fk_organisation_wheels_organisation_id", x => x.organisation_id, "organisations", "id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("ux_organisation_wheels_wheel", "organisation_wheels", ["organisation_id", "wheel_id"], unique: true);

        migrationBuilder.CreateTable(
            name: "organisation_wheel_versions",
            columns: t => new
            {
                id = t.Column<long>(nullable: false).Identity(),
                organisation_wheel_id = t.Column<long>(nullable: false),
                organisation_id = t.Column<long>(nullable: false),
                version = t.Column<int>(nullable: false),
                content = t.Column<string>(nullable: false),
                change = t.Column<string>(nullable: false),
                created_at = t.Column<DateTime>(nullable: false),
                created_by = t.Column<string>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("pk_organisation_wheel_versions", x => x.id);
                t.ForeignKey("fk_organisation_wheel_versions_organisation_wheel_id", x => x.organisation_wheel_id, "organisation_wheels", "id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("ux_organisation_wheel_versions_version", "organisation_wheel_versions", ["organisation_wheel_id", "version"], unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("organisation_wheel_versions");
        migrationBuilder.DropTable("organisation_wheels");
    }
}
