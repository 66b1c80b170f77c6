using System.Reflection;
using Observatory.Rendering.Components.GovUk;
using Xunit.Abstractions;

namespace Observatory.Rendering.Tests.Components;

/// <summary>
/// Makes visible how many of GOV.UK Frontend's fixtures each component is compared against, and fails when that
/// changes: a GOV.UK Frontend upgrade that adds fixtures, or a skip entry that no longer matches, needs a look.
/// </summary>
public sealed class GovUkFixtureCoverageTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("skip-link", 9)]
    [InlineData("service-navigation", 33)]
    [InlineData("generic-header", 7)]
    [InlineData("phase-banner", 7)]
    [InlineData("footer", 25)]
    [InlineData("breadcrumbs", 12)]
    [InlineData("back-link", 7)]
    [InlineData("summary-list", 30)]
    [InlineData("table", 21)]
    [InlineData("tag", 12)]
    [InlineData("inset-text", 6)]
    [InlineData("details", 10)]
    [InlineData("warning-text", 8)]
    [InlineData("notification-banner", 21)]
    [InlineData("panel", 19)]
    [InlineData("error-summary", 19)]
    [InlineData("error-message", 9)]
    [InlineData("hint", 6)]
    [InlineData("label", 17)]
    [InlineData("fieldset", 18)]
    [InlineData("input", 45)]
    [InlineData("textarea", 18)]
    [InlineData("select", 19)]
    [InlineData("radios", 43)]
    [InlineData("checkboxes", 42)]
    [InlineData("date-input", 50)]
    [InlineData("file-upload", 22)]
    [InlineData("pagination", 15)]
    [InlineData("button", 38)]
    [InlineData("character-count", 34)]
    public void Fixtures_compared_per_component(string component, int compared)
    {
        var fixtures = GovUkFixtures.Load(component);
        var skipped = GovUkFixtures.SkippedFor(component);
        var actuallyCompared = GovUkFixtures.ComparedNames(component).Count;
        output.WriteLine($"{component}: {actuallyCompared} of {fixtures.Count} fixtures compared, {skipped.Count} skipped");
        foreach (var (name, reason) in skipped)
        {
            output.WriteLine($"  skipped '{name}': {reason}");
        }

        skipped.Keys.ShouldAllBe(name => fixtures.Any(f => f.Name == name), "a skip entry names no fixture");
        actuallyCompared.ShouldBe(compared);
        actuallyCompared.ShouldBeGreaterThanOrEqualTo(fixtures.Count * 9 / 10, "most fixtures must be compared");
    }

    [Fact]
    public void Every_component_has_a_renderer_and_a_fixture_theory()
    {
        var components = GovUkFixtures.Renderers.Keys.ToList();
        var coverageRows = typeof(GovUkFixtureCoverageTests)
            .GetMethod(nameof(Fixtures_compared_per_component))!
            .GetCustomAttributes<InlineDataAttribute>()
            .Select(a => (string)a.GetData(null!).Single()[0])
            .ToList();
        var theories = typeof(GovUkFixtureTests)
            .GetMethods()
            .Select(m => m.GetCustomAttribute<MemberDataAttribute>())
            .Where(a => a is not null)
            .Select(a => (string)a!.Parameters[0])
            .ToList();

        coverageRows.ShouldBe(components, ignoreOrder: true);
        theories.ShouldBe(components, ignoreOrder: true);
        components.Count.ShouldBe(30);
        typeof(GovUk).GetMethods(BindingFlags.Public | BindingFlags.Static).Length.ShouldBe(30);
    }
}
