using Xunit;

namespace Observatory.Testing;

/// <summary>
/// What the test machine offers. Suites that need PostgreSQL or Chromium skip on a developer's machine without
/// them, each with one line saying what and how to run it (<see cref="ObservatoryTestFramework"/>), and fail
/// instead of skipping in CI (OBSERVATORY_CI=1), so CI can never pass by skipping.
/// </summary>
public static class TestEnvironment
{
    public static bool IsCi => Environment.GetEnvironmentVariable("OBSERVATORY_CI") == "1";

    /// <summary>A connection string to a PostgreSQL server where tests may create and drop databases.</summary>
    public static string? PostgresConnectionString => Environment.GetEnvironmentVariable("OBSERVATORY_TEST_POSTGRES") is { Length: > 0 } cs ? cs : null;

    public static string ChromiumPath => Environment.GetEnvironmentVariable("OBSERVATORY_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    /// <summary>Null when PostgreSQL tests can run (or must, in CI); otherwise why they are skipped.</summary>
    public static string? PostgresSkipReason =>
        PostgresConnectionString is not null || IsCi ? null : "OBSERVATORY_TEST_POSTGRES is not set";

    public static string? ChromiumSkipReason =>
        File.Exists(ChromiumPath) || IsCi ? null : $"Chromium is not at {ChromiumPath}";

    /// <summary>The first of <paramref name="needs"/> this machine cannot meet, or null when the tests can run.</summary>
    public static MachineNeed? Unmet(IEnumerable<MachineNeed> needs) =>
        needs.Cast<MachineNeed?>().FirstOrDefault(need => need switch
        {
            MachineNeed.PostgreSql => PostgresSkipReason is not null,
            MachineNeed.Chromium => ChromiumSkipReason is not null,
            _ => false,
        });

    /// <summary>The one line a skipped suite prints: what was skipped, why, and how to run it.</summary>
    public static string SkipLine(MachineNeed need, int tests, IReadOnlyCollection<string> classes)
    {
        var what = $"{tests} {(tests == 1 ? "test" : "tests")} in {string.Join(", ", classes)}: {(tests == 1 ? "it needs" : "they need")}";
        return need switch
        {
            MachineNeed.PostgreSql =>
                $"Skipped {what} PostgreSQL and {PostgresSkipReason}. To run them, set it to a server where tests may create databases, e.g. OBSERVATORY_TEST_POSTGRES=\"Host=localhost;Username=postgres;Password=postgres\" dotnet test",
            MachineNeed.Chromium =>
                $"Skipped {what} Chromium and {ChromiumSkipReason}. To run them, install it (apt-get install chromium) or set OBSERVATORY_CHROMIUM to its path, then dotnet test",
            _ => $"Skipped {what} {need}.",
        };
    }

    /// <summary>The repository root (holding Observatory.slnx), for node_modules and docs.</summary>
    public static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Observatory.slnx")))
                {
                    return dir.FullName;
                }
            }
            throw new InvalidOperationException("Could not find the repository root (Observatory.slnx) above " + AppContext.BaseDirectory);
        }
    }
}

/// <summary>What a suite needs from the machine beyond the .NET SDK and Node.</summary>
public enum MachineNeed
{
    PostgreSql,
    Chromium,
}

// The attributes below only mark what a test needs; ObservatoryTestFramework decides whether it runs, so that
// a machine without the server or browser prints one line per suite rather than one per test.

/// <summary>A fact that needs a PostgreSQL server.</summary>
public sealed class PostgresFactAttribute : FactAttribute;

public sealed class PostgresTheoryAttribute : TheoryAttribute;

/// <summary>A fact that needs Chromium.</summary>
public sealed class ChromiumFactAttribute : FactAttribute;

public sealed class ChromiumTheoryAttribute : TheoryAttribute;
