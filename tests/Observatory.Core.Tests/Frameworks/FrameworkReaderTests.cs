using Observatory.Frameworks;

namespace Observatory.Core.Tests.Frameworks;

public sealed class FrameworkReaderTests
{
    private const string Valid = """
        id: borough-manifesto
        name: Borough manifesto
        version: "2017"
        publisher: London Borough of Barking and Dagenham
        group: Your organisation's frameworks
        summary: The borough's shared vision and its targets.
        source:
          - file: manifesto.pdf
            section: Targets
        elements:
          - id: people
            name: People
            kind: theme
            description: Everyone is safe and well.
            key-themes: [Health, Safety]
            children:
              - id: healthy-life
                name: Healthy life expectancy above London average
                kind: target
                description: By 2037.
        """;

    [Fact]
    public void Reads_a_valid_framework_with_its_tree()
    {
        var (framework, problems) = FrameworkReader.ReadFramework("manifesto.yaml", Valid, null, FrameworkOrigin.Imported);

        problems.ShouldBeEmpty();
        framework.ShouldNotBeNull();
        framework.ElementCount.ShouldBe(2);
        var target = framework.FindElement("healthy-life").ShouldNotBeNull();
        target.Parent!.Id.ShouldBe("people");
        target.FrameworkId.ShouldBe("borough-manifesto");
        framework.FindElement("people")!.Lists.Single().Items.ShouldBe(["Health", "Safety"]);
    }

    [Fact]
    public void Reads_the_same_framework_written_as_json()
    {
        var yaml = FrameworkReader.ReadFramework("m.yaml", Valid, null, FrameworkOrigin.Imported).Framework!;
        var json = FrameworkWriter.ToJson(yaml);

        var (fromJson, problems) = FrameworkReader.ReadFramework("m.json", json, null, FrameworkOrigin.Imported);

        problems.ShouldBeEmpty();
        FrameworkWriter.ToYaml(fromJson!).ShouldBe(FrameworkWriter.ToYaml(yaml));
    }

    [Theory]
    [InlineData("  - id: people\n    name: People\n    kind: theme\n    description: x\n    colour: red", 15, "elements[0].colour", "unknown key 'colour'")]
    [InlineData("  - id: People\n    name: People\n    kind: theme\n    description: x", 11, "elements[0].id", "lower-case")]
    [InlineData("  - id: people\n    name: People\n    kind: theme", 11, "elements[0].description", "is required")]
    [InlineData("  - id: a\n    name: A\n    kind: k\n    description: x\n  - id: a\n    name: B\n    kind: k\n    description: y", 15, "elements[1].id", "used twice (first at line 11)")]
    public void Refuses_a_broken_element_naming_its_line_and_field(string elements, int line, string field, string message)
    {
        var text = Valid[..Valid.IndexOf("elements:", StringComparison.Ordinal)] + "elements:\n" + elements + "\n";

        var (framework, problems) = FrameworkReader.ReadFramework("manifesto.yaml", text, null, FrameworkOrigin.Imported);

        framework.ShouldBeNull();
        var problem = problems.ShouldHaveSingleItem();
        problem.File.ShouldBe("manifesto.yaml");
        problem.Line.ShouldBe(line);
        problem.Field.ShouldBe(field);
        problem.Message.ShouldContain(message);
    }

    [Fact]
    public void Refuses_text_that_is_not_yaml_with_the_line_of_the_fault()
    {
        var (framework, problems) = FrameworkReader.ReadFramework("broken.yaml", "id: x\nname: [unclosed\nversion: 1\n", null, FrameworkOrigin.Imported);

        framework.ShouldBeNull();
        var problem = problems.ShouldHaveSingleItem();
        problem.Message.ShouldStartWith("is not valid YAML");
        problem.Line.ShouldBeGreaterThanOrEqualTo(2);
        problem.ToString().ShouldStartWith($"broken.yaml:{problem.Line}:");
    }

    [Fact]
    public void A_shipped_file_must_be_named_after_its_id_and_cite_a_known_source()
    {
        var (_, problems) = FrameworkReader.ReadFramework("data/frameworks/other.yaml", Valid, "other", FrameworkOrigin.Shipped);

        problems.ShouldContain(p => p.Field == "id" && p.Message.Contains("must equal the file name 'other'"));
        problems.ShouldContain(p => p.Field == "source[0].file" && p.Message.Contains("not a known source document") && p.Line == 8);
    }
}
