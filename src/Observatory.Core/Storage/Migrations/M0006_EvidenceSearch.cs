using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Observatory.Storage.Migrations;

/// <summary>
/// The evidence library's full-text index: an FTS5 table on SQLite, a weighted tsvector with a GIN index on
/// PostgreSQL. Triggers keep it in step with evidence_items and its place and element rows, so every write —
/// through EF, a bulk import or plain SQL — reaches the index in the same transaction and nothing is lost.
/// Element names live in the catalogue, not the database, so the search seeder copies them into
/// evidence_element_names for the triggers to read. The database's own search was removed by
/// <see cref="M0008_DropDatabaseEvidenceSearch"/>, which keeps evidence_element_names (and on PostgreSQL
/// evidence_search_json) for the in-memory index's view.
/// </summary>
[DbContext(typeof(ObservatoryDbContext))]
[Migration("20261203000600_EvidenceSearch")]
public sealed class M0006_EvidenceSearch : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "evidence_element_names",
            columns: t => new
            {
                element = t.Column<string>(nullable: false),
                name = t.Column<string>(nullable: false),
            },
            constraints: t => t.PrimaryKey("pk_evidence_element_names", x => x.element));

        if (migrationBuilder.IsSqlite())
        {
            foreach (var statement in SqliteUp)
            {
                migrationBuilder.Sql(statement);
            }
        }
        else
        {
            foreach (var statement in PostgreSqlUp)
            {
                migrationBuilder.Sql(statement);
            }
        }
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        if (migrationBuilder.IsSqlite())
        {
            foreach (var trigger in new[] { "ai", "au", "ad", "places_ai", "places_ad", "elements_ai", "elements_ad" })
            {
                migrationBuilder.Sql($"DROP TRIGGER IF EXISTS evidence_search_{trigger};");
            }
            migrationBuilder.Sql("DROP VIEW IF EXISTS evidence_search_source;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS evidence_search;");
        }
        else
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS evidence_search_item ON evidence_items;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS evidence_search_places ON evidence_places;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS evidence_search_elements ON evidence_elements;");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS evidence_search_item_changed();");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS evidence_search_child_changed();");
            migrationBuilder.Sql("DROP TABLE IF EXISTS evidence_search;");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS evidence_search_refresh(bigint);");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS evidence_search_json(text);");
        }
        migrationBuilder.DropTable("evidence_element_names");
    }

    /// <summary>The columns of the SQLite index, in the order bm25's weights are given (EvidenceSearchSql).</summary>
    internal const string SqliteColumns = "title, summary, body, organisations, places, elements";

    // The index keeps its own copy of the text (not external content), so snippet() can read it back and a
    // row can be replaced by rowid without knowing its old text. Porter stemming finds "councils" for
    // "council"; remove_diacritics lets "Mon" find "Môn".
    internal static readonly string[] SqliteUp =
    [
        $"CREATE VIRTUAL TABLE evidence_search USING fts5({SqliteColumns}, tokenize = 'porter unicode61 remove_diacritics 2');",
        // What the index holds for an item: organisation names only when it is not anonymous, place names from
        // the places table and as the source writes them, element names from the catalogue's copy.
        """
        CREATE VIEW evidence_search_source AS
        SELECT i.id AS id, i.title AS title, i.summary AS summary, coalesce(i.body, '') AS body,
            CASE WHEN i.anonymous THEN '' ELSE replace(i.organisations, char(10), ' ') END AS organisations,
            coalesce((SELECT group_concat(p.name, ' ') FROM evidence_places ep JOIN places p ON p.code = ep.place_code WHERE ep.item_id = i.id), '')
                || ' ' || coalesce((SELECT group_concat(j.value, ' ') FROM json_each(CASE WHEN json_valid(i.document) THEN i.document ELSE '{}' END, '$.placeNames') j), '') AS places,
            coalesce((SELECT group_concat(n.name, ' ') FROM evidence_elements ee JOIN evidence_element_names n ON n.element = ee.element WHERE ee.item_id = i.id), '') AS elements
        FROM evidence_items i;
        """,
        $"""
        CREATE TRIGGER evidence_search_ai AFTER INSERT ON evidence_items BEGIN
            INSERT INTO evidence_search (rowid, {SqliteColumns}) SELECT id, {SqliteColumns} FROM evidence_search_source WHERE id = new.id;
        END;
        """,
        $"""
        CREATE TRIGGER evidence_search_au AFTER UPDATE OF title, summary, body, anonymous, organisations, document ON evidence_items BEGIN
            DELETE FROM evidence_search WHERE rowid = old.id;
            INSERT INTO evidence_search (rowid, {SqliteColumns}) SELECT id, {SqliteColumns} FROM evidence_search_source WHERE id = new.id;
        END;
        """,
        "CREATE TRIGGER evidence_search_ad AFTER DELETE ON evidence_items BEGIN DELETE FROM evidence_search WHERE rowid = old.id; END;",
        .. ChildTriggers("places"),
        .. ChildTriggers("elements"),
    ];

    // A place or element row added or removed changes the item's text; when the item itself has gone (a
    // cascade), the source view has no row for it and nothing is written back.
    private static IEnumerable<string> ChildTriggers(string child) =>
    [
        $"""
        CREATE TRIGGER evidence_search_{child}_ai AFTER INSERT ON evidence_{child} BEGIN
            DELETE FROM evidence_search WHERE rowid = new.item_id;
            INSERT INTO evidence_search (rowid, {SqliteColumns}) SELECT id, {SqliteColumns} FROM evidence_search_source WHERE id = new.item_id;
        END;
        """,
        $"""
        CREATE TRIGGER evidence_search_{child}_ad AFTER DELETE ON evidence_{child} BEGIN
            DELETE FROM evidence_search WHERE rowid = old.item_id;
            INSERT INTO evidence_search (rowid, {SqliteColumns}) SELECT id, {SqliteColumns} FROM evidence_search_source WHERE id = old.item_id;
        END;
        """,
    ];

    // Weights: A the title; B the summary, organisations, places and elements; C the body.
    internal static readonly string[] PostgreSqlUp =
    [
        """
        CREATE TABLE evidence_search (
            item_id bigint NOT NULL CONSTRAINT pk_evidence_search PRIMARY KEY
                CONSTRAINT fk_evidence_search_item_id REFERENCES evidence_items (id) ON DELETE CASCADE,
            document tsvector NOT NULL
        );
        """,
        "CREATE INDEX ix_evidence_search_document ON evidence_search USING gin (document);",
        // The document is always JSON when the library writes it; a hand-made row that is not must not stop the write.
        """
        CREATE FUNCTION evidence_search_json(document text) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS $$
        BEGIN
            RETURN document::jsonb;
        EXCEPTION WHEN others THEN
            RETURN NULL;
        END $$;
        """,
        """
        CREATE FUNCTION evidence_search_refresh(item bigint) RETURNS void LANGUAGE sql AS $$
            INSERT INTO evidence_search (item_id, document)
            SELECT i.id,
                setweight(to_tsvector('english', i.title), 'A')
                || setweight(to_tsvector('english', i.summary), 'B')
                || setweight(to_tsvector('english', CASE WHEN i.anonymous THEN '' ELSE i.organisations END), 'B')
                || setweight(to_tsvector('english',
                    coalesce((SELECT string_agg(p.name, ' ') FROM evidence_places ep JOIN places p ON p.code = ep.place_code WHERE ep.item_id = i.id), '')
                    || ' ' || coalesce((SELECT string_agg(j, ' ') FROM jsonb_array_elements_text(evidence_search_json(i.document) -> 'placeNames') j), '')), 'B')
                || setweight(to_tsvector('english',
                    coalesce((SELECT string_agg(n.name, ' ') FROM evidence_elements ee JOIN evidence_element_names n ON n.element = ee.element WHERE ee.item_id = i.id), '')), 'B')
                || setweight(to_tsvector('english', coalesce(i.body, '')), 'C')
            FROM evidence_items i WHERE i.id = item
            ON CONFLICT (item_id) DO UPDATE SET document = excluded.document;
        $$;
        """,
        """
        CREATE FUNCTION evidence_search_item_changed() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM evidence_search_refresh(NEW.id);
            RETURN NULL;
        END $$;
        """,
        """
        CREATE FUNCTION evidence_search_child_changed() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP <> 'INSERT' THEN PERFORM evidence_search_refresh(OLD.item_id); END IF;
            IF TG_OP <> 'DELETE' THEN PERFORM evidence_search_refresh(NEW.item_id); END IF;
            RETURN NULL;
        END $$;
        """,
        "CREATE TRIGGER evidence_search_item AFTER INSERT OR UPDATE OF title, summary, body, anonymous, organisations, document ON evidence_items FOR EACH ROW EXECUTE FUNCTION evidence_search_item_changed();",
        "CREATE TRIGGER evidence_search_places AFTER INSERT OR UPDATE OR DELETE ON evidence_places FOR EACH ROW EXECUTE FUNCTION evidence_search_child_changed();",
        "CREATE TRIGGER evidence_search_elements AFTER INSERT OR UPDATE OR DELETE ON evidence_elements FOR EACH ROW EXECUTE FUNCTION evidence_search_child_changed();",
    ];
}

internal static class MigrationProviders
{
    public static bool IsSqlite(this MigrationBuilder migrationBuilder) =>
        migrationBuilder.ActiveProvider == "Microsoft.EntityFrameworkCore.Sqlite";
}
