using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Observatory.Storage.Migrations;

[DbContext(typeof(ObservatoryDbContext))]
[Migration("20261202000500_Evidence")]
public sealed class M0005_Evidence : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        // Curators review and publish contributed evidence; a site-wide duty, not a role in one organisation.
        migrationBuilder.AddColumn<bool>("is_curator", "people", nullable: false, defaultValue: false);

        migrationBuilder.CreateTable(
            name: "evidence_items",
            columns: t => new
            {
                id = t.Column<long>(nullable: false).Identity(),
                slug = t.Column<string>(nullable: false),
                collection = t.Column<string>(nullable: true),
                title = t.Column<string>(nullable: false),
                kind = t.Column<string>(nullable: false),
                summary = t.Column<string>(nullable: false),
                body = t.Column<string>(nullable: true),
                year = t.Column<int>(nullable: true),
                strength = t.Column<int>(nullable: false),
                status = t.Column<string>(nullable: false),
                anonymous = t.Column<bool>(nullable: false),
                organisations = t.Column<string>(nullable: false),
                document = t.Column<string>(nullable: false),
                organisation_id = t.Column<long>(nullable: true),
                submitted_by_id = t.Column<long>(nullable: true),
                visibility = t.Column<string>(nullable: false),
                shared_with = t.Column<string>(nullable: false),
                state = t.Column<string>(nullable: false),
                version = t.Column<int>(nullable: false),
                created_at = t.Column<DateTime>(nullable: false),
                updated_at = t.Column<DateTime>(nullable: false),
                published_at = t.Column<DateTime>(nullable: true),
            },
            constraints: t =>
            {
                t.PrimaryKey("pk_evidence_items", x => x.id);
                t.ForeignKey("fk_evidence_items_organisation_id", x => x.organisation_id, "organisations", "id", onDelete: ReferentialAction.Restrict);
                t.ForeignKey("fk_evidence_items_submitted_by_id", x => x.submitted_by_id, "people", "id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("ix_evidence_items_slug", "evidence_items", "slug", unique: true);
        migrationBuilder.CreateIndex("ix_evidence_items_state", "evidence_items", "state");
        migrationBuilder.CreateIndex("ix_evidence_items_organisation_id", "evidence_items", "organisation_id");
        migrationBuilder.CreateIndex("ix_evidence_items_submitted_by_id", "evidence_items", "submitted_by_id");

        migrationBuilder.CreateTable(
            name: "evidence_places",
            columns: t => new
            {
                id = t.Column<long>(nullable: false).Identity(),
                item_id = t.Column<long>(nullable: false),
                place_code = t.Column<string>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("pk_evidence_places", x => x.id);
                t.ForeignKey("fk_evidence_places_item_id", x => x.item_id, "evidence_items", "id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("ix_evidence_places_item_id_place_code", "evidence_places", ["item_id", "place_code"], unique: true);
        migrationBuilder.CreateIndex("ix_evidence_places_place_code", "evidence_places", "place_code");

        migrationBuilder.CreateTable(
            name: "evidence_elements",
            columns: t => new
            {
                id = t.Column<long>(nullable: false).Identity(),
                item_id = t.Column<long>(nullable: false),
                element = t.Column<string>(nullable: false),
                framework_id = t.Column<string>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("pk_evidence_elements", x => x.id);
                t.ForeignKey("fk_evidence_elements_item_id", x => x.item_id, "evidence_items", "id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("ix_evidence_elements_item_id_element", "evidence_elements", ["item_id", "element"], unique: true);
        migrationBuilder.CreateIndex("ix_evidence_elements_element", "evidence_elements", "element");

        migrationBuilder.CreateTable(
            name: "evidence_versions",
            columns: t => new
            {
                id = t.Column<long>(nullable: false).Identity(),
                item_id = t.Column<long>(nullable: false),
                version = t.Column<int>(nullable: false),
                document = t.Column<string>(nullable: false),
                changed_by = t.Column<string>(nullable: false),
                changed_at = t.Column<DateTime>(nullable: false),
                note = t.Column<string>(nullable: true),
            },
            constraints: t =>
            {
                t.PrimaryKey("pk_evidence_versions", x => x.id);
                t.ForeignKey("fk_evidence_versions_item_id", x => x.item_id, "evidence_items", "id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("ix_evidence_versions_item_id_version", "evidence_versions", ["item_id", "version"], unique: true);

        migrationBuilder.CreateTable(
            name: "evidence_problem_reports",
            columns: t => new
            {
                id = t.Column<long>(nullable: false).Identity(),
                item_id = t.Column<long>(nullable: false),
                message = t.Column<string>(nullable: false),
                reporter_email = t.Column<string>(nullable: true),
                reporter_person_id = t.Column<long>(nullable: true),
                created_at = t.Column<DateTime>(nullable: false),
                resolved_at = t.Column<DateTime>(nullable: true),
                resolved_by = t.Column<string>(nullable: true),
            },
            constraints: t =>
            {
                t.PrimaryKey("pk_evidence_problem_reports", x => x.id);
                t.ForeignKey("fk_evidence_problem_reports_item_id", x => x.item_id, "evidence_items", "id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("ix_evidence_problem_reports_item_id", "evidence_problem_reports", "item_id");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("evidence_problem_reports");
        migrationBuilder.DropTable("evidence_versions");
        migrationBuilder.DropTable("evidence_elements");
        migrationBuilder.DropTable("evidence_places");
        migrationBuilder.DropTable("evidence_items");
        migrationBuilder.DropColumn("is_curator", "people");
    }
}
