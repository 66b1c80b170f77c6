// Suites that need PostgreSQL or Chromium skip with one line each where the machine lacks them, and fail in CI.
[assembly: Xunit.TestFramework("Observatory.Testing.ObservatoryTestFramework", "Observatory.TestSupport")]
