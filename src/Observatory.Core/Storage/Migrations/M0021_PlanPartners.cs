using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Observatory.Storage.Migrations;

/// <summary>
/// Partnership plans (<see cref="Plans.PlanPartner"/>): the organisations working on another's plan, one row per
/// plan and partner. The lead organisation stays on <c>plans.organisation_id</c>.
/// </summary>
[DbContext(typeof(ObservatoryDbContext))]
[Migration("20261207002100_PlanPartners")]
public sealed class M0021_PlanPartners : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "plan_partners",
            columns: t => new
            {
                id = t.Column<long>(nullable: false).Identity(),
                plan_id = t.Column<long>(nullable: false),
                organisation_id = t.Column<long>(nullable: false),
                lead_organisation_id = t.Column<long>(nullable: false),
                added_at = t.Column<DateTime>(nullable: false),
                added_by = t.Column<string>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("pk_plan_partners", x => x.id);
                t.ForeignKey("fk_plan_partners_plan_id", x => x.plan_id, "plans", "id", onDelete: ReferentialAction.Cascade);
                t.ForeignKey("fk_plan_partners_organisation_id", x => x.organisation_id, "organisations", "id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("ix_plan_partners_plan_id_organisation_id", "plan_partners", ["plan_id", "organisation_id"], unique: true);
        migrationBuilder.CreateIndex("ix_plan_partners_organisation_id", "plan_partners", "organisation_id");
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("plan_partners");
}
