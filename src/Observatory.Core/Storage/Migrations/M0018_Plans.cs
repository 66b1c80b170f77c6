using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Observatory.Storage.Migrations;

/// <summary>
/// Recovery and resilience plans (<see cref="Plans.Plan"/>): the plan, its targets on indicators (baseline and
/// target; progress is worked out when read, never stored), its actions and their dated updates.
/// </summary>
[DbContext(typeof(ObservatoryDbContext))]
[Migration("20261207001800_Plans")]
public sealed class M0018_Plans : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "plans",
            columns: t => new
            {
                id = t.Column<long>(nullable: false).Identity(),
                organisation_id = t.Column<long>(nullable: false),
                title = t.Column<string>(nullable: false),
                summary = t.Column<string>(nullable: false),
                place_code = t.Column<string>(nullable: false),
                start_year = t.Column<int>(nullable: false),
                end_year = t.Column<int>(nullable: false),
                framework_id = t.Column<string>(nullable: false),
                state = t.Column<string>(nullable: false),
                visibility = t.Column<string>(nullable: false),
                shared_with = t.Column<string>(nullable: false),
                created_at = t.Column<DateTime>(nullable: false),
                created_by = t.Column<string>(nullable: false),
                updated_at = t.Column<DateTime>(nullable: false),
                updated_by = t.Column<string>(nullable: false),
                published_at = t.Column<DateTime>(nullable: true),
            },
            constraints: t =>
            {
                t.PrimaryKey("pk_plans", x => x.id);
                t.ForeignKey("fk_plans_organisation_id", x => x.organisation_id, "organisations", "id", onDelete: ReferentialAction.Restrict);
                t.ForeignKey("fk_plans_place_code", x => x.place_code, "places", "code", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("ix_plans_organisation_id", "plans", "organisation_id");
        migrationBuilder.CreateIndex("ix_plans_place_code", "plans", "place_code");

        migrationBuilder.CreateTable(
            name: "plan_targets",
            columns: t => new
            {
                id = t.Column<long>(nullable: false).Identity(),
                plan_id = t.Column<long>(nullable: false),
                organisation_id = t.Column<long>(nullable: false),
                indicator_id = t.Column<string>(nullable: false),
                area_code = t.Column<string>(nullable: false),
                baseline_start = t.Column<DateOnly>(nullable: false),
                baseline_duration = t.Column<string>(nullable: false),
                baseline_value = t.Column<double>(nullable: false),
                target_start = t.Column<DateOnly>(nullable: false),
                target_duration = t.Column<string>(nullable: false),
                target_value = t.Column<double>(nullable: false),
                elements = t.Column<string>(nullable: false),
                updated_at = t.Column<DateTime>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("pk_plan_targets", x => x.id);
                t.ForeignKey("fk_plan_targets_plan_id", x => x.plan_id, "plans", "id", onDelete: ReferentialAction.Cascade);
                t.ForeignKey("fk_plan_targets_area_code", x => x.area_code, "places", "code", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("ix_plan_targets_plan_id", "plan_targets", "plan_id");
        migrationBuilder.CreateIndex("ix_plan_targets_area_code", "plan_targets", "area_code");

        migrationBuilder.CreateTable(
            name: "plan_actions",
            columns: t => new
            {
                id = t.Column<long>(nullable: false).Identity(),
                plan_id = t.Column<long>(nullable: false),
                organisation_id = t.Column<long>(nullable: false),
                title = t.Column<string>(nullable: false),
                description = t.Column<string>(nullable: false),
                owner = t.Column<string>(nullable: false),
                partners = t.Column<string>(nullable: false),
                start_on = t.Column<DateOnly>(nullable: true),
                due_on = t.Column<DateOnly>(nullable: true),
                status = t.Column<string>(nullable: false),
                elements = t.Column<string>(nullable: false),
                evidence = t.Column<string>(nullable: false),
                updated_at = t.Column<DateTime>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("pk_plan_actions", x => x.id);
                t.ForeignKey("fk_plan_actions_plan_id", x => x.plan_id, "plans", "id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("ix_plan_actions_plan_id", "plan_actions", "plan_id");

        migrationBuilder.CreateTable(
            name: "plan_action_updates",
            columns: t => new
            {
                id = t.Column<long>(nullable: false).Identity(),
                action_id = t.Column<long>(nullable: false),
                organisation_id = t.Column<long>(nullable: false),
                reported_on = t.Column<DateOnly>(nullable: false),
                status = t.Column<string>(nullable: false),
                note = t.Column<string>(nullable: false),
                reported_by = t.Column<string>(nullable: false),
                reported_at = t.Column<DateTime>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("pk_plan_action_updates", x => x.id);
                t.ForeignKey("fk_plan_action_updates_action_id", x => x.action_id, "plan_actions", "id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("ix_plan_action_updates_action_id", "plan_action_updates", "action_id");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("plan_action_updates");
        migrationBuilder.DropTable("plan_actions");
        migrationBuilder.DropTable("plan_targets");
        migrationBuilder.DropTable("plans");
    }
}
