using System.Diagnostics.CodeAnalysis;
using Observatory.Content;

namespace Observatory.Outcomes;

/// <summary>
/// The expected ways a request can be turned down. Each host maps them in one place: problem details for the
/// API, the GOV.UK error summary (or an error page) for pages, an exit code for the command line.
/// </summary>
public enum RefusalKind
{
    /// <summary>The input is wrong; the problems say where (file, line, field) and what. 400.</summary>
    Invalid,

    /// <summary>The actor may not do this (or must sign in first). 403.</summary>
    Forbidden,

    /// <summary>The thing asked for does not exist, or the actor may not know that it does. 404.</summary>
    NotFound,

    /// <summary>The request is valid but clashes with the current state: an edit made on an old version, a step the
    /// workflow does not allow now, a name already taken. 409.</summary>
    Conflict,
}

/// <summary>
/// Why a service did not do what it was asked. Services return a refusal rather than throw one: exceptions are for
/// faults nobody expects (a lost connection, a bug), never for a wrong password or an item someone may not edit.
/// </summary>
public sealed record Refusal(RefusalKind Kind, string Message, IReadOnlyList<ContentProblem> Problems)
{
    /// <summary>Input refused because of one field of a form or request.</summary>
    public static Refusal Invalid(string field, string message) =>
        new(RefusalKind.Invalid, message, [new ContentProblem("", 0, 0, field, message)]);

    /// <summary>Input refused with every problem found (file, line and field in each); at least one.</summary>
    public static Refusal Invalid(IReadOnlyList<ContentProblem> problems) =>
        problems.Count == 0
            ? throw new ArgumentException("An invalid outcome names at least one problem.", nameof(problems))
            : new(RefusalKind.Invalid, ContentProblem.Describe(problems), problems);

    public static Refusal Forbidden(string message) => new(RefusalKind.Forbidden, message, []);

    public static Refusal NotFound(string message) => new(RefusalKind.NotFound, message, []);

    /// <summary>A clash with the current state; <paramref name="field"/> names the form field to mark, if any.</summary>
    public static Refusal Conflict(string message, string? field = null) =>
        new(RefusalKind.Conflict, message, field is null ? [] : [new ContentProblem("", 0, 0, field, message)]);

    /// <summary>A clash with the current state found in a file (an id already taken): the problem names file, line and field.</summary>
    public static Refusal Conflict(ContentProblem problem) => new(RefusalKind.Conflict, problem.ToString(), [problem]);
}

/// <summary>What a service did: a value, or a <see cref="Refusal"/> saying why not.</summary>
/// <remarks>
/// A service returns <c>Outcome&lt;T&gt;</c> and writes <c>return value;</c> or <c>return Refusal.NotFound("…");</c>
/// (both convert implicitly; use <see cref="Outcome.Success{T}"/> when <typeparamref name="T"/> is an interface).
/// A caller branches once: <c>if (!outcome.Succeeded(out var value, out var refusal)) return refusal.ToProblem();</c>
/// </remarks>
public readonly struct Outcome<T>
{
    private readonly T? _value;

    internal Outcome(T? value, Refusal? refusal)
    {
        _value = value;
        Refusal = refusal;
    }

    /// <summary>Why the request was turned down; null when it succeeded.</summary>
    public Refusal? Refusal { get; }

    public bool IsSuccess => Refusal is null;

    /// <summary>The value of a successful outcome; reading it from a refusal is a bug in the caller.</summary>
    public T Value => Refusal is null
        ? _value!
        : throw new InvalidOperationException($"The outcome was refused ({Refusal.Kind}): {Refusal.Message}");

    /// <summary>The value and true, or the refusal and false.</summary>
    public bool Succeeded([MaybeNullWhen(false)] out T value, [MaybeNullWhen(true)] out Refusal refusal)
    {
        value = _value;
        refusal = Refusal;
        return Refusal is null;
    }

    /// <summary>The same refusal, or the value mapped.</summary>
    public Outcome<TOther> Map<TOther>(Func<T, TOther> map) => Refusal is null ? new(map(_value!), null) : new(default, Refusal);

    public static implicit operator Outcome<T>(T value) => new(value, null);

    public static implicit operator Outcome<T>(Refusal refusal) => new(default, refusal ?? throw new ArgumentNullException(nameof(refusal)));

    public override string ToString() => Refusal is null ? $"Success: {_value}" : $"{Refusal.Kind}: {Refusal.Message}";
}

/// <summary>What a service did when there is no value to give back: done, or a <see cref="Refusal"/>.</summary>
public readonly struct Outcome
{
    private Outcome(Refusal? refusal) => Refusal = refusal;

    /// <summary>Done, nothing refused.</summary>
    public static Outcome Done => default;

    public Refusal? Refusal { get; }

    public bool IsSuccess => Refusal is null;

    /// <summary>True when done; otherwise false with the refusal.</summary>
    public bool Succeeded([MaybeNullWhen(true)] out Refusal refusal)
    {
        refusal = Refusal;
        return Refusal is null;
    }

    /// <summary>A successful outcome carrying <paramref name="value"/> (for interface types, which cannot convert implicitly).</summary>
    public static Outcome<T> Success<T>(T value) => new(value, null);

    public static implicit operator Outcome(Refusal refusal) => new(refusal ?? throw new ArgumentNullException(nameof(refusal)));

    public override string ToString() => Refusal is null ? "Done" : $"{Refusal.Kind}: {Refusal.Message}";
}
