using System.Collections.Concurrent;
using Observatory.Content;

namespace Observatory.Web.Setup;

/// <summary>Pages from the repository's docs/ folder, which the build copies beside the program.</summary>
public static class Documentation
{
    private static readonly ConcurrentDictionary<string, string> Rendered = new();

    public static string Render(string file) => Rendered.GetOrAdd(file, f =>
        MarkdownRenderer.ToGovUkHtml(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "docs", f))));
}
