using System.Globalization;
using System.Text;
using Observatory.Content;
using Observatory.Outcomes;

namespace Observatory.Cli;

/// <summary>Files named on the command line, read within the bounds the Observatory holds every input to.</summary>
public static class InputFiles
{
    /// <summary>
    /// The text of a file of at most <paramref name="maxLength"/> characters, read no further than one character past
    /// it: a longer file is refused (invalid, naming the file) without being held in memory whole.
    /// </summary>
    public static async Task<Outcome<string>> ReadTextAsync(string path, int maxLength, CancellationToken cancellationToken = default)
    {
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var buffer = new char[Math.Min(maxLength + 1, (int)Math.Min(int.MaxValue - 1, new FileInfo(path).Length + 1))];
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await reader.ReadAsync(buffer.AsMemory(read), cancellationToken);
            if (n == 0)
            {
                break;
            }
            read += n;
        }
        if (read > maxLength || (read == buffer.Length && reader.Peek() >= 0))
        {
            return Refusal.Invalid([new ContentProblem(Path.GetFileName(path), 0, 0, "",
                $"is longer than {maxLength.ToString("N0", CultureInfo.InvariantCulture)} characters, the most a file may be")]);
        }
        return new string(buffer, 0, read);
    }
}
