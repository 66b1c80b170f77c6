using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Observatory.Content;
using Observatory.Storage;

namespace Observatory.Frameworks;

public enum FrameworkImportOutcome
{
    /// <summary>A framework the catalogue did not hold.</summary>
    Created,

    /// <summary>A new version of a framework imported before; it becomes the current one.</summary>
    NewVersion,

    /// <summary>The same file again: nothing changed.</summary>
    Unchanged,
}

public sealed record FrameworkImportResult(FrameworkImportOutcome Outcome, Framework Framework);

/// <summary>
/// The catalogue as users see it: the shipped frameworks plus those imported into this Observatory's database.
/// Pages, API and command line all go through this service.
/// </summary>
public sealed class FrameworkLibrary(FrameworkCatalogue shipped, ObservatoryDbContext db, TimeProvider clock)
{
    // Parsed imported documents by content hash: parsing is pure, so a parse is never repeated.
    private static readonly ConcurrentDictionary<string, Framework> ParsedImports = new();

    public FrameworkCatalogue Shipped => shipped;

    public async Task<FrameworkCatalogue> GetCatalogueAsync(CancellationToken cancellationToken = default)
    {
        var current = await db.ImportedFrameworks.AsNoTracking().Where(f => f.IsCurrent).ToListAsync(cancellationToken);
        return current.Count == 0 ? shipped : shipped.With(current.Select(Parse).OfType<Framework>());
    }

    /// <summary>
    /// Validates and stores a framework file (YAML or JSON). Refuses, changing nothing, when the file breaks a
    /// rule, when its id is a shipped framework's, or when the same version was imported with other content.
    /// </summary>
    public async Task<FrameworkImportResult> ImportAsync(string fileName, string text, string? importedBy, CancellationToken cancellationToken = default)
    {
        var name = Path.GetFileName(fileName);
        if (text.Length > ImportedFramework.MaxContentLength)
        {
            throw new ContentValidationException([new ContentProblem(name, 0, 0, "", $"is larger than the {ImportedFramework.MaxContentLength / 1_000_000} MB a framework file may be")]);
        }
        var (framework, problems) = FrameworkReader.ReadFramework(name, text, expectedId: null, FrameworkOrigin.Imported);
        if (framework is null)
        {
            throw new ContentValidationException(problems);
        }
        if (shipped.Find(framework.Id) is not null)
        {
            throw new ContentValidationException([new ContentProblem(name, 1, 1, "id", $"'{framework.Id}' is a framework shipped with the Observatory; choose another id")]);
        }
        var hash = Hash(text);
        var versions = await db.ImportedFrameworks.Where(f => f.FrameworkId == framework.Id).ToListAsync(cancellationToken);
        if (versions.FirstOrDefault(v => v.Version == framework.Version) is { } sameVersion)
        {
            if (sameVersion.ContentHash == hash)
            {
                return new FrameworkImportResult(FrameworkImportOutcome.Unchanged, framework);
            }
            throw new ContentValidationException([new ContentProblem(name, 1, 1, "version",
                $"version '{framework.Version}' of '{framework.Id}' was imported before with different content; give this file a new version")]);
        }
        foreach (var v in versions)
        {
            v.IsCurrent = false;
        }
        db.ImportedFrameworks.Add(new ImportedFramework
        {
            FrameworkId = framework.Id,
            Version = framework.Version,
            Name = framework.Name,
            Format = LooksLikeJson(text) ? "json" : "yaml",
            Content = text,
            ContentHash = hash,
            FileName = name,
            ImportedAt = clock.GetUtcNow().UtcDateTime,
            ImportedBy = importedBy,
            IsCurrent = true,
        });
        await db.SaveChangesAsync(cancellationToken);
        return new FrameworkImportResult(versions.Count == 0 ? FrameworkImportOutcome.Created : FrameworkImportOutcome.NewVersion, framework);
    }

    public Task<List<ImportedFramework>> VersionsAsync(string frameworkId, CancellationToken cancellationToken = default) =>
        db.ImportedFrameworks.AsNoTracking().Where(f => f.FrameworkId == frameworkId).OrderByDescending(f => f.ImportedAt).ToListAsync(cancellationToken);

    private static Framework? Parse(ImportedFramework row) =>
        ParsedImports.GetOrAdd(row.ContentHash, _ => FrameworkReader.ReadFramework(row.FileName, row.Content, null, FrameworkOrigin.Imported).Framework!) is { } f
            ? f
            : null;

    private static bool LooksLikeJson(string text) => text.TrimStart().StartsWith('{');

    public static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
