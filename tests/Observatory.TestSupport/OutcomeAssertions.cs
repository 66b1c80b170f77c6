using Observatory.Outcomes;
using Xunit;

namespace Observatory.Testing;

/// <summary>
/// What a test expects of a service's <see cref="Outcome{T}"/>: that it succeeded (and its value), or that it was
/// refused for the reason given — the kind, and where it matters the field and words a person is shown.
/// </summary>
public static class OutcomeAssertions
{
    public static T ShouldSucceed<T>(this Outcome<T> outcome)
    {
        if (outcome.Refusal is { } refusal)
        {
            Assert.Fail($"Expected success, but it was refused: {Describe(refusal)}");
        }
        return outcome.Value;
    }

    public static void ShouldSucceed(this Outcome outcome)
    {
        if (outcome.Refusal is { } refusal)
        {
            Assert.Fail($"Expected success, but it was refused: {Describe(refusal)}");
        }
    }

    public static async Task<T> ShouldSucceed<T>(this Task<Outcome<T>> outcome) => (await outcome).ShouldSucceed();

    public static async Task ShouldSucceed(this Task<Outcome> outcome) => (await outcome).ShouldSucceed();

    /// <param name="field">The field the refusal names (one of its problems'), when given.</param>
    /// <param name="message">Words the refusal's message or one of its problems contains, when given.</param>
    public static Refusal ShouldBeRefused<T>(this Outcome<T> outcome, RefusalKind kind, string? field = null, string? message = null) =>
        Check(outcome.Refusal, kind, field, message);

    public static Refusal ShouldBeRefused(this Outcome outcome, RefusalKind kind, string? field = null, string? message = null) =>
        Check(outcome.Refusal, kind, field, message);

    private static Refusal Check(Refusal? refusal, RefusalKind kind, string? field, string? message)
    {
        if (refusal is null)
        {
            Assert.Fail($"Expected a refusal ({kind}), but it succeeded.");
        }
        Assert.True(refusal.Kind == kind, $"Expected {kind}, but it was refused as {Describe(refusal)}");
        if (field is not null)
        {
            Assert.True(refusal.Problems.Any(p => p.Field == field), $"Expected a problem with the field '{field}', but it was refused as {Describe(refusal)}");
        }
        if (message is not null)
        {
            Assert.True(refusal.Message.Contains(message, StringComparison.Ordinal) || refusal.Problems.Any(p => p.Message.Contains(message, StringComparison.Ordinal)),
                $"Expected the words \"{message}\", but it was refused as {Describe(refusal)}");
        }
        return refusal;
    }

    private static string Describe(Refusal refusal) =>
        $"{refusal.Kind}: {refusal.Message}" + (refusal.Problems.Count == 0 ? "" : $" [{string.Join("; ", refusal.Problems.Select(p => $"{p.Field}: {p.Message}"))}]");
}
