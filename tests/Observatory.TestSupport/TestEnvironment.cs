using Xunit;

namespace Observatory.Testing;

/// <summary>
/// What the test machine offers. Suites that need PostgreSQL or Chromium skip with a reason on a developer's
/// machine without them, and fail instead of skipping in CI (OBSERVATORY_CI=1), so CI can never pass by skipping.
/// </summary>
public static class TestEnvironment
{
    public static bool IsCi => Environment.GetEnvironmentVariable("OBSERVATORY_CI") == "1";

    /// <summary>A connection string to a PostgreSQL server where tests may create and drop databases.</summary>
    public static string? PostgresConnectionString => Environment.GetEnvironmentVariable("OBSERVATORY_TEST_POSTGRES") is { Length: > 0 } cs ? cs : null;

    public static string ChromiumPath => Environment.GetEnvironmentVariable("OBSERVATORY_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    /// <summary>Null when PostgreSQL tests can run (or must, in CI); otherwise why they are skipped.</summary>
    public static string? PostgresSkipReason =>
        PostgresConnectionString is not null || IsCi
            ? null
            : "PostgreSQL tests skipped: set OBSERVATORY_TEST_POSTGRES to a connection string (e.g. Host=localhost;Username=postgres;Password=postgres) to run them.";

    public static string? ChromiumSkipReason =>
        File.Exists(ChromiumPath) || IsCi
            ? null
            : $"Browser tests skipped: Chromium not found at {ChromiumPath} (apt-get install -y chromium, or set OBSERVATORY_CHROMIUM).";

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

/// <summary>A fact that needs a PostgreSQL server.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute() => Skip = TestEnvironment.PostgresSkipReason;
}

public sealed class PostgresTheoryAttribute : TheoryAttribute
{
    public PostgresTheoryAttribute() => Skip = TestEnvironment.PostgresSkipReason;
}

/// <summary>A fact that needs Chromium.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute() => Skip = TestEnvironment.ChromiumSkipReason;
}

public sealed class ChromiumTheoryAttribute : TheoryAttribute
{
    public ChromiumTheoryAttribute() => Skip = TestEnvironment.ChromiumSkipReason;
}
