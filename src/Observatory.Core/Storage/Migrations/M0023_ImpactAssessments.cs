using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Observatory.Storage.Migrations;

/// <summary>
/// Organisations' own Algorithmic Impact Assessments (<see cref="Assessments.AlgorithmicImpact.ImpactAssessmentRecord"/>):
/// one row per system assessed, its answers as Canada's tool saves them, and the score kept once it is completed.
/// </summary>
[DbContext(typeof(ObservatoryDbContext))]
[Migration("20261207002300_ImpactAssessments")]
public sealed class M0023_ImpactAssessments : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "impact_assessments",
            columns: t => new
            {
                id = t.Column<long>(nullable: false).Identity(),
                organisation_id = t.Column<long>(nullable: false),
                name = t.Column<string>(nullable: false),
                template_version = t.Column<string>(nullable: false),
                answers = t.Column<string>(nullable: false),
                state = t.Column<string>(nullable: false),
                raw_score = t.Column<double>(nullable: true),
                mitigation_score = t.Column<double>(nullable: true),
                current_score = t.Column<double>(nullable: true),
                impact_level = t.Column<int>(nullable: true),
                created_at = t.Column<DateTime>(nullable: false),
                created_by = t.Column<string>(nullable: false),
                updated_at = t.Column<DateTime>(nullable: false),
                updated_by = t.Column<string>(nullable: false),
                completed_at = t.Column<DateTime>(nullable: true),
                completed_by = t.Column<string>(nullable: true),
            },
            constraints: t =>
            {
                t.PrimaryKey("pk_impact_assessments", x => x.id);
                t.ForeignKey("fk_impact_assessments_organisation_id", x => x.organisation_id, "organisations", "id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("ix_impact_assessments_organisation_id", "impact_assessments", "organisation_id");
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("impact_assessments");
}
