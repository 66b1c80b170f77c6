using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Observatory.Storage.Migrations;

/// <summary>
/// The change log the in-memory evidence index (<see cref="Evidence.Search.Index.EvidenceIndex"/>) follows: triggers
/// on evidence_items and its place and element rows append the item's id to evidence_search_changes in the same
/// transaction as the write, whoever makes it (this process, another web instance, the command line, plain SQL), so
/// an index that reads the rows after its last sequence number before each search never shows a committed write
/// late. Item id 0 means "every item" (the rebuild statement writes it when element names change). Also a view,
/// evidence_index_source, of the text each item indexes (the same as M0006's index) with the columns the index
/// filters and decides visibility on, so both databases hand the index the same rows. (On SQLite the view read
/// M0006's; <see cref="M0008_DropDatabaseEvidenceSearch"/> writes it out on its own.)
/// </summary>
[DbContext(typeof(ObservatoryDbContext))]
[Migration("20261203000700_EvidenceSearchChanges")]
public sealed class M0007_EvidenceSearchChanges : Migration
{
    /// <summary>The key of the PostgreSQL advisory lock that orders writers of the change log (any fixed number would do).</summary>
    internal const long ChangeLogLock = 7_000_700_001;

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        foreach (var statement in migrationBuilder.IsSqlite() ? SqliteUp : PostgreSqlUp)
        {
            migrationBuilder.Sql(statement);
        }
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        if (migrationBuilder.IsSqlite())
        {
            foreach (var trigger in new[] { "ai", "au", "ad", "places_ai", "places_au", "places_ad", "elements_ai", "elements_au", "elements_ad" })
            {
                migrationBuilder.Sql($"DROP TRIGGER IF EXISTS evidence_search_changes_{trigger};");
            }
        }
        else
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS evidence_search_changes_item ON evidence_items;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS evidence_search_changes_places ON evidence_places;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS evidence_search_changes_elements ON evidence_elements;");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS evidence_search_log_item();");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS evidence_search_log_child();");
        }
        migrationBuilder.Sql("DROP VIEW IF EXISTS evidence_index_source;");
        migrationBuilder.Sql("DROP TABLE IF EXISTS evidence_search_changes;");
    }

    private const string IndexColumns = "i.state, i.visibility, i.organisation_id, i.submitted_by_id, i.shared_with, i.kind, i.strength, i.year";

    // AUTOINCREMENT, not a plain rowid: a sequence number is never reused after the newest rows are pruned, and
    // SQLite has one writer at a time, so numbers are handed out in commit order.
    private static readonly string[] SqliteUp =
    [
        "CREATE TABLE evidence_search_changes (seq INTEGER PRIMARY KEY AUTOINCREMENT, item_id INTEGER NOT NULL);",
        $"""
        CREATE VIEW evidence_index_source AS
        SELECT s.id AS id, s.title AS title, s.summary AS summary, s.body AS body, s.organisations AS organisations, s.places AS places,
            s.elements AS elements, {IndexColumns}
        FROM evidence_search_source s JOIN evidence_items i ON i.id = s.id;
        """,
        "CREATE TRIGGER evidence_search_changes_ai AFTER INSERT ON evidence_items BEGIN INSERT INTO evidence_search_changes (item_id) VALUES (new.id); END;",
        // Every column counts: state, visibility and sharing decide who finds the item, kind, year and strength filter it.
        "CREATE TRIGGER evidence_search_changes_au AFTER UPDATE ON evidence_items BEGIN INSERT INTO evidence_search_changes (item_id) VALUES (new.id); END;",
        "CREATE TRIGGER evidence_search_changes_ad AFTER DELETE ON evidence_items BEGIN INSERT INTO evidence_search_changes (item_id) VALUES (old.id); END;",
        .. ChildTriggers("places"),
        .. ChildTriggers("elements"),
    ];

    private static IEnumerable<string> ChildTriggers(string child) =>
    [
        $"CREATE TRIGGER evidence_search_changes_{child}_ai AFTER INSERT ON evidence_{child} BEGIN INSERT INTO evidence_search_changes (item_id) VALUES (new.item_id); END;",
        $"""
        CREATE TRIGGER evidence_search_changes_{child}_au AFTER UPDATE ON evidence_{child} BEGIN
            INSERT INTO evidence_search_changes (item_id) VALUES (old.item_id);
            INSERT INTO evidence_search_changes (item_id) SELECT new.item_id WHERE new.item_id <> old.item_id;
        END;
        """,
        $"CREATE TRIGGER evidence_search_changes_{child}_ad AFTER DELETE ON evidence_{child} BEGIN INSERT INTO evidence_search_changes (item_id) VALUES (old.item_id); END;",
    ];

    // An identity number is handed out when a row is inserted, not when its transaction commits, so without care a
    // reader could see number 11 committed while 10 is still in flight, move past 10 and never see it. The advisory
    // lock, held to the end of the writing transaction, makes writers of the log take numbers in commit order.
    private static readonly string[] PostgreSqlUp =
    [
        "CREATE TABLE evidence_search_changes (seq bigint GENERATED BY DEFAULT AS IDENTITY CONSTRAINT pk_evidence_search_changes PRIMARY KEY, item_id bigint NOT NULL);",
        $"""
        CREATE VIEW evidence_index_source AS
        SELECT i.id AS id, i.title AS title, i.summary AS summary, coalesce(i.body, '') AS body,
            CASE WHEN i.anonymous THEN '' ELSE i.organisations END AS organisations,
            coalesce((SELECT string_agg(p.name, ' ') FROM evidence_places ep JOIN places p ON p.code = ep.place_code WHERE ep.item_id = i.id), '')
                || ' ' || coalesce((SELECT string_agg(j, ' ') FROM jsonb_array_elements_text(evidence_search_json(i.document) -> 'placeNames') j), '') AS places,
            coalesce((SELECT string_agg(n.name, ' ') FROM evidence_elements ee JOIN evidence_element_names n ON n.element = ee.element WHERE ee.item_id = i.id), '') AS elements,
            {IndexColumns}
        FROM evidence_items i;
        """,
        $"""
        CREATE FUNCTION evidence_search_log_item() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM pg_advisory_xact_lock({ChangeLogLock});
            INSERT INTO evidence_search_changes (item_id) VALUES (CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END);
            RETURN NULL;
        END $$;
        """,
        $"""
        CREATE FUNCTION evidence_search_log_child() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM pg_advisory_xact_lock({ChangeLogLock});
            IF TG_OP <> 'INSERT' THEN INSERT INTO evidence_search_changes (item_id) VALUES (OLD.item_id); END IF;
            IF TG_OP = 'INSERT' OR TG_OP = 'UPDATE' AND NEW.item_id <> OLD.item_id THEN
                INSERT INTO evidence_search_changes (item_id) VALUES (NEW.item_id);
            END IF;
            RETURN NULL;
        END $$;
        """,
        "CREATE TRIGGER evidence_search_changes_item AFTER INSERT OR UPDATE OR DELETE ON evidence_items FOR EACH ROW EXECUTE FUNCTION evidence_search_log_item();",
        "CREATE TRIGGER evidence_search_changes_places AFTER INSERT OR UPDATE OR DELETE ON evidence_places FOR EACH ROW EXECUTE FUNCTION evidence_search_log_child();",
        "CREATE TRIGGER evidence_search_changes_elements AFTER INSERT OR UPDATE OR DELETE ON evidence_elements FOR EACH ROW EXECUTE FUNCTION evidence_search_log_child();",
    ];

    /// <summary>Tells every in-memory index to rebuild in full (item id 0): what a change the row triggers cannot see, such as element names, needs.</summary>
    internal static string RebuildAllSql(bool sqlite) =>
        (sqlite ? "" : $"SELECT pg_advisory_xact_lock({ChangeLogLock}); ") + "INSERT INTO evidence_search_changes (item_id) VALUES (0);";
}
