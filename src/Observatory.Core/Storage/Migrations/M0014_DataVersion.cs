using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Observatory.Storage.Migrations;

/// <summary>
/// The data version every process over one database shares (<see cref="SharedDataVersion"/>): one row, raised by
/// every committed write in the write's own transaction and read by each web node every quarter of a second, so a
/// write on any node or by the command line empties every node's page cache within one second. Read by its key only.
/// </summary>
[DbContext(typeof(ObservatoryDbContext))]
[Migration("20261207001400_DataVersion")]
public sealed class M0014_DataVersion : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "data_version",
            columns: t => new
            {
                id = t.Column<int>(nullable: false),
                version = t.Column<long>(nullable: false),
            },
            constraints: t => t.PrimaryKey("pk_data_version", x => x.id));
        migrationBuilder.Sql("INSERT INTO data_version (id, version) VALUES (1, 1);");
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("data_version");
}
