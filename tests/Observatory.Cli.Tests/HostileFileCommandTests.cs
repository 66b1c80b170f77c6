using Observatory.Content;
using Observatory.Frameworks;
using Observatory.Testing;

namespace Observatory.Cli.Tests;

/// <summary>
/// The command line's framework and evidence imports (and validate) refuse the files built to take a process down, with
/// the file and the limit and exit code 3, and store nothing; a file larger than a framework may be is not read whole.
/// </summary>
public sealed class HostileFileCommandTests : CommandFileTests
{
    public static TheoryData<string> HostileFiles() => [.. HostileInputs.Frameworks().Select(f => f.Name)];

    [Theory]
    [MemberData(nameof(HostileFiles))]
    public async Task A_hostile_framework_file_is_refused_by_import_and_validate(string name)
    {
        var (_, fileName, text) = HostileInputs.Frameworks().Single(f => f.Name == name);
        var path = WriteFile(fileName, text);

        var import = await Run("frameworks", "import", path);
        var validate = await Run("frameworks", "validate", path);

        import.ExitCode.ShouldBe(ExitCodes.InputRefused, import.Error);
        import.Error.ShouldStartWith(fileName);
        import.Error.ShouldContain("nothing was changed");
        validate.ExitCode.ShouldBe(ExitCodes.InputRefused, validate.Error);
        (await Run("frameworks", "list")).Out.ShouldNotContain("Hostile");
    }

    [Fact]
    public async Task A_framework_file_larger_than_a_framework_may_be_is_refused()
    {
        var path = WriteFile("large.yaml", HostileInputs.FrameworkHeader + "# " + new string('x', ImportedFramework.MaxContentLength) + "\nelements: []\n");

        var result = await Run("frameworks", "import", path);

        result.ExitCode.ShouldBe(ExitCodes.InputRefused, result.Error);
        result.Error.ShouldContain($"longer than {ImportedFramework.MaxContentLength:N0} characters");
    }

    [Theory]
    [InlineData("loop.yaml", "refers to a node that contains it")]
    [InlineData("deep.yaml", "levels deep")]
    public async Task A_hostile_evidence_file_is_refused(string fileName, string limit)
    {
        var text = fileName == "loop.yaml"
            ? HostileInputs.RecursiveAliasEvidence()
            : "id: hostile\nname: Hostile\ndescription: Deep.\nitems: " + new string('[', 100_000) + new string(']', 100_000) + "\n";
        var path = WriteFile(fileName, text);

        var result = await Run("evidence", "import", path);

        result.ExitCode.ShouldBe(ExitCodes.InputRefused, result.Error);
        result.Error.ShouldStartWith(fileName);
        result.Error.ShouldContain(limit);
        result.Error.Length.ShouldBeLessThan(InputLimits.MaxProblems * 400);
    }
}
