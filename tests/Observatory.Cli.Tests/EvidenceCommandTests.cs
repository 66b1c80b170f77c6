using Microsoft.EntityFrameworkCore;
using Observatory.Accounts;
using Observatory.Auditing;
using Observatory.Cli;
using Observatory.Evidence;
using Observatory.Testing;

namespace Observatory.Cli.Tests;

public sealed class EvidenceCommandTests : CommandFileTests
{

    private const string Batch = """
        id: batch
        name: A batch of contributions
        description: Two items from a partner's report.
        items:
          - id: partner-food-hubs
            title: Partner food hubs
            kind: case-study
            summary: Community food hubs.
            places: [E08000010]
            elements: [place-making/food]
            strength: 2
            status: promising
          - id: partner-digital-skills
            title: Partner digital skills
            kind: report
            summary: Digital skills sessions in libraries.
            elements: [four-rs/renew]
            strength: 1
            status: promising
        """;

    [Fact]
    public async Task A_file_with_any_problem_is_refused_whole_with_file_line_column_and_field()
    {
        var path = WriteFile("batch.yaml", Batch.Replace("strength: 1", "strength: 7").Replace("place-making/food", "place-making/no-such"));

        var result = await Run("evidence", "import", path);

        result.ExitCode.ShouldBe(ExitCodes.InputRefused);
        result.Error.ShouldContain("batch.yaml:10:16: items[0].elements[0]: 'place-making/no-such' is not an element of any framework in the catalogue");
        result.Error.ShouldContain("batch.yaml:18:15: items[1].strength:");
        result.Error.ShouldContain("nothing was changed");
        await using var db = _database.CreateContext();
        (await db.EvidenceItems.CountAsync(e => e.Collection == null)).ShouldBe(0);
    }

    [Fact]
    public async Task Imported_items_wait_for_review_unless_published_and_export_gives_them_back()
    {
        var result = await Run("evidence", "import", WriteFile("batch.yaml", Batch));
        result.ExitCode.ShouldBe(ExitCodes.Success, result.Error);
        result.Out.ShouldContain("Imported 2 item(s)");
        var again = await Run("evidence", "import", WriteFile("again.yaml", Batch));
        again.ExitCode.ShouldBe(ExitCodes.InputRefused);
        again.Error.ShouldContain("again.yaml:5:9: items[0].id: 'partner-food-hubs' is already in the evidence library");
        (await Run("evidence", "import", "--publish", WriteFile("more.yaml", Batch.Replace("partner-", "more-")))).ExitCode.ShouldBe(ExitCodes.Success);

        await using (var db = _database.CreateContext())
        {
            var states = await db.EvidenceItems.Where(e => e.Collection == null).OrderBy(e => e.Slug).Select(e => new { e.Slug, e.State, e.SubmittedById }).ToListAsync();
            states.Select(s => (s.Slug, s.State)).ShouldBe([
                ("more-digital-skills", WorkflowState.Published), ("more-food-hubs", WorkflowState.Published),
                ("partner-digital-skills", WorkflowState.Submitted), ("partner-food-hubs", WorkflowState.Submitted)]);
            var ids = (await db.EvidenceItems.Where(e => e.Collection == null).Select(e => e.Id).ToListAsync()).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
            var audit = await db.AuditEntries.Where(a => a.EntityType == "EvidenceRecord" && ids.Contains(a.EntityId)).ToListAsync();
            audit.Count.ShouldBe(4);
            audit.ShouldAllBe(a => a.Action == "created" && a.ActorName.StartsWith("command line"));
        }

        var exported = Path.Combine(_folder, "out.yaml");
        var export = await Run("evidence", "export", "--contributions", "--out", exported);
        export.ExitCode.ShouldBe(ExitCodes.Success, export.Error);
        export.Out.ShouldContain("Wrote 4 item(s)");
        var text = await File.ReadAllTextAsync(exported);
        text.ShouldContain("id: contributions");
        text.ShouldContain("- id: partner-food-hubs");

        // The export is a valid file: with new ids it imports again.
        var reimport = await Run("evidence", "import", WriteFile("re.yaml", text.Replace("id: partner-", "id: copy-").Replace("id: more-", "id: copy-more-")));
        reimport.ExitCode.ShouldBe(ExitCodes.Success, reimport.Error);
    }

    [Fact]
    public async Task A_shipped_collection_exports_as_its_items_and_an_unknown_one_is_refused()
    {
        var result = await Run("evidence", "export", "--collection", "consultation-2022");
        result.ExitCode.ShouldBe(ExitCodes.Success, result.Error);
        result.Out.ShouldStartWith("id: consultation-2022");
        result.Out.ShouldContain("- id: wigan-bewigan");

        var unknown = await Run("evidence", "export", "--collection", "no-such");
        unknown.ExitCode.ShouldBe(ExitCodes.Usage);
        unknown.Error.ShouldContain("no shipped collection 'no-such'");
        (await Run("evidence", "import", Path.Combine(_folder, "missing.yaml"))).ExitCode.ShouldBe(ExitCodes.Usage);
    }
}
