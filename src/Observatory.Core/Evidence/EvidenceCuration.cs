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
/// Every write returns an <see cref="Outcome{T}"/>: <see cref="RefusalKind.Invalid"/> with every problem found for bad
/// input, <see cref="RefusalKind.Forbidden"/> for a write the actor may not make, <see cref="RefusalKind.NotFound"/> for
/// an item the actor cannot see (so its existence is not told), and <see cref="RefusalKind.Invalid"/> on the field
/// "state" for a step the workflow does not allow now (answered 400, as it always was).
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
    public async Task<Outcome<EvidenceRecord>> SubmitAsync(Actor actor, EvidenceItem fields, long? organisationId, string? note, CancellationToken cancellationToken = default)
    {
        ActingAs(actor);
        if (!EvidenceAccess.CanSubmit(actor))
        {
            return Refusal.Forbidden("Sign in to submit evidence.");
        }
        if (organisationId is { } org && !AccessPolicy.CanContribute(actor, org))
        {
            return Refusal.Forbidden("You can submit evidence for an organisation only as one of its contributors.");
        }
        var slug = await NewSlugAsync(fields.Title, cancellationToken);
        var (item, problems) = CheckSubmission(fields with { Id = slug, Collection = null, Source = null }, note);
        if (item is null)
        {
            return Refusal.Invalid(problems);
        }
        note = TrimmedNote(note);
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
        if (!(await LoadAsync(actor, slug, cancellationToken)).Succeeded(out var record, out var notFound))
        {
            return notFound;
        }
        if (basedOnVersion is { } based && based != record.Version)
        {
            return ChangedMeanwhile(record.Version);
        }
        if (!EvidenceAccess.CanEdit(actor, record))
        {
            return Refusal.Forbidden(record.State == WorkflowState.Published
                ? "A published item is changed by the curators: report a problem with it instead."
                : "Only the person who submitted this item, or a curator, can change it.");
        }
        if (Shipped(record) is { } shippedRefusal)
        {
            return shippedRefusal;
        }
        var before = record.Item;
        // The form has no field for the source's place names, nor for reasons (an imported file may give them), so they
        // are carried over as the source is: a tag's reason while the tag stays, the strength's while the strength does.
        var (item, problems) = CheckSubmission(fields with
        {
            Id = record.Slug,
            Collection = null,
            Source = before.Source,
            PlaceNames = before.PlaceNames,
            StrengthReason = fields.Strength == before.Strength ? before.StrengthReason : null,
            TagReasons = [.. before.TagReasons.Where(r => fields.Elements.Contains(r.Element))],
            NoAreaOfFocus = before.NoAreaOfFocus,
        }, note);
        if (item is null)
        {
            return Refusal.Invalid(problems);
        }
        note = TrimmedNote(note);
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
    public async Task<Outcome<EvidenceRecord>> PublishAsync(Actor actor, string slug, bool anonymous = false, CancellationToken cancellationToken = default)
    {
        if (!(await CuratedAsync(actor, slug, cancellationToken)).Succeeded(out var record, out var refusal))
        {
            return refusal;
        }
        if (record.State == WorkflowState.Published)
        {
            return NotNow("This item is already published");
        }
        if (anonymous && !record.Item.Anonymous && Shipped(record) is { } shippedRefusal)
        {
            return shippedRefusal;
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (anonymous && !record.Item.Anonymous)
        {
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
    public async Task<Outcome<EvidenceRecord>> ReturnAsync(Actor actor, string slug, string reason, CancellationToken cancellationToken = default)
    {
        if (!(await CuratedAsync(actor, slug, cancellationToken)).Succeeded(out var record, out var refusal))
        {
            return refusal;
        }
        if (record.State != WorkflowState.Submitted)
        {
            return NotNow("Only an item waiting for review can be returned to its submitter");
        }
        if (!CheckReason(reason, "Say what the submitter should change: it is sent to them").Succeeded(out var checkedReason, out var badReason))
        {
            return badReason;
        }
        reason = checkedReason;
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
    public async Task<Outcome<EvidenceRecord>> WithdrawAsync(Actor actor, string slug, string reason, CancellationToken cancellationToken = default)
    {
        if (!(await CuratedAsync(actor, slug, cancellationToken)).Succeeded(out var record, out var refusal))
        {
            return refusal;
        }
        if (record.State != WorkflowState.Published)
        {
            return NotNow("Only a published item can be withdrawn");
        }
        if (!CheckReason(reason, "Say why the item is withdrawn").Succeeded(out var checkedReason, out var badReason))
        {
            return badReason;
        }
        reason = checkedReason;
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
    public async Task<Outcome<EvidenceProblemReport>> ReportProblemAsync(Actor actor, string slug, string message, string? replyEmail, CancellationToken cancellationToken = default)
    {
        ActingAs(actor);
        if (!(await LoadAsync(actor, slug, cancellationToken)).Succeeded(out var record, out var notFound))
        {
            return notFound;
        }
        message = message?.Trim() ?? "";
        if (message.Length == 0)
        {
            return Refusal.Invalid("message", "Describe the problem with this item");
        }
        if (message.Length > EvidenceProblemReport.MaxMessageLength)
        {
            return Refusal.Invalid("message", $"The description must be {EvidenceProblemReport.MaxMessageLength:N0} characters or fewer");
        }
        replyEmail = string.IsNullOrWhiteSpace(replyEmail) ? null : replyEmail.Trim();
        if (replyEmail is not null && AccountService.CheckEmail(replyEmail) is { } badEmail)
        {
            return badEmail;
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

    public async Task<Outcome> ResolveReportAsync(Actor actor, long reportId, CancellationToken cancellationToken = default)
    {
        ActingAs(actor);
        if (NotCurator(actor) is { } forbidden)
        {
            return forbidden;
        }
        var report = await db.EvidenceProblemReports.FirstOrDefaultAsync(r => r.Id == reportId, cancellationToken);
        if (report is null)
        {
            return Refusal.NotFound("There is no such problem report.");
        }
        if (report.ResolvedAt is not null)
        {
            return Outcome.Done;
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        report.ResolvedAt = Now;
        report.ResolvedBy = actor.Name;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Outcome.Done;
    }

    /// <summary>Makes a person a curator, or no longer one: a site administrator's decision, audited on the person.</summary>
    public async Task<Outcome> SetCuratorAsync(Actor actor, long personId, bool isCurator, CancellationToken cancellationToken = default)
    {
        ActingAs(actor);
        if (!AccessPolicy.CanAdministerSite(actor) && !IsOperator(actor))
        {
            return Refusal.Forbidden("Only a site administrator can make or remove curators.");
        }
        var person = await db.People.FirstOrDefaultAsync(p => p.Id == personId, cancellationToken);
        if (person is null)
        {
            return Refusal.NotFound("There is no such person.");
        }
        if (person.IsCurator == isCurator)
        {
            return Outcome.Done;
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        person.IsCurator = isCurator;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Outcome.Done;
    }

    /// <summary>
    /// Imports a collection file as contributions, all or nothing: every problem (file:line:column) is reported and
    /// nothing written. Curators and the command line's operator only; items wait for review unless <paramref name="publish"/>.
    /// </summary>
    public async Task<Outcome<IReadOnlyList<EvidenceRecord>>> ImportAsync(Actor actor, string file, string text, bool publish, CancellationToken cancellationToken = default)
    {
        ActingAs(actor);
        if (!EvidenceAccess.CanCurate(actor) && !IsOperator(actor))
        {
            return Refusal.Forbidden("Only a curator can import evidence files.");
        }
        var (collection, problems) = EvidenceReader.Read(file, text, expectedId: null, frameworks.Contains, code => places.Find(code) is not null, requireSource: false);
        if (collection is null)
        {
            return Refusal.Invalid(problems);
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
            return Refusal.Invalid(refused);
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
    public async Task<Outcome<IReadOnlyList<CurationQueueEntry>>> QueueAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        if (NotCurator(actor) is { } forbidden)
        {
            return forbidden;
        }
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

    public async Task<Outcome<IReadOnlyList<OpenProblemReport>>> OpenReportsAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        if (NotCurator(actor) is { } forbidden)
        {
            return forbidden;
        }
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

    private static Refusal? NotCurator(Actor actor) =>
        EvidenceAccess.CanCurate(actor) || IsOperator(actor) ? null : Refusal.Forbidden("Only a curator can do this.");

    /// <summary>A step the workflow does not allow from the item's state. Answered 400 on the "state" field, as before.</summary>
    /// <summary>A step the item's state does not allow now (publishing a published item): a conflict, not bad input.</summary>
    private static Refusal NotNow(string message) => Refusal.Conflict(message, "state");

    /// <summary>The item for a curator's decision: not found before forbidden, so a non-curator learns nothing of a hidden item.</summary>
    private async Task<Outcome<EvidenceRecord>> CuratedAsync(Actor actor, string slug, CancellationToken cancellationToken)
    {
        ActingAs(actor);
        var loaded = await LoadAsync(actor, slug, cancellationToken);
        return loaded.IsSuccess && NotCurator(actor) is { } forbidden ? forbidden : loaded;
    }

    private async Task<Outcome<EvidenceRecord>> LoadAsync(Actor actor, string slug, CancellationToken cancellationToken)
    {
        var record = await db.EvidenceItems.Include(e => e.Places).Include(e => e.Elements).FirstOrDefaultAsync(e => e.Slug == slug, cancellationToken);
        return record is null || !EvidenceAccess.CanView(actor, record) ? Refusal.NotFound($"There is no evidence item '{slug}'.") : record;
    }

    /// <summary>A shipped item's text lives in its data file; a change made here would be replaced at the next start-up.</summary>
    private static Refusal? Shipped(EvidenceRecord record) =>
        record.Collection is { } collection
            ? Refusal.Conflict($"This item ships with the Observatory: change it in data/evidence/{collection}.yaml, or the next start-up puts the file's text back", "item")
            : null;

    /// <summary>
    /// Every problem with a submission or edit at once — the data-file rules over its fields and the note's length —
    /// so a person filling in the form sees them all in one error summary. The item as the rules read it, or null with the problems.
    /// </summary>
    public (EvidenceItem? Item, IReadOnlyList<ContentProblem> Problems) CheckSubmission(EvidenceItem fields, string? note)
    {
        var (item, problems) = EvidenceReader.CheckItem(fields, frameworks.Contains, code => places.Find(code) is not null);
        if (TrimmedNote(note) is { Length: > MaxNoteLength })
        {
            problems = [.. problems, new ContentProblem("", 0, 0, "note", $"The note must be {MaxNoteLength:N0} characters or fewer")];
        }
        return problems.Count == 0 ? (item, problems) : (null, problems);
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

    private static string? TrimmedNote(string? note) => string.IsNullOrWhiteSpace(note) ? null : note.Trim();

    private static Outcome<string> CheckReason(string? reason, string missing)
    {
        reason = reason?.Trim() ?? "";
        if (reason.Length == 0)
        {
            return Refusal.Invalid("reason", missing);
        }
        if (reason.Length > MaxReasonLength)
        {
            return Refusal.Invalid("reason", $"The reason must be {MaxReasonLength:N0} characters or fewer");
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
