using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Observatory.Storage.Migrations;

/// <summary>
/// Decisions scored on a decision wheel (<see cref="Decisions.Decision"/>): the decision, its options, and each
/// option's short- and long-term score per segment with the reasons, mitigations, evidence and who answered.
/// </summary>
[DbContext(typeof(ObservatoryDbContext))]
[Migration("20261207001700_Decisions")]
public sealed class M0017_Decisions : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "decisions",
            columns: t => new
            {
                id = t.Column<long>(nullable: false).Identity(),
                organisation_id = t.Column<long>(nullable: false),
                title = t.Column<string>(nullable: false),
                kind = t.Column<string>(nullable: false),
                place_code = t.Column<string>(nullable: false),
                summary = t.Column<string>(nullable: true),
                wheel_id = t.Column<string>(nullable: false),
                wheel_version = t.Column<string>(nullable: false),
                state = t.Column<string>(nullable: false),
                visibility = t.Column<string>(nullable: false),
                shared_with = t.Column<string>(nullable: false),
                created_at = t.Column<DateTime>(nullable: false),
                created_by = t.Column<string>(nullable: false),
                updated_at = t.Column<DateTime>(nullable: false),
                updated_by = t.Column<string>(nullable: false),
                submitted_at = t.Column<DateTime>(nullable: true),
                submitted_by = t.Column<string>(nullable: true),
                published_at = t.Column<DateTime>(nullable: true),
                published_by = t.Column<string>(nullable: true),
            },
            constraints: t =>
            {
                t.PrimaryKey("pk_decisions", x => x.id);
                t.ForeignKey("fk_decisions_organisation_id", x => x.organisation_id, "organisations", "id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("ix_decisions_organisation_id", "decisions", "organisation_id");
        migrationBuilder.CreateIndex("ix_decisions_state", "decisions", "state");

        migrationBuilder.CreateTable(
            name: "decision_options",
            columns: t => new
            {
                id = t.Column<long>(nullable: false).Identity(),
                decision_id = t.Column<long>(nullable: false),
                organisation_id = t.Column<long>(nullable: false),
                key = t.Column<string>(nullable: false),
                title = t.Column<string>(nullable: false),
                description = t.Column<string>(nullable: true),
            },
            constraints: t =>
            {
                t.PrimaryKey("pk_decision_options", x => x.id);
                t.ForeignKey("fk_decision_options_decision_id", x => x.decision_id, "decisions", "id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("ux_decision_options_key", "decision_options", ["decision_id", "key"], unique: true);

        migrationBuilder.CreateTable(
            name: "decision_segment_scores",
            columns: t => new
            {
                id = t.Column<long>(nullable: false).Identity(),
                decision_id = t.Column<long>(nullable: false),
                organisation_id = t.Column<long>(nullable: false),
                option_key = t.Column<string>(nullable: false),
                segment_id = t.Column<string>(nullable: false),
                short_term = t.Column<int>(nullable: true),
                long_term = t.Column<int>(nullable: true),
                rationale = t.Column<string>(nullable: true),
                mitigations = t.Column<string>(nullable: true),
                evidence_links = t.Column<string>(nullable: false),
                answered_by = t.Column<string>(nullable: false),
                updated_at = t.Column<DateTime>(nullable: false),
                updated_by = t.Column<string>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("pk_decision_segment_scores", x => x.id);
                t.ForeignKey("fk_decision_segment_scores_decision_id", x => x.decision_id, "decisions", "id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("ux_decision_segment_scores_segment", "decision_segment_scores", ["decision_id", "option_key", "segment_id"], unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("decision_segment_scores");
        migrationBuilder.DropTable("decision_options");
        migrationBuilder.DropTable("decisions");
    }
}
