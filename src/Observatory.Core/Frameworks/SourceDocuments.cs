using Observatory.Content;

namespace Observatory.Frameworks;

/// <summary>A published document a citation may name: its title as shown to people and where it can be read.</summary>
public sealed record SourceDocument(string File, string Title, string Url);

/// <summary>
/// The documents citations may name, from data/frameworks/sources/documents.yaml. The file is compiled into the
/// Observatory, so every page, export and the framework reader's check of citations see the same list without a
/// data folder; each address must be https and name a page, not a site's bare home page, so a reader can open
/// what is cited.
/// </summary>
public static class SourceDocuments
{
    public const string DataPath = "data/frameworks/sources/documents.yaml";

    private static readonly Lazy<IReadOnlyList<SourceDocument>> Shipped = new(LoadShipped);

    /// <summary>Every known document, in the file's order.</summary>
    public static IReadOnlyList<SourceDocument> All => Shipped.Value;

    public static SourceDocument? Find(string file) => All.FirstOrDefault(d => d.File == file);

    /// <summary>Reads the document list; every problem at once, naming the line and field.</summary>
    public static (IReadOnlyList<SourceDocument> Documents, IReadOnlyList<ContentProblem> Problems) Read(string file, string text)
    {
        var doc = YamlFile.Parse(file, text);
        var documents = new List<SourceDocument>();
        if (doc.Root is { } root)
        {
            doc.RejectUnknownKeys(root, "", ["documents"]);
            foreach (var (map, path) in doc.MappingList(root, "documents", "", required: true))
            {
                doc.RejectUnknownKeys(map, path, ["file", "title", "url"]);
                var name = doc.RequiredString(map, "file", path);
                var title = doc.RequiredString(map, "title", path);
                var url = doc.RequiredString(map, "url", path);
                if (url.Length > 0 && !IsReadableAddress(url))
                {
                    doc.Problem(doc.Get(map, "url"), YamlFile.Join(path, "url"), $"‘{url}’ must be an https address of the document itself, not a site's home page");
                }
                else if (documents.Any(d => d.File == name))
                {
                    doc.Problem(doc.Get(map, "file"), YamlFile.Join(path, "file"), $"‘{name}’ is listed twice");
                }
                else if (name.Length > 0 && title.Length > 0)
                {
                    documents.Add(new SourceDocument(name, title, url));
                }
            }
        }
        return (documents, doc.Problems);
    }

    /// <summary>An https address with a path beyond "/": a page a reader can open, not a home page.</summary>
    public static bool IsReadableAddress(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && uri.AbsolutePath.Trim('/').Length > 0;

    private static IReadOnlyList<SourceDocument> LoadShipped()
    {
        using var stream = typeof(SourceDocuments).Assembly.GetManifestResourceStream(DataPath)
            ?? throw new InvalidOperationException($"{DataPath} is not compiled into the Observatory.");
        using var reader = new StreamReader(stream);
        var (documents, problems) = Read(DataPath, reader.ReadToEnd());
        return problems.Count > 0 ? throw new ContentValidationException(problems) : documents;
    }
}
