using System.Reflection;
using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Observatory.Testing;

/// <summary>
/// xUnit as usual, except for tests that need something the machine lacks (PostgreSQL, Chromium — see
/// <see cref="TestEnvironment"/>): on a developer's machine without it they are not run, and each such suite
/// prints one line at the default <c>dotnet test</c> verbosity saying what was skipped and how to run it. With
/// OBSERVATORY_CI=1 nothing is skipped, so a missing server or browser fails the run.
/// </summary>
/// <remarks>
/// The decision is made here, per test case, rather than in a fact attribute, because most PostgreSQL tests are
/// facts inherited from a base class that runs on both databases: only the concrete class says which one it
/// uses. A test needs PostgreSQL when it or its class carries <c>[Trait("Database", "PostgreSQL")]</c> or it is a
/// <see cref="PostgresFactAttribute"/>; it needs Chromium when it is a <see cref="ChromiumFactAttribute"/> or
/// <see cref="ChromiumTheoryAttribute"/>. Each test assembly opts in with
/// <c>[assembly: Xunit.TestFramework("Observatory.Testing.ObservatoryTestFramework", "Observatory.TestSupport")]</c>
/// and <c>xunit.runner.json</c>'s <c>diagnosticMessages</c>, which is how the line reaches the console.
/// Skipped tests are not reported one by one: 77 "Skipped …" lines would bury the one that says why.
/// </remarks>
public sealed class ObservatoryTestFramework(IMessageSink diagnosticMessageSink) : XunitTestFramework(diagnosticMessageSink)
{
    protected override ITestFrameworkExecutor CreateExecutor(AssemblyName assemblyName) =>
        new Executor(assemblyName, SourceInformationProvider, DiagnosticMessageSink);

    private sealed class Executor(AssemblyName assemblyName, ISourceInformationProvider sourceInformation, IMessageSink diagnostics)
        : XunitTestFrameworkExecutor(assemblyName, sourceInformation, diagnostics)
    {
        protected override void RunTestCases(IEnumerable<IXunitTestCase> testCases, IMessageSink executionMessageSink, ITestFrameworkExecutionOptions executionOptions)
        {
            var run = new List<IXunitTestCase>();
            var skipped = new Dictionary<MachineNeed, List<IXunitTestCase>>();
            foreach (var testCase in testCases)
            {
                if (TestEnvironment.Unmet(NeedsOf(testCase)) is { } need)
                {
                    (skipped.TryGetValue(need, out var list) ? list : skipped[need] = []).Add(testCase);
                }
                else
                {
                    run.Add(testCase);
                }
            }
            foreach (var (need, cases) in skipped.OrderBy(s => s.Key))
            {
                var classes = cases.Select(c => c.TestMethod.TestClass.Class.Name.Split('.')[^1]).Distinct().Order(StringComparer.Ordinal).ToList();
                DiagnosticMessageSink.OnMessage(new DiagnosticMessage(TestEnvironment.SkipLine(need, cases.Count, classes)));
            }
            base.RunTestCases(run, executionMessageSink, executionOptions);
        }
    }

    /// <summary>What a test needs beyond the .NET SDK and Node, from its traits and its fact attribute.</summary>
    public static IEnumerable<MachineNeed> NeedsOf(ITestCase testCase)
    {
        if (testCase.Traits.TryGetValue("Database", out var databases) && databases.Contains("PostgreSQL", StringComparer.OrdinalIgnoreCase))
        {
            yield return MachineNeed.PostgreSql;
        }
        foreach (var attribute in testCase.TestMethod.Method.GetCustomAttributes(typeof(FactAttribute)))
        {
            var type = attribute is IReflectionAttributeInfo reflected ? reflected.Attribute.GetType() : null;
            if (type == typeof(PostgresFactAttribute) || type == typeof(PostgresTheoryAttribute))
            {
                yield return MachineNeed.PostgreSql;
            }
            else if (type == typeof(ChromiumFactAttribute) || type == typeof(ChromiumTheoryAttribute))
            {
                yield return MachineNeed.Chromium;
            }
        }
    }
}
