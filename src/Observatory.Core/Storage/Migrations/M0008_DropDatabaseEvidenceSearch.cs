using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Observatory.Storage.Migrations;

/// <summary>
/// Drops the database's own evidence search (M0006: the FTS5 table on SQLite, the tsvector table with its GIN index
/// on PostgreSQL, and the triggers that rebuilt an item's entry on every write). The evidence library is searched by
/// the in-memory index alone, which reads evidence_index_source and follows M0007's change log; keeping the
/// database's index up to date only made every evidence write slower. What the index still reads stays:
/// evidence_element_names, and on PostgreSQL evidence_search_json, which its view calls. On SQLite
/// evidence_index_source read M0006's view evidence_search_source, so it is written out on its own, giving the
/// same rows.
/// </summary>
[DbContext(typeof(ObservatoryDbContext))]
[Migration("20261203000800_DropDatabaseEvidenceSearch")]
public sealed class M0008_DropDatabaseEvidenceSearch : Migration
{
    private const string IndexColumns = "i.state, i.visibility, i.organisation_id, i.submitted_by_id, i.shared_with, i.kind, i.strength, i.year";

    private const string SearchColumns = "title, summary, body, organisations, places, elements";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        foreach (var statement in migrationBuilder.IsSqlite() ? SqliteUp : PostgreSqlUp)
        {
            migrationBuilder.Sql(statement);
        }
    }

    /// <summary>Puts M0006's search back as M0007 left it, with every item's entry rebuilt.</summary>
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        if (migrationBuilder.IsSqlite())
        {
            migrationBuilder.Sql("DROP VIEW IF EXISTS evidence_index_source;");
            foreach (var statement in M0006_EvidenceSearch.SqliteUp)
            {
                migrationBuilder.Sql(statement);
            }
            migrationBuilder.Sql($"INSERT INTO evidence_search (rowid, {SearchColumns}) SELECT id, {SearchColumns} FROM evidence_search_source;");
            migrationBuilder.Sql(
                $"""
                CREATE VIEW evidence_index_source AS
                SELECT s.id AS id, s.title AS title, s.summary AS summary, s.body AS body, s.organisations AS organisations, s.places AS places,
                    s.elements AS elements, {IndexColumns}
                FROM evidence_search_source s JOIN evidence_items i ON i.id = s.id;
                """);
        }
        else
        {
            // The function that reads an item's document survived Up, for the index's view.
            foreach (var statement in M0006_EvidenceSearch.PostgreSqlUp.Where(s => !s.Contains("FUNCTION evidence_search_json", StringComparison.Ordinal)))
            {
                migrationBuilder.Sql(statement);
            }
            migrationBuilder.Sql("SELECT evidence_search_refresh(id) FROM evidence_items;");
        }
    }

    private static readonly string[] SqliteUp =
    [
        .. new[] { "ai", "au", "ad", "places_ai", "places_ad", "elements_ai", "elements_ad" }.Select(t => $"DROP TRIGGER IF EXISTS evidence_search_{t};"),
        "DROP VIEW IF EXISTS evidence_index_source;",
        "DROP VIEW IF EXISTS evidence_search_source;",
        "DROP TABLE IF EXISTS evidence_search;",
        // What an item indexes, as M0006's view gave it: organisation names only when it is not anonymous, place
        // names from the places table and as the source writes them, element names from the catalogue's copy.
        $$"""
        CREATE VIEW evidence_index_source AS
        SELECT i.id AS id, i.title AS title, i.summary AS summary, coalesce(i.body, '') AS body,
            CASE WHEN i.anonymous THEN '' ELSE replace(i.organisations, char(10), ' ') END AS organisations,
            coalesce((SELECT group_concat(p.name, ' ') FROM evidence_places ep JOIN places p ON p.code = ep.place_code WHERE ep.item_id = i.id), '')
                || ' ' || coalesce((SELECT group_concat(j.value, ' ') FROM json_each(CASE WHEN json_valid(i.document) THEN i.document ELSE '{}' END, '$.placeNames') j), '') AS places,
            coalesce((SELECT group_concat(n.name, ' ') FROM evidence_elements ee JOIN evidence_element_names n ON n.element = ee.element WHERE ee.item_id = i.id), '') AS elements,
            {{IndexColumns}}
        FROM evidence_items i;
        """,
    ];

    private static readonly string[] PostgreSqlUp =
    [
        "DROP TRIGGER IF EXISTS evidence_search_item ON evidence_items;",
        "DROP TRIGGER IF EXISTS evidence_search_places ON evidence_places;",
        "DROP TRIGGER IF EXISTS evidence_search_elements ON evidence_elements;",
        "DROP FUNCTION IF EXISTS evidence_search_item_changed();",
        "DROP FUNCTION IF EXISTS evidence_search_child_changed();",
        "DROP TABLE IF EXISTS evidence_search;",
        "DROP FUNCTION IF EXISTS evidence_search_refresh(bigint);",
    ];
}
