using System.Text.Json;
using Observatory.Cli;
using Observatory.Content;
using Observatory.Frameworks;
using Observatory.Testing;

namespace Observatory.Cli.Tests;

public sealed class FrameworksCommandTests : CommandFileTests
{

    private static readonly FrameworkCatalogue Shipped = FrameworkCatalogue.LoadShipped(DataFolder.Locate());

    [Fact]
    public async Task Help_lists_the_commands()
    {
        var result = await CliRunner.RunAsync("--help");

        result.ExitCode.ShouldBe(ExitCodes.Success);
        result.Out.ShouldContain("serve");
        result.Out.ShouldContain("db");
        result.Out.ShouldContain("frameworks");
        result.Out.ShouldContain("--db");
    }

    [Theory]
    [InlineData("frameworks", "--help")]
    [InlineData("frameworks", "import", "--help")]
    [InlineData("db", "migrate", "--help")]
    public async Task Every_command_has_help(params string[] args)
    {
        var result = await CliRunner.RunAsync(args);

        result.ExitCode.ShouldBe(ExitCodes.Success);
        result.Out.ShouldContain("Usage:");
    }

    [Fact]
    public async Task List_shows_every_framework_with_its_element_count()
    {
        var result = await Run("frameworks", "list");

        result.ExitCode.ShouldBe(ExitCodes.Success, result.Error);
        foreach (var framework in Shipped.Frameworks)
        {
            result.Out.ShouldContain($"{framework.ElementCount,4} elements  {framework.Name}");
        }
    }

    [Fact]
    public async Task Show_prints_the_element_tree()
    {
        var result = await Run("frameworks", "show", "place-making");

        result.ExitCode.ShouldBe(ExitCodes.Success, result.Error);
        result.Out.ShouldContain("- Connected [outcome] (connected)");
        result.Out.ShouldContain("  - Connectivity [area-of-focus] (connectivity)");
    }

    [Fact]
    public async Task An_unknown_framework_fails_with_a_one_line_reason()
    {
        var result = await Run("frameworks", "show", "no-such");

        result.ExitCode.ShouldBe(ExitCodes.Failed);
        result.Error.Trim().ShouldBe("error: there is no framework 'no-such'. Run 'observatory frameworks list' to see them all.");
    }

    [Fact]
    public async Task Bad_usage_exits_with_the_usage_code()
    {
        var result = await CliRunner.RunAsync("frameworks", "export");

        result.ExitCode.ShouldBe(ExitCodes.Usage);
        result.Error.ShouldContain("error:");
    }

    [Fact]
    public async Task Validate_checks_the_shipped_catalogue()
    {
        var result = await CliRunner.RunAsync("frameworks", "validate");

        result.ExitCode.ShouldBe(ExitCodes.Success, result.Error);
        result.Out.ShouldStartWith($"Valid: {Shipped.Frameworks.Count} frameworks");
    }

    [Fact]
    public async Task Validate_refuses_a_broken_file_naming_its_line()
    {
        var path = WriteFile("broken.yaml", "id: x\nname: X\nversion: '1'\npublisher: Us\nsummary: s\nsource: {file: a, section: b}\nelements:\n  - id: a\n    name: A\n    kind: k\n");

        var result = await CliRunner.RunAsync("frameworks", "validate", path);

        result.ExitCode.ShouldBe(ExitCodes.InputRefused);
        result.Error.ShouldContain($"{path}:8:5: elements[0].description: is required");
    }

    [Fact]
    public async Task Import_then_export_gives_back_the_framework()
    {
        var exported = await Run("frameworks", "export", "four-rs", "--format", "yaml");
        var path = WriteFile("mine.yaml", exported.Out
            .Replace("id: four-rs", "id: our-recovery-plan", StringComparison.Ordinal)
            .Replace("group: Recovery and resilience", "group: Your organisation's frameworks", StringComparison.Ordinal));

        var imported = await Run("frameworks", "import", path);
        var again = await Run("frameworks", "import", path);
        var json = await Run("frameworks", "export", "our-recovery-plan", "--format", "json");

        imported.ExitCode.ShouldBe(ExitCodes.Success, imported.Error);
        imported.Out.ShouldContain("Imported 'our-recovery-plan'");
        again.Out.ShouldContain("already imported; nothing changed");
        using var doc = JsonDocument.Parse(json.Out);
        doc.RootElement.GetProperty("elements").GetArrayLength().ShouldBe(4);
        (await Run("frameworks", "list")).Out.ShouldContain("our-recovery-plan");
    }

    [Fact]
    public async Task A_file_that_clashes_with_what_is_stored_is_a_conflict_naming_its_line()
    {
        var exported = await Run("frameworks", "export", "four-rs", "--format", "yaml");
        var shippedId = WriteFile("copy.yaml", exported.Out.Replace("group: Recovery and resilience", "group: Your organisation's frameworks", StringComparison.Ordinal));
        var mine = exported.Out.Replace("id: four-rs", "id: our-plan", StringComparison.Ordinal)
            .Replace("group: Recovery and resilience", "group: Your organisation's frameworks", StringComparison.Ordinal);
        var first = WriteFile("plan.yaml", mine);
        var changed = WriteFile("plan-changed.yaml", mine.Replace("name: Reset", "name: Reset at once", StringComparison.Ordinal));

        var takesShippedId = await Run("frameworks", "import", shippedId);
        (await Run("frameworks", "import", first)).ExitCode.ShouldBe(ExitCodes.Success);
        var sameVersionOtherText = await Run("frameworks", "import", changed);

        // Well-formed files whose id or version clashes with what the Observatory holds: conflict (exit 6), not refused input.
        takesShippedId.ExitCode.ShouldBe(ExitCodes.Conflict, takesShippedId.Error);
        takesShippedId.Error.ShouldContain("copy.yaml:1:1: id: 'four-rs' is a framework shipped with the Observatory; choose another id; nothing was changed");
        sameVersionOtherText.ExitCode.ShouldBe(ExitCodes.Conflict, sameVersionOtherText.Error);
        sameVersionOtherText.Error.ShouldContain("plan-changed.yaml:1:1: version:");
        sameVersionOtherText.Error.ShouldContain("was imported before with different content");
        (await Run("frameworks", "export", "our-plan", "--format", "yaml")).Out.ShouldNotContain("Reset at once");
    }

    [Fact]
    public async Task Import_refuses_a_broken_file_and_stores_nothing()
    {
        var path = WriteFile("bad.json", "{\"id\": \"x\", \"name\": \"X\"}");

        var result = await Run("frameworks", "import", path);

        result.ExitCode.ShouldBe(ExitCodes.InputRefused);
        result.Error.ShouldContain("bad.json:1:1: version: is required");
        result.Error.ShouldContain("nothing was changed");
        (await Run("frameworks", "list")).Out.ShouldNotContain(" x ");
    }

    [Fact]
    public async Task Export_writes_a_file_when_asked()
    {
        var path = Path.Combine(_folder, "doughnut.json");

        var result = await Run("frameworks", "export", "doughnut", "--format", "json", "--output", path);

        result.ExitCode.ShouldBe(ExitCodes.Success, result.Error);
        var (read, problems) = FrameworkReader.ReadFramework(path, File.ReadAllText(path), "doughnut", FrameworkOrigin.Shipped);
        problems.ShouldBeEmpty();
        read!.ElementCount.ShouldBe(Shipped.Find("doughnut")!.ElementCount);
    }
}
