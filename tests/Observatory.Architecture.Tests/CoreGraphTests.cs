using NetArchTest.Rules;

namespace Observatory.Architecture.Tests;

/// <summary>Core's folders depend on each other only along the graph docs/architecture.md draws, and it has no cycle.</summary>
public sealed class CoreGraphTests
{
    public static TheoryData<string> Folders => [.. CoreGraph.Folders];

    [Theory]
    [MemberData(nameof(Folders))]
    public void A_folder_uses_only_the_folders_the_graph_allows(string folder)
    {
        var allowed = CoreGraph.MayUse(folder);
        var forbidden = CoreGraph.Folders.Where(f => f != folder && !allowed.Contains(f)).Select(f => $"Observatory.{f}").ToArray();
        if (forbidden.Length == 0)
        {
            return;
        }

        Types.InAssembly(Assemblies.Core).That().ResideInNamespaceMatching(Assemblies.Within($"Observatory.{folder}"))
            .ShouldNot().HaveDependencyOnAny(forbidden).GetResult()
            .ShouldPass($"{folder} may use only {(allowed.Count == 0 ? "no other folder" : string.Join(", ", allowed.Order(StringComparer.Ordinal)))}");
    }

    [Fact]
    public void Storage_depends_on_no_capability()
    {
        var capabilities = CoreGraph.Folders.Where(f => f is not ("Storage" or "Content")).Select(f => $"Observatory.{f}").ToArray();

        Types.InAssembly(Assemblies.Core).That().ResideInNamespaceMatching(Assemblies.Within("Observatory.Storage"))
            .ShouldNot().HaveDependencyOnAny(capabilities).GetResult()
            .ShouldPass("Storage knows no capability: each declares its own sets, mappings, seeders and interceptors");
    }

    [Fact]
    public void Every_namespace_of_core_is_a_folder_of_the_graph()
    {
        var namespaces = Assemblies.Core.GetTypes()
            .Select(t => t.Namespace)
            .OfType<string>()
            .Where(ns => ns.StartsWith("Observatory.", StringComparison.Ordinal))
            .Select(ns => ns.Split('.')[1])
            .Distinct()
            .Order(StringComparer.Ordinal);

        namespaces.ShouldBe(CoreGraph.Folders.Order(StringComparer.Ordinal), "a new folder of Core is drawn in docs/architecture.md and listed in CoreGraph");
    }

    [Fact]
    public void The_graph_has_no_cycle()
    {
        foreach (var folder in CoreGraph.Folders)
        {
            CoreGraph.MayUse(folder).ShouldNotContain(folder, $"{folder} reaches itself");
        }
    }

    [Fact]
    public void The_page_draws_exactly_the_graph_the_tests_enforce()
    {
        var page = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "docs", "architecture.md"));

        var drawn = CoreGraph.ReadFromPage(page);

        drawn.Keys.Order(StringComparer.Ordinal).ShouldBe(CoreGraph.Folders.Order(StringComparer.Ordinal));
        foreach (var (folder, arrows) in CoreGraph.Arrows)
        {
            drawn[folder].ShouldBe(arrows.Order(StringComparer.Ordinal).ToArray(), $"the arrows from {folder}");
        }
    }
}
