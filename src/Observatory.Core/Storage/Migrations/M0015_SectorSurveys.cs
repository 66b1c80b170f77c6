using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Observatory.Storage.Migrations;

/// <summary>
/// Sector surveys (<see cref="Assessments.Surveys.Survey"/>): the survey, the organisations it was sent to with
/// their consent to publish written answers, and on each assessment the survey it answers. An organisation keeps
/// one ordinary assessment of a template per period, and may answer a survey of the same template beside it, so
/// the one-per-period rule now holds for ordinary assessments only, and a survey takes one response per organisation.
/// </summary>
[DbContext(typeof(ObservatoryDbContext))]
[Migration("20261207001500_SectorSurveys")]
public sealed class M0015_SectorSurveys : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "surveys",
            columns: t => new
            {
                id = t.Column<long>(nullable: false).Identity(),
                title = t.Column<string>(nullable: false),
                template_id = t.Column<string>(nullable: false),
                template_version = t.Column<string>(nullable: false),
                period = t.Column<string>(nullable: false),
                opens_on = t.Column<DateOnly>(nullable: false),
                closes_on = t.Column<DateOnly>(nullable: false),
                audience = t.Column<string>(nullable: false),
                state = t.Column<string>(nullable: false),
                created_at = t.Column<DateTime>(nullable: false),
                created_by_id = t.Column<long>(nullable: true),
                created_by = t.Column<string>(nullable: false),
                updated_at = t.Column<DateTime>(nullable: false),
                updated_by = t.Column<string>(nullable: false),
                published_at = t.Column<DateTime>(nullable: true),
                results = t.Column<string>(nullable: true),
            },
            constraints: t => t.PrimaryKey("pk_surveys", x => x.id));

        migrationBuilder.CreateTable(
            name: "survey_recipients",
            columns: t => new
            {
                id = t.Column<long>(nullable: false).Identity(),
                survey_id = t.Column<long>(nullable: false),
                organisation_id = t.Column<long>(nullable: false),
                publish_words = t.Column<bool>(nullable: true),
                consent_at = t.Column<DateTime>(nullable: true),
                consent_by = t.Column<string>(nullable: true),
            },
            constraints: t =>
            {
                t.PrimaryKey("pk_survey_recipients", x => x.id);
                t.ForeignKey("fk_survey_recipients_survey_id", x => x.survey_id, "surveys", "id", onDelete: ReferentialAction.Cascade);
                t.ForeignKey("fk_survey_recipients_organisation_id", x => x.organisation_id, "organisations", "id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("ux_survey_recipients_organisation", "survey_recipients", ["survey_id", "organisation_id"], unique: true);
        migrationBuilder.CreateIndex("ix_survey_recipients_organisation_id", "survey_recipients", "organisation_id");

        // A plain column (no foreign key): SQLite cannot add one to an existing table without rebuilding it.
        migrationBuilder.AddColumn<long>("survey_id", "assessments", nullable: true);
        migrationBuilder.DropIndex("ux_assessments_organisation_template_period", "assessments");
        migrationBuilder.CreateIndex("ux_assessments_organisation_template_period", "assessments", ["organisation_id", "template_id", "period"],
            unique: true, filter: "survey_id IS NULL");
        migrationBuilder.CreateIndex("ux_assessments_survey_organisation", "assessments", ["survey_id", "organisation_id"],
            unique: true, filter: "survey_id IS NOT NULL");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex("ux_assessments_survey_organisation", "assessments");
        migrationBuilder.DropIndex("ux_assessments_organisation_template_period", "assessments");
        migrationBuilder.Sql("DELETE FROM assessments WHERE survey_id IS NOT NULL;");
        migrationBuilder.CreateIndex("ux_assessments_organisation_template_period", "assessments", ["organisation_id", "template_id", "period"], unique: true);
        if (migrationBuilder.ActiveProvider == "Microsoft.EntityFrameworkCore.Sqlite")
        {
            // EF Core will not drop a SQLite column (it would rebuild the table); SQLite itself can since 3.35, once
            // no index names the column.
            migrationBuilder.Sql("ALTER TABLE assessments DROP COLUMN survey_id;");
        }
        else
        {
            migrationBuilder.DropColumn("survey_id", "assessments");
        }
        migrationBuilder.DropTable("survey_recipients");
        migrationBuilder.DropTable("surveys");
    }
}
