using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Observatory.Storage.Migrations;

[DbContext(typeof(ObservatoryDbContext))]
[Migration("20261201000400_LocalTargets")]
public sealed class M0004_LocalTargets : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "local_targets",
            columns: t => new
            {
                id = t.Column<long>(nullable: false).Identity(),
                organisation_id = t.Column<long>(nullable: true),
                place_code = t.Column<string>(nullable: false),
                definition_id = t.Column<string>(nullable: false),
                key = t.Column<string>(nullable: false),
                value = t.Column<double>(nullable: false),
                reason = t.Column<string>(nullable: false),
                visibility = t.Column<string>(nullable: false),
                shared_with = t.Column<string>(nullable: false),
                state = t.Column<string>(nullable: false),
                updated_at = t.Column<DateTime>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("pk_local_targets", x => x.id);
                t.ForeignKey("fk_local_targets_organisation_id", x => x.organisation_id, "organisations", "id", onDelete: ReferentialAction.Restrict);
                t.ForeignKey("fk_local_targets_place_code", x => x.place_code, "places", "code", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("ux_local_targets_target", "local_targets", ["organisation_id", "place_code", "definition_id", "key"], unique: true);
        migrationBuilder.CreateIndex("ix_local_targets_place_code", "local_targets", "place_code");
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("local_targets");
}
