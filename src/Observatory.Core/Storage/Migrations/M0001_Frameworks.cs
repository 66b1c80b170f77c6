using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Observatory.Storage.Migrations;

[DbContext(typeof(ObservatoryDbContext))]
[Migration("20261122000100_Frameworks")]
public sealed class M0001_Frameworks : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "imported_frameworks",
            columns: t => new
            {
                id = t.Column<long>(nullable: false).Identity(),
                framework_id = t.Column<string>(nullable: false),
                version = t.Column<string>(nullable: false),
                name = t.Column<string>(nullable: false),
                format = t.Column<string>(nullable: false),
                content = t.Column<string>(nullable: false),
                content_hash = t.Column<string>(nullable: false),
                file_name = t.Column<string>(nullable: false),
                imported_at = t.Column<DateTime>(nullable: false),
                imported_by = t.Column<string>(nullable: true),
                is_current = t.Column<bool>(nullable: false),
            },
            constraints: t => t.PrimaryKey("pk_imported_frameworks", x => x.id));
        migrationBuilder.CreateIndex("ix_imported_frameworks_framework_id_version", "imported_frameworks", ["framework_id", "version"], unique: true);
        migrationBuilder.CreateIndex("ix_imported_frameworks_framework_id", "imported_frameworks", "framework_id");
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("imported_frameworks");
}
