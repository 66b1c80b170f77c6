using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Observatory.Storage.Migrations;

/// <summary>
/// Social value commitments in plans (<see cref="Plans.SocialValueCommitment"/>): a supplier's commitment under a
/// contract against a policy outcome of the Social Value Model, with its money value where given, and the dated
/// reports of what it has delivered. Money is kept as a decimal number of pounds (numeric in PostgreSQL, text in
/// SQLite, so no rounding either way).
/// </summary>
[DbContext(typeof(ObservatoryDbContext))]
[Migration("20261207002400_PlanSocialValue")]
public sealed class M0024_PlanSocialValue : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "plan_social_value_commitments",
            columns: t => new
            {
                id = t.Column<long>(nullable: false).Identity(),
                plan_id = t.Column<long>(nullable: false),
                organisation_id = t.Column<long>(nullable: false),
                theme = t.Column<string>(nullable: false),
                outcome = t.Column<string>(nullable: false),
                supplier = t.Column<string>(nullable: false),
                contract = t.Column<string>(nullable: false),
                commitment = t.Column<string>(nullable: false),
                value = t.Column<decimal>(nullable: true),
                delivered = t.Column<string>(nullable: false),
                delivered_value = t.Column<decimal>(nullable: true),
                updated_at = t.Column<DateTime>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("pk_plan_social_value_commitments", x => x.id);
                t.ForeignKey("fk_plan_social_value_commitments_plan_id", x => x.plan_id, "plans", "id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("ix_plan_social_value_commitments_plan_id", "plan_social_value_commitments", "plan_id");

        migrationBuilder.CreateTable(
            name: "plan_social_value_updates",
            columns: t => new
            {
                id = t.Column<long>(nullable: false).Identity(),
                commitment_id = t.Column<long>(nullable: false),
                organisation_id = t.Column<long>(nullable: false),
                reported_on = t.Column<DateOnly>(nullable: false),
                delivered = t.Column<string>(nullable: false),
                delivered_value = t.Column<decimal>(nullable: true),
                reported_by = t.Column<string>(nullable: false),
                reported_at = t.Column<DateTime>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("pk_plan_social_value_updates", x => x.id);
                t.ForeignKey("fk_plan_social_value_updates_commitment_id", x => x.commitment_id, "plan_social_value_commitments", "id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("ix_plan_social_value_updates_commitment_id", "plan_social_value_updates", "commitment_id");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("plan_social_value_updates");
        migrationBuilder.DropTable("plan_social_value_commitments");
    }
}
