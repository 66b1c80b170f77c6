using System.Reflection;
using NetArchTest.Rules;

namespace Observatory.Architecture.Tests;

/// <summary>The Observatory's assemblies as the rules read them, and how a failure is told.</summary>
internal static class Assemblies
{
    public static readonly Assembly Core = typeof(ObservatoryCore).Assembly;

    public static readonly Assembly Rendering = typeof(Rendering.RenderingSetup).Assembly;

    public static readonly Assembly Web = typeof(Web.Setup.ObservatoryWebApp).Assembly;

    /// <summary>The types of a namespace and those beneath it (NetArchTest's own test is exact).</summary>
    public static string Within(string ns) => "^" + ns.Replace(".", "\\.", StringComparison.Ordinal) + "(\\.|$)";

    /// <summary>Passes, or fails naming each type that breaks the rule and what it uses.</summary>
    public static void ShouldPass(this TestResult result, string rule)
    {
        (result.SelectedTypesForTesting?.Count ?? 0).ShouldBeGreaterThan(0, $"{rule}: the rule selected no type, so it could not fail");
        var failing = result.FailingTypes ?? [];
        result.IsSuccessful.ShouldBeTrue(
            $"{rule}, but {failing.Count} type(s) do not:\n" + string.Join("\n", failing.Select(t => $"  {t.FullName}: {t.Explanation}")));
    }
}
