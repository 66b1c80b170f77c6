using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Observatory.Content;
using Observatory.Outcomes;
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
public sealed class FrameworkLibrary(FrameworkCatalogue shipped, ObservatoryDbContext db, TimeProvider clock, Accounts.CurrentActor? current = null)
{
    private Accounts.Actor Actor => current?.Actor ?? Accounts.Actor.Anonymous;

    // Parsed imported documents by content hash: parsing is pure, so a parse is never repeated.
    private static readonly ConcurrentDictionary<string, Framework> ParsedImports = new();

    public FrameworkCatalogue Shipped => shipped;

    public async Task<FrameworkCatalogue> GetCatalogueAsync(CancellationToken cancellationToken = default)
    {
        // An organisation's own frameworks are seen only by those the access policy lets see them.
        var visible = (await db.ImportedFrameworks.AsNoTracking().Where(f => f.IsCurrent).ToListAsync(cancellationToken))
            .Where(f => Accounts.AccessPolicy.CanView(Actor, f)).ToList();
        return visible.Count == 0 ? shipped : shipped.With(visible.Select(Parse).OfType<Framework>());
    }

    /// <summary>The current stored version of an imported framework, if the actor may see it.</summary>
    public async Task<ImportedFramework?> FindImportedAsync(string frameworkId, CancellationToken cancellationToken = default)
    {
        var row = await db.ImportedFrameworks.AsNoTracking().FirstOrDefaultAsync(f => f.FrameworkId == frameworkId && f.IsCurrent, cancellationToken);
        return row is not null && Accounts.AccessPolicy.CanView(Actor, row) ? row : null;
    }

    /// <summary>Moves an imported framework on in its workflow: a contributor submits a draft, an approver publishes it.</summary>
    public async Task<Outcome<ImportedFramework>> AdvanceAsync(string frameworkId, Accounts.WorkflowState to, CancellationToken cancellationToken = default)
    {
        var row = await db.ImportedFrameworks.FirstOrDefaultAsync(f => f.FrameworkId == frameworkId && f.IsCurrent, cancellationToken);
        if (row is null || !Accounts.AccessPolicy.CanView(Actor, row))
        {
            return Refusal.NotFound($"There is no framework '{frameworkId}'.");
        }
        var allowed = to switch
        {
            Accounts.WorkflowState.Submitted => Accounts.AccessPolicy.CanSubmit(Actor, row),
            Accounts.WorkflowState.Published => Accounts.AccessPolicy.CanPublish(Actor, row),
            _ => Accounts.AccessPolicy.CanEdit(Actor, row),
        };
        if (!allowed)
        {
            return Refusal.Forbidden("You cannot do that to this framework.");
        }
        row.State = to;
        await db.SaveChangesAsync(cancellationToken);
        return row;
    }

    /// <summary>
    /// Validates and stores a framework file (YAML or JSON). Refuses, changing nothing, when the file breaks a
    /// rule, when its id is a shipped framework's, or when the same version was imported with other content.
    /// </summary>
    public async Task<Outcome<FrameworkImportResult>> ImportAsync(string fileName, string text, string? importedBy, CancellationToken cancellationToken = default) =>
        await ImportAsync(fileName, text, importedBy, organisationId: null, Accounts.Visibility.Public, cancellationToken);

    /// <summary>
    /// As above, owned by <paramref name="organisationId"/>: it starts as a draft seen only by that organisation,
    /// and reaches the audience <paramref name="visibility"/> names once an approver publishes it. Without an
    /// organisation, a site administrator (or the command line) imports it published, for everyone.
    /// </summary>
    public async Task<Outcome<FrameworkImportResult>> ImportAsync(string fileName, string text, string? importedBy, long? organisationId, Accounts.Visibility visibility,
        CancellationToken cancellationToken = default)
    {
        var allowed = organisationId is { } org ? Accounts.AccessPolicy.CanContribute(Actor, org) : Actor.IsSiteAdministrator && Actor.MayWrite;
        if (!allowed)
        {
            return Refusal.Forbidden("You cannot import frameworks for that organisation.");
        }
        var name = Path.GetFileName(fileName);
        if (text.Length > ImportedFramework.MaxContentLength)
        {
            return Refusal.Invalid([new ContentProblem(name, 0, 0, "", $"is larger than the {ImportedFramework.MaxContentLength / 1_000_000} MB a framework file may be")]);
        }
        var (framework, problems) = FrameworkReader.ReadFramework(name, text, expectedId: null, FrameworkOrigin.Imported);
        if (framework is null)
        {
            return Refusal.Invalid(problems);
        }
        if (shipped.Find(framework.Id) is not null)
        {
            return Refusal.Conflict(new ContentProblem(name, 1, 1, "id", $"'{framework.Id}' is a framework shipped with the Observatory; choose another id"));
        }
        var hash = Hash(text);
        var versions = await db.ImportedFrameworks.Where(f => f.FrameworkId == framework.Id).ToListAsync(cancellationToken);
        if (versions.Count > 0 && versions[0].OrganisationId != organisationId)
        {
            // Another owner's id, checked before anything about its versions: the answer is the same whatever the
            // framework holds, whichever versions it has and whether or not the importer may see it, so an import
            // cannot be used to learn about a private framework. (That the id is taken must be said: ids are unique.)
            return Refusal.Conflict(new ContentProblem(name, 1, 1, "id", $"the id {InputLimits.Quote(framework.Id)} is already in use; choose another id"));
        }
        if (versions.FirstOrDefault(v => v.Version == framework.Version) is { } sameVersion)
        {
            if (sameVersion.ContentHash == hash)
            {
                return new FrameworkImportResult(FrameworkImportOutcome.Unchanged, framework);
            }
            return Refusal.Conflict(new ContentProblem(name, 1, 1, "version",
                $"version {InputLimits.Quote(framework.Version)} of '{framework.Id}' was imported before with different content; give this file a new version"));
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
            OrganisationId = organisationId,
            Visibility = visibility,
            State = organisationId is null ? Accounts.WorkflowState.Published : Accounts.WorkflowState.Draft,
        });
        await db.SaveChangesAsync(cancellationToken);
        return new FrameworkImportResult(versions.Count == 0 ? FrameworkImportOutcome.Created : FrameworkImportOutcome.NewVersion, framework);
    }

    public Task<List<ImportedFramework>> VersionsAsync(string frameworkId, CancellationToken cancellationToken = default) =>
        db.ImportedFrameworks.AsNoTracking().Where(f => f.FrameworkId == frameworkId).OrderByDescending(f => f.ImportedAt).ToListAsync(cancellationToken);

    /// <summary>
    /// A stored framework as the catalogue shows it, or null when it no longer reads: one stored before the limits of
    /// <see cref="InputLimits"/> and <see cref="FrameworkReader.MaxElementDepth"/> that breaks them is left out of the
    /// catalogue (so its pages answer 404) rather than drawn, exported or serialised past what they can bear.
    /// </summary>
    private static Framework? Parse(ImportedFramework row) =>
        ParsedImports.GetOrAdd(row.ContentHash, _ => FrameworkReader.ReadFramework(row.FileName, row.Content, null, FrameworkOrigin.Imported).Framework!) is { } f
            ? f
            : null;

    private static bool LooksLikeJson(string text) => text.TrimStart().StartsWith('{');

    public static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
