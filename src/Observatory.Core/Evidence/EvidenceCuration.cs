using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Observatory.Accounts;
using Observatory.Content;
using Observatory.Frameworks;
using Observatory.Outcomes;
using Observatory.Places;
using Observatory.Storage;

namespace Observatory.Evidence;

/// <summary>A submitted item waiting for a curator, as the queue lists it.</summary>
public sealed record CurationQueueEntry(string Slug, string Title, string? Submitter, string? Organisation, DateTime SubmittedAt);

/// <summary>An open "report a problem", as the curators' page lists it.</summary>
public sealed record OpenProblemReport(long Id, string Slug, string Title, string Message, string? ReporterEmail, DateTime CreatedAt);

/// <summary>
/// Every write to the evidence library: submit, edit, publish, return, withdraw, report a problem, resolve it,
/// grant and revoke curators, and import a file. Each is asked of <see cref="AccessPolicy"/>, done in one
/// transaction and audited (the context writes the audit entry). A change to an item's text keeps the earlier
/// text as an <see cref="EvidenceVersion"/>.
/// Refusals: <see cref="ContentValidationException"/> or <see cref="AccountException"/> for bad input (400),
/// <see cref="UnauthorizedAccessException"/> for a write the actor may not make (403), and
/// <see cref="KeyNotFoundException"/> for an item the actor cannot see (404, so its existence is not told).
/// </summary>
public sealed partial class EvidenceCuration(
    ObservatoryDbContext db, FrameworkCatalogue frameworks, PlaceRegistry places, ShippedEvidence shipped, IMailSender mail, TimeProvider clock, CurrentActor current)
{
    public const int MaxNoteLength = 1_000;
    public const int MaxReasonLength = 2_000;
    public const int MaxSlugLength = 80;

    /// <summary>The words after /evidence/ that are pages, so never an item's id.</summary>
    public static readonly IReadOnlySet<string> ReservedSlugs = new HashSet<string>(StringComparer.Ordinal) { "map", "gaps", "submit", "curation", "export", "search" };

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>
    /// A new contribution from anyone signed in: checked by the data-file rules, given an id from its title, and
    /// left for a curator to review. <paramref name="fields"/>' Id, Collection and Source are not used.
    /// </summary>
    /// <param name="organisationId">The organisation it is made for: its members see it before publication. The actor must contribute to it.</param>
    public async Task<EvidenceRecord> SubmitAsync(Actor actor, EvidenceItem fields, long? organisationId, string? note, CancellationToken cancellationToken = default)
    {
        ActingAs(actor);
        if (!EvidenceAccess.CanSubmit(actor))
        {
            throw new UnauthorizedAccessException("Sign in to submit evidence.");
        }
        if (organisationId is { } org && !AccessPolicy.CanContribute(actor, org))
        {
            throw new UnauthorizedAccessException("You can submit evidence for an organisation only as one of its contributors.");
        }
        note = CheckNote(note);
        var slug = await NewSlugAsync(fields.Title, cancellationToken);
        var item = Check(fields with { Id = slug, Collection = null, Source = null });
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var record = EvidenceRecord.From(item, Now);
        record.State = WorkflowState.Submitted;
        record.SubmittedById = actor.PersonId;
        record.OrganisationId = organisationId;
        db.EvidenceItems.Add(record);
        await db.SaveChangesAsync(cancellationToken);
        await TellCuratorsAsync($"Evidence submitted for review: {item.Title}",
            $"{actor.Name} submitted \"{item.Title}\" to the evidence library.\n\nReview it: /evidence/curation/{slug}" + (note is null ? "" : $"\n\nTheir note: {note}"),
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return record;
    }

    /// <summary>
    /// Changes an item's text, keeping the earlier text as a version with who, when and why. A returned item its
    /// submitter saves goes back to the curators' queue.
    /// </summary>
    /// <param name="basedOnVersion">
    /// The version the change was made from (the edit form carries it). When the item has moved on since — another
    /// save, perhaps at the same moment — the change is refused as a conflict rather than written over the other.
    /// </param>
    public async Task<Outcome<EvidenceRecord>> UpdateAsync(Actor actor, string slug, EvidenceItem fields, string? note, int? basedOnVersion = null,
        CancellationToken cancellationToken = default)
    {
        ActingAs(actor);
        var record = await LoadAsync(actor, slug, cancellationToken);
        if (basedOnVersion is { } based && based != record.Version)
        {
            return ChangedMeanwhile(record.Version);
        }
        if (!EvidenceAccess.CanEdit(actor, record))
        {
            throw new UnauthorizedAccessException(record.State == WorkflowState.Published
                ? "A published item is changed by the curators: report a problem with it instead."
                : "Only the person who submitted this item, or a curator, can change it.");
        }
        RefuseShipped(record);
        note = CheckNote(note);
        var before = record.Item;
        // The form has no field for the source's place names, so they are carried over as the source is.
        var item = Check(fields with { Id = record.Slug, Collection = null, Source = before.Source, PlaceNames = before.PlaceNames });
        var loadedVersion = record.Version;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var changed = ChangeText(record, item, actor, note);
        var resubmitted = record.State == WorkflowState.Draft && record.SubmittedById == actor.PersonId;
        if (resubmitted)
        {
            record.State = WorkflowState.Submitted;
        }
        if (changed || resubmitted)
        {
            record.UpdatedAt = Now;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Two saves from one version at once: the other kept version loadedVersion + 1 first, so this one's copy
                // of that version clashed with it (or its rows were changed under it). Refuse it as a conflict; any
                // other failure is a fault and goes on.
                await transaction.RollbackAsync(CancellationToken.None);
                db.ChangeTracker.Clear();
                var now = await db.EvidenceItems.AsNoTracking().Where(e => e.Id == record.Id).Select(e => e.Version).FirstOrDefaultAsync(CancellationToken.None);
                if (now != loadedVersion)
                {
                    return ChangedMeanwhile(now);
                }
                throw;
            }
        }
        if (resubmitted)
        {
            await TellCuratorsAsync($"Evidence sent back for review: {item.Title}",
                $"{actor.Name} changed \"{item.Title}\" and sent it back for review.\n\nReview it: /evidence/curation/{slug}" + (note is null ? "" : $"\n\nWhat changed: {note}"),
                cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return record;
    }

    private static Refusal ChangedMeanwhile(int version) =>
        Refusal.Conflict($"This item was changed since you opened it: it is now version {version}. Your changes are below; check the item's current text, then save again to replace it.");

    /// <summary>Publishes a submitted (or returned, or withdrawn) item; <paramref name="anonymous"/> true publishes it without organisation names, a change of text kept as a version.</summary>
    public async Task<EvidenceRecord> PublishAsync(Actor actor, string slug, bool anonymous = false, CancellationToken cancellationToken = default)
    {
        var record = await CuratedAsync(actor, slug, cancellationToken);
        if (record.State == WorkflowState.Published)
        {
            throw new AccountException("state", "This item is already published");
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (anonymous && !record.Item.Anonymous)
        {
            RefuseShipped(record);
            ChangeText(record, record.Item with { Anonymous = true }, actor, "Published without organisation names");
        }
        record.State = WorkflowState.Published;
        record.PublishedAt = Now;
        record.UpdatedAt = Now;
        await db.SaveChangesAsync(cancellationToken);
        await TellSubmitterAsync(record, $"Your evidence is published: {record.Title}",
            $"A curator published \"{record.Title}\" in the evidence library{(record.Anonymous ? ", without organisation names" : "")}.\n\nSee it: /evidence/{record.Slug}", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return record;
    }

    /// <summary>Sends a submitted item back to its submitter as a draft, with the curator's reason by mail.</summary>
    public async Task<EvidenceRecord> ReturnAsync(Actor actor, string slug, string reason, CancellationToken cancellationToken = default)
    {
        var record = await CuratedAsync(actor, slug, cancellationToken);
        if (record.State != WorkflowState.Submitted)
        {
            throw new AccountException("state", "Only an item waiting for review can be returned to its submitter");
        }
        reason = CheckReason(reason, "Say what the submitter should change: it is sent to them");
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        record.State = WorkflowState.Draft;
        record.UpdatedAt = Now;
        await db.SaveChangesAsync(cancellationToken);
        await TellSubmitterAsync(record, $"Your evidence was returned: {record.Title}",
            $"A curator returned \"{record.Title}\" to you rather than publishing it. Their reason:\n\n{reason}\n\n" +
            $"Change it and save it to send it back for review: /evidence/{record.Slug}/edit", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return record;
    }

    /// <summary>Takes a published item out of the library (it becomes a draft again, seen only by its submitter, its organisation and the curators).</summary>
    public async Task<EvidenceRecord> WithdrawAsync(Actor actor, string slug, string reason, CancellationToken cancellationToken = default)
    {
        var record = await CuratedAsync(actor, slug, cancellationToken);
        if (record.State != WorkflowState.Published)
        {
            throw new AccountException("state", "Only a published item can be withdrawn");
        }
        reason = CheckReason(reason, "Say why the item is withdrawn");
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        record.State = WorkflowState.Draft;
        record.PublishedAt = null;
        record.UpdatedAt = Now;
        await db.SaveChangesAsync(cancellationToken);
        await TellSubmitterAsync(record, $"Your evidence was withdrawn: {record.Title}",
            $"A curator withdrew \"{record.Title}\" from the evidence library. Their reason:\n\n{reason}", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return record;
    }

    /// <summary>"Report a problem with this item", open to anyone who can see it, signed in or not; every curator and site administrator is told.</summary>
    public async Task<EvidenceProblemReport> ReportProblemAsync(Actor actor, string slug, string message, string? replyEmail, CancellationToken cancellationToken = default)
    {
        ActingAs(actor);
        var record = await LoadAsync(actor, slug, cancellationToken);
        message = message?.Trim() ?? "";
        if (message.Length == 0)
        {
            throw new AccountException("message", "Describe the problem with this item");
        }
        if (message.Length > EvidenceProblemReport.MaxMessageLength)
        {
            throw new AccountException("message", $"The description must be {EvidenceProblemReport.MaxMessageLength:N0} characters or fewer");
        }
        replyEmail = string.IsNullOrWhiteSpace(replyEmail) ? null : replyEmail.Trim();
        if (replyEmail is not null)
        {
            AccountService.CheckEmail(replyEmail);
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var report = new EvidenceProblemReport { ItemId = record.Id, Message = message, ReporterEmail = replyEmail, ReporterPersonId = actor.PersonId, CreatedAt = Now };
        db.EvidenceProblemReports.Add(report);
        await db.SaveChangesAsync(cancellationToken);
        var from = actor.IsSignedIn ? actor.Name : "A visitor who was not signed in";
        await TellCuratorsAsync($"Problem reported with evidence: {record.Title}",
            $"{from} reported a problem with \"{record.Title}\" (/evidence/{record.Slug}):\n\n{message}\n\n" +
            (replyEmail is null ? "They left no address for a reply." : $"Reply to: {replyEmail}") + "\n\nMark it resolved: /evidence/curation",
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return report;
    }

    public async Task ResolveReportAsync(Actor actor, long reportId, CancellationToken cancellationToken = default)
    {
        ActingAs(actor);
        RequireCurator(actor);
        var report = await db.EvidenceProblemReports.FirstOrDefaultAsync(r => r.Id == reportId, cancellationToken)
            ?? throw new KeyNotFoundException("There is no such problem report.");
        if (report.ResolvedAt is not null)
        {
            return;
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        report.ResolvedAt = Now;
        report.ResolvedBy = actor.Name;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Makes a person a curator, or no longer one: a site administrator's decision, audited on the person.</summary>
    public async Task SetCuratorAsync(Actor actor, long personId, bool isCurator, CancellationToken cancellationToken = default)
    {
        ActingAs(actor);
        if (!AccessPolicy.CanAdministerSite(actor) && !IsOperator(actor))
        {
            throw new UnauthorizedAccessException("Only a site administrator can make or remove curators.");
        }
        var person = await db.People.FirstOrDefaultAsync(p => p.Id == personId, cancellationToken) ?? throw new KeyNotFoundException("There is no such person.");
        if (person.IsCurator == isCurator)
        {
            return;
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        person.IsCurator = isCurator;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Imports a collection file as contributions, all or nothing: every problem (file:line:column) is reported and
    /// nothing written. Curators and the command line's operator only; items wait for review unless <paramref name="publish"/>.
    /// </summary>
    public async Task<IReadOnlyList<EvidenceRecord>> ImportAsync(Actor actor, string file, string text, bool publish, CancellationToken cancellationToken = default)
    {
        ActingAs(actor);
        if (!EvidenceAccess.CanCurate(actor) && !IsOperator(actor))
        {
            throw new UnauthorizedAccessException("Only a curator can import evidence files.");
        }
        var (collection, problems) = EvidenceReader.Read(file, text, expectedId: null, frameworks.Contains, code => places.Find(code) is not null, requireSource: false);
        if (collection is null)
        {
            throw new ContentValidationException(problems);
        }
        var ids = collection.Items.Select(i => i.Id).ToList();
        var taken = (await db.EvidenceItems.Where(e => ids.Contains(e.Slug)).Select(e => e.Slug).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var refused = new List<ContentProblem>();
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        foreach (var (item, index) in collection.Items.Select((item, index) => (item, index)))
        {
            var (line, column) = LineOfId(lines, item.Id);
            if (ReservedSlugs.Contains(item.Id))
            {
                refused.Add(new ContentProblem(file, line, column, $"items[{index}].id", $"'{item.Id}' is the address of a page (/evidence/{item.Id}); choose another id"));
            }
            else if (taken.Contains(item.Id) || shipped.Items.Any(s => s.Id == item.Id))
            {
                refused.Add(new ContentProblem(file, line, column, $"items[{index}].id", $"'{item.Id}' is already in the evidence library; choose another id or change that item"));
            }
            else if (item.Id.Length > MaxSlugLength)
            {
                refused.Add(new ContentProblem(file, line, column, $"items[{index}].id", $"is {item.Id.Length} characters; at most {MaxSlugLength} are allowed"));
            }
        }
        if (refused.Count > 0)
        {
            throw new ContentValidationException(refused);
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var records = new List<EvidenceRecord>();
        foreach (var item in collection.Items)
        {
            var record = EvidenceRecord.From(item with { Collection = null }, Now);
            record.SubmittedById = actor.PersonId;
            record.State = publish ? WorkflowState.Published : WorkflowState.Submitted;
            record.PublishedAt = publish ? Now : null;
            db.EvidenceItems.Add(record);
            records.Add(record);
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return records;
    }

    /// <summary>Submitted items, oldest first, with who sent them: the curators' queue.</summary>
    public async Task<IReadOnlyList<CurationQueueEntry>> QueueAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        RequireCurator(actor);
        return await (from e in db.EvidenceItems.AsNoTracking()
                      where e.State == WorkflowState.Submitted
                      join p in db.People on e.SubmittedById equals p.Id into people
                      from p in people.DefaultIfEmpty()
                      join o in db.Organisations on e.OrganisationId equals o.Id into organisations
                      from o in organisations.DefaultIfEmpty()
                      orderby e.UpdatedAt, e.Id
                      select new CurationQueueEntry(e.Slug, e.Title, p == null ? null : p.DisplayName, o == null ? null : o.Name, e.UpdatedAt))
            .ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<OpenProblemReport>> OpenReportsAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        RequireCurator(actor);
        return await (from r in db.EvidenceProblemReports.AsNoTracking()
                      where r.ResolvedAt == null
                      join e in db.EvidenceItems on r.ItemId equals e.Id
                      orderby r.CreatedAt, r.Id
                      select new OpenProblemReport(r.Id, e.Slug, e.Title, r.Message, r.ReporterEmail, r.CreatedAt))
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// A kebab-case id from the title, unique in the library and never one of <see cref="ReservedSlugs"/>:
    /// "Wigan Council – BeWigan" becomes wigan-council-bewigan, then wigan-council-bewigan-2 if that is taken.
    /// </summary>
    public async Task<string> NewSlugAsync(string? title, CancellationToken cancellationToken = default)
    {
        var stem = NonSlug().Replace((title ?? "").ToLowerInvariant().Replace("&", " and ", StringComparison.Ordinal), "-").Trim('-');
        if (stem.Length > MaxSlugLength - 4)
        {
            stem = stem[..(MaxSlugLength - 4)];
            stem = stem.Contains('-', StringComparison.Ordinal) ? stem[..stem.LastIndexOf('-')] : stem;
        }
        if (stem.Length == 0)
        {
            stem = "item";
        }
        var similar = (await db.EvidenceItems.Where(e => e.Slug == stem || e.Slug.StartsWith(stem + "-")).Select(e => e.Slug).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        similar.UnionWith(ReservedSlugs);
        if (!similar.Contains(stem))
        {
            return stem;
        }
        for (var n = 2; ; n++)
        {
            if (!similar.Contains($"{stem}-{n}"))
            {
                return $"{stem}-{n}";
            }
        }
    }

    /// <summary>The writes below are audited against the scope's actor, so it must be the actor the policy was asked about.</summary>
    private void ActingAs(Actor actor) => current.Actor = actor;

    /// <summary>The command line's operator (shell access, no person) may do what a curator does.</summary>
    private static bool IsOperator(Actor actor) => actor is { IsSiteAdministrator: true, IsSignedIn: false, MayWrite: true };

    private static void RequireCurator(Actor actor)
    {
        if (!EvidenceAccess.CanCurate(actor) && !IsOperator(actor))
        {
            throw new UnauthorizedAccessException("Only a curator can do this.");
        }
    }

    private async Task<EvidenceRecord> CuratedAsync(Actor actor, string slug, CancellationToken cancellationToken)
    {
        ActingAs(actor);
        var record = await LoadAsync(actor, slug, cancellationToken);
        RequireCurator(actor);
        return record;
    }

    private async Task<EvidenceRecord> LoadAsync(Actor actor, string slug, CancellationToken cancellationToken)
    {
        var record = await db.EvidenceItems.Include(e => e.Places).Include(e => e.Elements).FirstOrDefaultAsync(e => e.Slug == slug, cancellationToken);
        if (record is null || !EvidenceAccess.CanView(actor, record))
        {
            throw new KeyNotFoundException($"There is no evidence item '{slug}'.");
        }
        return record;
    }

    /// <summary>A shipped item's text lives in its data file; a change made here would be replaced at the next start-up.</summary>
    private static void RefuseShipped(EvidenceRecord record)
    {
        if (record.Collection is { } collection)
        {
            throw new AccountException("item", $"This item ships with the Observatory: change it in data/evidence/{collection}.yaml, or the next start-up puts the file's text back");
        }
    }

    private EvidenceItem Check(EvidenceItem fields)
    {
        var (item, problems) = EvidenceReader.CheckItem(fields, frameworks.Contains, code => places.Find(code) is not null);
        return item ?? throw new ContentValidationException(problems);
    }

    /// <summary>Keeps the text being replaced as a version and applies the new one; false when nothing changed.</summary>
    private bool ChangeText(EvidenceRecord record, EvidenceItem item, Actor actor, string? note)
    {
        if (EvidenceRecord.Serialise(item) == record.Document)
        {
            return false;
        }
        db.EvidenceVersions.Add(new EvidenceVersion { ItemId = record.Id, Version = record.Version, Document = record.Document, ChangedBy = actor.Name, ChangedAt = Now, Note = note });
        record.Apply(item);
        record.Version++;
        return true;
    }

    private static string? CheckNote(string? note)
    {
        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (note is { Length: > MaxNoteLength })
        {
            throw new AccountException("note", $"The note must be {MaxNoteLength:N0} characters or fewer");
        }
        return note;
    }

    private static string CheckReason(string? reason, string missing)
    {
        reason = reason?.Trim() ?? "";
        if (reason.Length == 0)
        {
            throw new AccountException("reason", missing);
        }
        if (reason.Length > MaxReasonLength)
        {
            throw new AccountException("reason", $"The reason must be {MaxReasonLength:N0} characters or fewer");
        }
        return reason;
    }

    private async Task TellCuratorsAsync(string subject, string body, CancellationToken cancellationToken)
    {
        var curators = await db.People.AsNoTracking().Where(p => p.IsCurator || p.IsSiteAdministrator).OrderBy(p => p.Id).Select(p => p.Email).ToListAsync(cancellationToken);
        foreach (var to in curators)
        {
            await mail.SendAsync(to, subject, body, cancellationToken);
        }
    }

    private async Task TellSubmitterAsync(EvidenceRecord record, string subject, string body, CancellationToken cancellationToken)
    {
        if (record.SubmittedById is { } id && await db.People.AsNoTracking().Where(p => p.Id == id).Select(p => p.Email).FirstOrDefaultAsync(cancellationToken) is { } to)
        {
            await mail.SendAsync(to, subject, body, cancellationToken);
        }
    }

    /// <summary>Where "id: …" for an item stands in the file, so a refusal points at it.</summary>
    private static (int Line, int Column) LineOfId(string[] lines, string id)
    {
        for (var i = 0; i < lines.Length; i++)
        {
            var match = IdLine().Match(lines[i]);
            if (match.Success && match.Groups["id"].Value == id)
            {
                return (i + 1, match.Groups["id"].Index + 1);
            }
        }
        return (0, 0);
    }

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NonSlug();

    [GeneratedRegex("""^\s*(-\s+)?id:\s*["']?(?<id>[^"'\s#]+)""")]
    private static partial Regex IdLine();
}
