using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Observatory.Storage.Migrations;

/// <summary>
/// Organisations' own assessments: one per template and period, the answer to each question with its evidence,
/// confidence, method, target and action, and the sections given to members to answer.
/// </summary>
[DbContext(typeof(ObservatoryDbContext))]
[Migration("20261207001200_OrganisationAssessments")]
public sealed class M0012_OrganisationAssessments : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "assessments",
            columns: t => new
            {
                id = t.Column<long>(nullable: false).Identity(),
                organisation_id = t.Column<long>(nullable: false),
                template_id = t.Column<string>(nullable: false),
                template_version = t.Column<string>(nullable: false),
                period = t.Column<string>(nullable: false),
                state = t.Column<string>(nullable: false),
                visibility = t.Column<string>(nullable: false),
                shared_with = t.Column<string>(nullable: false),
                benchmarking = t.Column<bool>(nullable: false),
                copied_from_id = t.Column<long>(nullable: true),
                created_at = t.Column<DateTime>(nullable: false),
                created_by_id = t.Column<long>(nullable: true),
                created_by = t.Column<string>(nullable: false),
                updated_at = t.Column<DateTime>(nullable: false),
                updated_by_id = t.Column<long>(nullable: true),
                updated_by = t.Column<string>(nullable: false),
                submitted_at = t.Column<DateTime>(nullable: true),
                submitted_by = t.Column<string>(nullable: true),
            },
            constraints: t =>
            {
                t.PrimaryKey("pk_assessments", x => x.id);
                t.ForeignKey("fk_assessments_organisation_id", x => x.organisation_id, "organisations", "id", onDelete: ReferentialAction.Restrict);
                t.ForeignKey("fk_assessments_copied_from_id", x => x.copied_from_id, "assessments", "id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("ux_assessments_organisation_template_period", "assessments", ["organisation_id", "template_id", "period"], unique: true);
        migrationBuilder.CreateIndex("ix_assessments_template_id_period", "assessments", ["template_id", "period"]);
        migrationBuilder.CreateIndex("ix_assessments_copied_from_id", "assessments", "copied_from_id");

        migrationBuilder.CreateTable(
            name: "assessment_answers",
            columns: t => new
            {
                id = t.Column<long>(nullable: false).Identity(),
                assessment_id = t.Column<long>(nullable: false),
                organisation_id = t.Column<long>(nullable: false),
                question_id = t.Column<string>(nullable: false),
                level = t.Column<int>(nullable: true),
                choice = t.Column<string>(nullable: true),
                text = t.Column<string>(nullable: true),
                evidence_links = t.Column<string>(nullable: false),
                note = t.Column<string>(nullable: true),
                confidence = t.Column<string>(nullable: true),
                method = t.Column<string>(nullable: true),
                target_level = t.Column<int>(nullable: true),
                action = t.Column<string>(nullable: true),
                updated_at = t.Column<DateTime>(nullable: false),
                updated_by = t.Column<string>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("pk_assessment_answers", x => x.id);
                t.ForeignKey("fk_assessment_answers_assessment_id", x => x.assessment_id, "assessments", "id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("ux_assessment_answers_question", "assessment_answers", ["assessment_id", "question_id"], unique: true);

        migrationBuilder.CreateTable(
            name: "assessment_assignments",
            columns: t => new
            {
                id = t.Column<long>(nullable: false).Identity(),
                assessment_id = t.Column<long>(nullable: false),
                organisation_id = t.Column<long>(nullable: false),
                section_id = t.Column<string>(nullable: false),
                person_id = t.Column<long>(nullable: false),
                assigned_at = t.Column<DateTime>(nullable: false),
                assigned_by = t.Column<string>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("pk_assessment_assignments", x => x.id);
                t.ForeignKey("fk_assessment_assignments_assessment_id", x => x.assessment_id, "assessments", "id", onDelete: ReferentialAction.Cascade);
                t.ForeignKey("fk_assessment_assignments_person_id", x => x.person_id, "people", "id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("ux_assessment_assignments_section", "assessment_assignments", ["assessment_id", "section_id"], unique: true);
        migrationBuilder.CreateIndex("ix_assessment_assignments_person_id", "assessment_assignments", "person_id");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("assessment_assignments");
        migrationBuilder.DropTable("assessment_answers");
        migrationBuilder.DropTable("assessments");
    }
}
