using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Observatory.Storage.Migrations;

[DbContext(typeof(ObservatoryDbContext))]
[Migration("20261201000200_PlacesAndIndicators")]
public sealed class M0002_PlacesAndIndicators : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "places",
            columns: t => new
            {
                code = t.Column<string>(nullable: false),
                name = t.Column<string>(nullable: false),
                type = t.Column<string>(nullable: false),
                nation = t.Column<string>(nullable: true),
                region_code = t.Column<string>(nullable: true),
                county_code = t.Column<string>(nullable: true),
                combined_authority_code = t.Column<string>(nullable: true),
                parent_codes = t.Column<string>(nullable: false),
                population = t.Column<long>(nullable: true),
                latitude = t.Column<double>(nullable: true),
                longitude = t.Column<double>(nullable: true),
                start_date = t.Column<DateOnly>(nullable: true),
                end_date = t.Column<DateOnly>(nullable: true),
                successor_codes = t.Column<string>(nullable: false),
            },
            constraints: t => t.PrimaryKey("pk_places", x => x.code));
        migrationBuilder.CreateIndex("ix_places_type", "places", "type");

        migrationBuilder.CreateTable(
            name: "indicator_imports",
            columns: t => new
            {
                id = t.Column<long>(nullable: false).Identity(),
                file_name = t.Column<string>(nullable: false),
                format = t.Column<string>(nullable: false),
                file_hash = t.Column<string>(nullable: false),
                source = t.Column<string>(nullable: false),
                imported_at = t.Column<DateTime>(nullable: false),
                imported_by = t.Column<string>(nullable: true),
                indicators = t.Column<string>(nullable: false),
                rows_read = t.Column<long>(nullable: false),
                added = t.Column<long>(nullable: false),
                changed = t.Column<long>(nullable: false),
                unchanged = t.Column<long>(nullable: false),
                merged = t.Column<long>(nullable: false),
                recoded = t.Column<long>(nullable: false),
            },
            constraints: t => t.PrimaryKey("pk_indicator_imports", x => x.id));
        migrationBuilder.CreateIndex("ix_indicator_imports_file_hash", "indicator_imports", "file_hash");

        migrationBuilder.CreateTable(
            name: "observations",
            columns: t => new
            {
                id = t.Column<long>(nullable: false).Identity(),
                indicator_id = t.Column<string>(nullable: false),
                area_code = t.Column<string>(nullable: false),
                original_code = t.Column<string>(nullable: true),
                period_start = t.Column<DateOnly>(nullable: false),
                period_duration = t.Column<string>(nullable: false),
                disaggregation = t.Column<string>(nullable: false),
                value = t.Column<double>(nullable: true),
                lci95 = t.Column<double>(nullable: true),
                uci95 = t.Column<double>(nullable: true),
                status = t.Column<string>(nullable: true),
                note = t.Column<string>(nullable: true),
                import_id = t.Column<long>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("pk_observations", x => x.id);
                t.ForeignKey("fk_observations_area_code", x => x.area_code, "places", "code", onDelete: ReferentialAction.Restrict);
                t.ForeignKey("fk_observations_import_id", x => x.import_id, "indicator_imports", "id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("ux_observations_series", "observations", ["indicator_id", "area_code", "period_start", "period_duration", "disaggregation"], unique: true);
        migrationBuilder.CreateIndex("ix_observations_area_code_indicator_id", "observations", ["area_code", "indicator_id"]);
        migrationBuilder.CreateIndex("ix_observations_import_id", "observations", "import_id");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("observations");
        migrationBuilder.DropTable("indicator_imports");
        migrationBuilder.DropTable("places");
    }
}
