using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Observatory.Storage.Migrations;

/// <summary>
/// Segments of a decision delegated to a member of its organisation (<see cref="Decisions.SegmentDelegation"/>): one
/// row per decision and segment, kept with its end date once the decision is published.
/// </summary>
[DbContext(typeof(ObservatoryDbContext))]
[Migration("20261207002200_DecisionDelegations")]
public sealed class M0022_DecisionDelegations : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "decision_delegations",
            columns: t => new
            {
                id = t.Column<long>(nullable: false).Identity(),
                decision_id = t.Column<long>(nullable: false),
                organisation_id = t.Column<long>(nullable: false),
                segment_id = t.Column<string>(nullable: false),
                person_id = t.Column<long>(nullable: false),
                delegated_at = t.Column<DateTime>(nullable: false),
                delegated_by = t.Column<string>(nullable: false),
                ended_at = t.Column<DateTime>(nullable: true),
            },
            constraints: t =>
            {
                t.PrimaryKey("pk_decision_delegations", x => x.id);
                t.ForeignKey("fk_decision_delegations_decision_id", x => x.decision_id, "decisions", "id", onDelete: ReferentialAction.Cascade);
                t.ForeignKey("fk_decision_delegations_person_id", x => x.person_id, "people", "id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("ux_decision_delegations_segment", "decision_delegations", ["decision_id", "segment_id"], unique: true);
        migrationBuilder.CreateIndex("ix_decision_delegations_person_id", "decision_delegations", "person_id");
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("decision_delegations");
}
