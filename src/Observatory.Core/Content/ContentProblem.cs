namespace Observatory.Content;

/// <summary>
/// One thing wrong with a piece of input: a data file at start-up, an uploaded import, a form.
/// Every problem names where it is, so a person can open the file and fix it.
/// </summary>
public sealed record ContentProblem(string File, int Line, int Column, string Field, string Message)
{
    /// <summary>"file:line:column: field: message" — the form editors and compilers use, so tools can jump to it.</summary>
    public override string ToString()
    {
        var where = Line > 0 ? $"{File}:{Line}{(Column > 0 ? $":{Column}" : "")}" : File;
        return string.IsNullOrEmpty(Field) ? $"{where}: {Message}" : $"{where}: {Field}: {Message}";
    }

    /// <summary>One line for a list of problems: the problem itself, or "N problems: " and the first twenty.</summary>
    public static string Describe(IReadOnlyList<ContentProblem> problems) =>
        problems.Count switch
        {
            0 => "The input was refused.",
            1 => problems[0].ToString(),
            _ => $"{problems.Count} problems: " + string.Join("; ", problems.Take(20)) + (problems.Count > 20 ? "; …" : ""),
        };
}

/// <summary>
/// Raised when content the Observatory ships (its <c>data/</c> folder, read at start-up) is wrong: a fault of the
/// installation, not something a person did, so start-up stops and names every problem (file, line, field) for
/// whoever fixes the files. Input from people — an upload, a form, a file given to the command line — is never
/// refused this way: services return an <c>Outcome</c> with a <c>Refusal</c> (Outcomes/Outcome.cs).
/// </summary>
public sealed class ContentValidationException : Exception
{
    public ContentValidationException(IReadOnlyList<ContentProblem> problems)
        : base(ContentProblem.Describe(problems))
    {
        Problems = problems;
    }

    public IReadOnlyList<ContentProblem> Problems { get; }
}
