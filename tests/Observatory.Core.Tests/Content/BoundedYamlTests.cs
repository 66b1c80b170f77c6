using Observatory.Content;
using Observatory.Evidence;
using Observatory.Frameworks;
using Observatory.Testing;

namespace Observatory.Tests.Content;

/// <summary>
/// Every YAML or JSON file is read within bounds (depth, nodes, aliases, size): a file built to exhaust the stack or
/// the memory is refused with its line and the limit it broke, before any reader recurses into it.
/// </summary>
public sealed class BoundedYamlTests
{
    /// <summary>Reads on a thread of its own with a deadline, so a reader that never ends fails the test rather than hanging the run.</summary>
    private static T Within<T>(Func<T> read, int seconds = 20)
    {
        var task = Task.Run(read);
        task.Wait(TimeSpan.FromSeconds(seconds)).ShouldBeTrue($"reading took more than {seconds} s");
        return task.Result;
    }

    private static (Framework? Framework, IReadOnlyList<ContentProblem> Problems, long Allocated) ReadWithin(string file, string text) =>
        Within(() =>
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var (framework, problems) = FrameworkReader.ReadFramework(file, text, expectedId: null, FrameworkOrigin.Imported);
            return (framework, problems, GC.GetAllocatedBytesForCurrentThread() - before);
        });

    [Fact]
    public void A_recursive_alias_is_refused_at_the_alias()
    {
        var (framework, problems, _) = ReadWithin("loop.yaml", HostileInputs.RecursiveAliasFramework());

        framework.ShouldBeNull();
        var problem = problems.ShouldHaveSingleItem();
        problem.File.ShouldBe("loop.yaml");
        problem.Line.ShouldBe(15);
        problem.Message.ShouldContain("refers to a node that contains it");
    }

    [Fact]
    public void Lists_nested_100000_deep_are_refused_at_the_limit()
    {
        var (framework, problems, _) = ReadWithin("lists.yaml", HostileInputs.NestedSequences());

        framework.ShouldBeNull();
        var problem = problems.ShouldHaveSingleItem();
        problem.Line.ShouldBe(10);
        problem.Message.ShouldContain($"more than {InputLimits.MaxDepth} levels deep");
    }

    [Fact]
    public void Mappings_nested_a_megabyte_deep_are_refused_at_the_limit()
    {
        var (framework, problems, _) = ReadWithin("mappings.yaml", HostileInputs.NestedMappings());

        framework.ShouldBeNull();
        problems.ShouldHaveSingleItem().Message.ShouldContain($"more than {InputLimits.MaxDepth} levels deep");
    }

    [Fact]
    public void Json_children_nested_20000_deep_are_refused_at_the_limit()
    {
        var (framework, problems, _) = ReadWithin("children.json", HostileInputs.JsonChildren());

        framework.ShouldBeNull();
        var problem = problems.ShouldHaveSingleItem();
        problem.Line.ShouldBe(1);
        problem.Message.ShouldContain($"more than {InputLimits.MaxDepth} levels deep");
    }

    [Fact]
    public void An_alias_bomb_is_refused_quickly_without_growing()
    {
        var text = HostileInputs.AliasBomb();
        text.Length.ShouldBeLessThan(2_000);

        var (framework, problems, allocated) = ReadWithin("bomb.yaml", text);

        framework.ShouldBeNull();
        problems.ShouldHaveSingleItem().Message.ShouldContain($"more than {InputLimits.MaxNodes:N0} nodes");
        allocated.ShouldBeLessThan(50_000_000);
    }

    [Fact]
    public void Aliases_within_the_limits_are_read_as_the_nodes_they_stand_for()
    {
        var text = HostileInputs.FrameworkHeader + """
            elements:
              - id: a
                name: A
                kind: theme
                description: &same The same words.
                key-themes: &themes [One, Two]
              - id: b
                name: B
                kind: theme
                description: *same
                key-themes: *themes
            """;

        var (framework, problems, _) = ReadWithin("aliases.yaml", text);

        problems.ShouldBeEmpty();
        framework!.FindElement("b")!.Description.ShouldBe("The same words.");
        framework.FindElement("b")!.Lists.Single().Items.ShouldBe(["One", "Two"]);
    }

    [Theory]
    [InlineData(200, false)]
    [InlineData(6_001, true)]
    public void Elements_nested_deeper_than_the_documents_limit_are_refused(int depth, bool json)
    {
        var (framework, problems, _) = ReadWithin(json ? "deep.json" : "deep.yaml", HostileInputs.DeepFramework(depth, json));

        framework.ShouldBeNull();
        problems.ShouldHaveSingleItem().Message.ShouldContain($"more than {InputLimits.MaxDepth} levels deep");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Elements_nested_deeper_than_a_frameworks_limit_are_refused_at_the_first_too_deep(bool json)
    {
        var depth = FrameworkReader.MaxElementDepth + 1;
        var (framework, problems, _) = ReadWithin(json ? "deep.json" : "deep.yaml", HostileInputs.DeepFramework(depth, json));

        framework.ShouldBeNull();
        var problem = problems.ShouldHaveSingleItem();
        problem.Message.ShouldContain($"at most {FrameworkReader.MaxElementDepth} levels");
        problem.Field.ShouldEndWith("children");
    }

    [Fact]
    public void Elements_nested_to_a_frameworks_limit_are_read_and_written_back()
    {
        var (framework, problems, _) = ReadWithin("deep.yaml", HostileInputs.DeepFramework(FrameworkReader.MaxElementDepth));

        problems.ShouldBeEmpty();
        framework!.FindElement($"level-{FrameworkReader.MaxElementDepth}")!.Parent!.Id.ShouldBe($"level-{FrameworkReader.MaxElementDepth - 1}");
        FrameworkReader.ReadFramework("again.json", FrameworkWriter.ToJson(framework), null, FrameworkOrigin.Imported).Problems.ShouldBeEmpty();
    }

    [Fact]
    public void A_document_with_more_nodes_than_the_limit_is_refused()
    {
        var text = HostileInputs.FrameworkHeader + "elements: [" + string.Join(",", Enumerable.Repeat("1", InputLimits.MaxNodes)) + "]\n";

        var (framework, problems, _) = ReadWithin("many.yaml", text);

        framework.ShouldBeNull();
        problems.ShouldHaveSingleItem().Message.ShouldContain($"more than {InputLimits.MaxNodes:N0} nodes");
    }

    [Fact]
    public void A_document_larger_than_the_limit_is_refused_before_it_is_parsed()
    {
        var text = HostileInputs.FrameworkHeader + "# " + new string('x', InputLimits.MaxYamlLength) + "\n";

        var doc = YamlFile.Parse("large.yaml", text);

        doc.Root.ShouldBeNull();
        doc.Problems.ShouldHaveSingleItem().Message.ShouldContain($"at most {InputLimits.MaxYamlLength:N0} characters");
    }

    [Fact]
    public void A_value_longer_than_the_limit_is_refused_with_its_line()
    {
        var text = HostileInputs.FrameworkHeader.Replace("summary: A file built to break the reader.", "summary: " + new string('x', InputLimits.MaxScalarLength + 1), StringComparison.Ordinal)
            + "elements: []\n";

        var doc = YamlFile.Parse("long.yaml", text);

        var problem = doc.Problems.ShouldHaveSingleItem();
        problem.Line.ShouldBe(6);
        problem.Message.ShouldContain($"at most {InputLimits.MaxScalarLength:N0} characters");
        problem.Message.Length.ShouldBeLessThan(300);
    }

    [Theory]
    [InlineData("\\0", "U+0000")]
    [InlineData("\\x07", "U+0007")]
    [InlineData("\\e", "U+001B")]
    public void A_value_holding_a_control_character_is_refused_with_its_line(string escape, string shown)
    {
        var text = HostileInputs.FrameworkHeader.Replace("name: Hostile", $"name: \"Host{escape}ile\"", StringComparison.Ordinal) + "elements: []\n";

        var doc = YamlFile.Parse("control.yaml", text);

        var problem = doc.Problems.ShouldHaveSingleItem();
        problem.Line.ShouldBe(2);
        problem.Message.ShouldContain(shown);
    }

    [Fact]
    public void Problems_are_capped_so_a_file_of_mistakes_cannot_make_a_huge_answer()
    {
        var keys = string.Concat(Enumerable.Range(0, 5_000).Select(i => $"unknown-key-{i}: x\n"));
        var text = HostileInputs.FrameworkHeader + keys + "elements: []\n";

        var (framework, problems, _) = ReadWithin("keys.yaml", text);

        framework.ShouldBeNull();
        problems.Count.ShouldBe(InputLimits.MaxProblems + 1);
        problems[^1].Message.ShouldContain("more problems");
        string.Join("\n", problems).Length.ShouldBeLessThan(100_000);
    }

    [Fact]
    public void A_recursive_alias_in_an_evidence_file_is_refused()
    {
        var read = Within(() => EvidenceReader.Read("loop.yaml", HostileInputs.RecursiveAliasEvidence(), null, _ => true, _ => true, requireSource: false));

        read.Collection.ShouldBeNull();
        read.Problems.ShouldHaveSingleItem().Message.ShouldContain("refers to a node that contains it");
    }

    [Fact]
    public void Lists_nested_100000_deep_in_an_evidence_file_are_refused()
    {
        var text = "id: hostile\nname: Hostile\ndescription: Deep.\nitems: " + new string('[', 100_000) + new string(']', 100_000) + "\n";
        var read = Within(() => EvidenceReader.Read("deep.yaml", text, null, _ => true, _ => true, requireSource: false));

        read.Collection.ShouldBeNull();
        var problem = read.Problems.ShouldHaveSingleItem();
        problem.Line.ShouldBe(4);
        problem.Message.ShouldContain($"more than {InputLimits.MaxDepth} levels deep");
    }

    [Fact]
    public void A_long_value_is_quoted_by_a_short_prefix_only()
    {
        var id = new string('a', 50_000);
        var text = HostileInputs.FrameworkHeader.Replace("id: hostile", $"id: {id}X", StringComparison.Ordinal) + "elements: []\n";

        var (framework, problems, _) = ReadWithin("id.yaml", text);

        framework.ShouldBeNull();
        problems.ShouldNotBeEmpty();
        problems.ShouldAllBe(p => p.Message.Length < 300);
        problems.ShouldContain(p => p.Field == "id");
    }
}
