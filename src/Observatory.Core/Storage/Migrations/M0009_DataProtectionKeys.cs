using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Observatory.Storage.Migrations;

/// <summary>The web app's Data Protection key ring (<see cref="DataProtectionKey"/>).</summary>
[DbContext(typeof(ObservatoryDbContext))]
[Migration("20261207000900_DataProtectionKeys")]
public sealed class M0009_DataProtectionKeys : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.CreateTable(
            name: "data_protection_keys",
            columns: t => new
            {
                id = t.Column<long>(nullable: false).Identity(),
                friendly_name = t.Column<string>(nullable: false),
                xml = t.Column<string>(nullable: false),
            },
            constraints: t => t.PrimaryKey("pk_data_protection_keys", x => x.id));

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("data_protection_keys");
}
