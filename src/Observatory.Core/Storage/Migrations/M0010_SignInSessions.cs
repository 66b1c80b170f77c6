using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Observatory.Storage.Migrations;

/// <summary>
/// Server-side sign-in sessions (<see cref="Accounts.SignInSession"/>): the cookie carries a key whose hash is here,
/// so signing out, or a password reset, ends a session for every copy of its cookie.
/// </summary>
[DbContext(typeof(ObservatoryDbContext))]
[Migration("20261207001000_SignInSessions")]
public sealed class M0010_SignInSessions : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "sign_in_sessions",
            columns: t => new
            {
                id = t.Column<long>(nullable: false).Identity(),
                person_id = t.Column<long>(nullable: false),
                key_hash = t.Column<string>(nullable: false),
                created_at = t.Column<DateTime>(nullable: false),
                confirmed_at = t.Column<DateTime>(nullable: false),
                ended_at = t.Column<DateTime>(nullable: true),
            },
            constraints: t =>
            {
                t.PrimaryKey("pk_sign_in_sessions", x => x.id);
                t.ForeignKey("fk_sign_in_sessions_person_id", x => x.person_id, "people", "id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("ix_sign_in_sessions_key_hash", "sign_in_sessions", "key_hash", unique: true);
        migrationBuilder.CreateIndex("ix_sign_in_sessions_person_id", "sign_in_sessions", "person_id");
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("sign_in_sessions");
}
