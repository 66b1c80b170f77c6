using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Observatory.Storage.Migrations;

[DbContext(typeof(ObservatoryDbContext))]
[Migration("20261201000300_Accounts")]
public sealed class M0003_Accounts : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "organisations",
            columns: t => new
            {
                id = t.Column<long>(nullable: false).Identity(),
                slug = t.Column<string>(nullable: false),
                name = t.Column<string>(nullable: false),
                kind = t.Column<string>(nullable: false),
                place_codes = t.Column<string>(nullable: false),
                created_at = t.Column<DateTime>(nullable: false),
            },
            constraints: t => t.PrimaryKey("pk_organisations", x => x.id));
        migrationBuilder.CreateIndex("ix_organisations_slug", "organisations", "slug", unique: true);

        migrationBuilder.CreateTable(
            name: "people",
            columns: t => new
            {
                id = t.Column<long>(nullable: false).Identity(),
                email = t.Column<string>(nullable: false),
                display_name = t.Column<string>(nullable: false),
                password_hash = t.Column<string>(nullable: false),
                is_site_administrator = t.Column<bool>(nullable: false),
                failed_sign_ins = t.Column<int>(nullable: false),
                locked_until = t.Column<DateTime>(nullable: true),
                security_stamp = t.Column<string>(nullable: false),
                created_at = t.Column<DateTime>(nullable: false),
                last_sign_in_at = t.Column<DateTime>(nullable: true),
            },
            constraints: t => t.PrimaryKey("pk_people", x => x.id));
        migrationBuilder.CreateIndex("ix_people_email", "people", "email", unique: true);

        migrationBuilder.CreateTable(
            name: "memberships",
            columns: t => new
            {
                id = t.Column<long>(nullable: false).Identity(),
                organisation_id = t.Column<long>(nullable: false),
                person_id = t.Column<long>(nullable: false),
                role = t.Column<string>(nullable: false),
                created_at = t.Column<DateTime>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("pk_memberships", x => x.id);
                t.ForeignKey("fk_memberships_organisation_id", x => x.organisation_id, "organisations", "id", onDelete: ReferentialAction.Restrict);
                t.ForeignKey("fk_memberships_person_id", x => x.person_id, "people", "id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("ix_memberships_organisation_id_person_id", "memberships", ["organisation_id", "person_id"], unique: true);
        migrationBuilder.CreateIndex("ix_memberships_person_id", "memberships", "person_id");

        migrationBuilder.CreateTable(
            name: "invitations",
            columns: t => new
            {
                id = t.Column<long>(nullable: false).Identity(),
                organisation_id = t.Column<long>(nullable: false),
                email = t.Column<string>(nullable: false),
                role = t.Column<string>(nullable: false),
                token_hash = t.Column<string>(nullable: false),
                expires_at = t.Column<DateTime>(nullable: false),
                accepted_at = t.Column<DateTime>(nullable: true),
                revoked_at = t.Column<DateTime>(nullable: true),
                invited_by_id = t.Column<long>(nullable: false),
                created_at = t.Column<DateTime>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("pk_invitations", x => x.id);
                t.ForeignKey("fk_invitations_organisation_id", x => x.organisation_id, "organisations", "id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("ix_invitations_token_hash", "invitations", "token_hash", unique: true);
        migrationBuilder.CreateIndex("ix_invitations_organisation_id", "invitations", "organisation_id");

        migrationBuilder.CreateTable(
            name: "password_resets",
            columns: t => new
            {
                id = t.Column<long>(nullable: false).Identity(),
                person_id = t.Column<long>(nullable: false),
                token_hash = t.Column<string>(nullable: false),
                expires_at = t.Column<DateTime>(nullable: false),
                used_at = t.Column<DateTime>(nullable: true),
                created_at = t.Column<DateTime>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("pk_password_resets", x => x.id);
                t.ForeignKey("fk_password_resets_person_id", x => x.person_id, "people", "id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("ix_password_resets_token_hash", "password_resets", "token_hash", unique: true);
        migrationBuilder.CreateIndex("ix_password_resets_person_id", "password_resets", "person_id");

        migrationBuilder.CreateTable(
            name: "api_tokens",
            columns: t => new
            {
                id = t.Column<long>(nullable: false).Identity(),
                person_id = t.Column<long>(nullable: false),
                name = t.Column<string>(nullable: false),
                token_hash = t.Column<string>(nullable: false),
                hint = t.Column<string>(nullable: false),
                scopes = t.Column<int>(nullable: false),
                expires_at = t.Column<DateTime>(nullable: false),
                revoked_at = t.Column<DateTime>(nullable: true),
                last_used_at = t.Column<DateTime>(nullable: true),
                created_at = t.Column<DateTime>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("pk_api_tokens", x => x.id);
                t.ForeignKey("fk_api_tokens_person_id", x => x.person_id, "people", "id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("ix_api_tokens_token_hash", "api_tokens", "token_hash", unique: true);
        migrationBuilder.CreateIndex("ix_api_tokens_person_id", "api_tokens", "person_id");

        migrationBuilder.CreateTable(
            name: "outbox_messages",
            columns: t => new
            {
                id = t.Column<long>(nullable: false).Identity(),
                to = t.Column<string>(nullable: false),
                subject = t.Column<string>(nullable: false),
                body = t.Column<string>(nullable: false),
                created_at = t.Column<DateTime>(nullable: false),
            },
            constraints: t => t.PrimaryKey("pk_outbox_messages", x => x.id));

        migrationBuilder.CreateTable(
            name: "audit_entries",
            columns: t => new
            {
                id = t.Column<long>(nullable: false).Identity(),
                at = t.Column<DateTime>(nullable: false),
                actor_person_id = t.Column<long>(nullable: true),
                actor_name = t.Column<string>(nullable: false),
                organisation_id = t.Column<long>(nullable: true),
                entity_type = t.Column<string>(nullable: false),
                entity_id = t.Column<string>(nullable: false),
                action = t.Column<string>(nullable: false),
                before = t.Column<string>(nullable: true),
                after = t.Column<string>(nullable: true),
            },
            constraints: t => t.PrimaryKey("pk_audit_entries", x => x.id));
        migrationBuilder.CreateIndex("ix_audit_entries_entity_type_entity_id", "audit_entries", ["entity_type", "entity_id"]);
        migrationBuilder.CreateIndex("ix_audit_entries_organisation_id", "audit_entries", "organisation_id");

        // Imported frameworks now belong to an organisation and follow the visibility and workflow rules. Those
        // imported before belong to no organisation and stay public, as they were.
        migrationBuilder.AddColumn<long>("organisation_id", "imported_frameworks", nullable: true);
        migrationBuilder.AddColumn<string>("visibility", "imported_frameworks", nullable: false, defaultValue: "Public");
        migrationBuilder.AddColumn<string>("shared_with", "imported_frameworks", nullable: false, defaultValue: "");
        migrationBuilder.AddColumn<string>("state", "imported_frameworks", nullable: false, defaultValue: "Published");
        migrationBuilder.CreateIndex("ix_imported_frameworks_organisation_id", "imported_frameworks", "organisation_id");
        if (migrationBuilder.ActiveProvider != "Microsoft.EntityFrameworkCore.Sqlite")
        {
            // SQLite cannot add a foreign key to an existing table; the model still holds it there.
            migrationBuilder.AddForeignKey("fk_imported_frameworks_organisation_id", "imported_frameworks", "organisation_id", "organisations",
                principalColumn: "id", onDelete: ReferentialAction.Restrict);
        }
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex("ix_imported_frameworks_organisation_id", "imported_frameworks");
        migrationBuilder.DropColumn("organisation_id", "imported_frameworks");
        migrationBuilder.DropColumn("visibility", "imported_frameworks");
        migrationBuilder.DropColumn("shared_with", "imported_frameworks");
        migrationBuilder.DropColumn("state", "imported_frameworks");
        foreach (var table in new[] { "audit_entries", "outbox_messages", "api_tokens", "password_resets", "invitations", "memberships", "people", "organisations" })
        {
            migrationBuilder.DropTable(table);
        }
    }
}
