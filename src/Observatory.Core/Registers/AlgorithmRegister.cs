using Microsoft.EntityFrameworkCore;
using Observatory.Accounts;
using Observatory.Content;
using Observatory.Outcomes;
using Observatory.Storage;

namespace Observatory.Registers;

/// <summary>A published version with what it changed from the one before (every field, for the first).</summary>
public sealed record VersionChanges(AlgorithmRecordVersion Version, IReadOnlyList<FieldChange> Changes);

/// <summary>A record as the public sees it: its latest published version (or the one asked for) and its history.</summary>
public sealed record PublishedRecord(AlgorithmRecord Record, Organisation Organisation, AlgorithmRecordVersion Version, RecordContent Content, IReadOnlyList<VersionChanges> History);

/// <summary>A record as its organisation sees it: the working copy, what it changes from the published version, the history and the problems reported.</summary>
public sealed record WorkingRecord(
    AlgorithmRecord Record,
    Organisation Organisation,
    RecordContent Content,
    IReadOnlyList<FieldChange> Unpublished,
    IReadOnlyList<VersionChanges> History,
    IReadOnlyList<AlgorithmProblemReport> Problems,
    bool CanEdit,
    bool CanSubmit,
    bool CanPublish);

/// <summary>One row of an organisation's own list of records.</summary>
public sealed record RecordSummary(AlgorithmRecord Record, string Title, int OpenProblems);

public sealed record OrganisationRecords(Organisation Organisation, IReadOnlyList<RecordSummary> Records, bool CanCreate);

/// <summary>One row of the public finder.</summary>
public sealed record RegisterEntry(long Id, int Version, string Title, string Summary, Organisation Organisation, DateTime PublishedAt, RecordContent Content);

/// <summary>A value of a facet with how many records the search would find if it were chosen.</summary>
public sealed record FacetValue(string Value, string Label, int Count, bool Selected);

public sealed record Facet(string Key, string Name, IReadOnlyList<FacetValue> Values);

/// <summary>What the finder was asked: words, chosen facet values (facet key → values) and a page.</summary>
public sealed record RegisterQuery(string? Text, IReadOnlyDictionary<string, IReadOnlyList<string>> Filters, int Page = 1, int PageSize = 20);

public sealed record RegisterPage(RegisterQuery Query, IReadOnlyList<RegisterEntry> Items, int Total, IReadOnlyList<Facet> Facets)
{
    public int Pages => Math.Max(1, (Total + Query.PageSize - 1) / Query.PageSize);
}

/// <summary>
/// The algorithm register. An organisation's contributors draft records of the algorithmic tools it uses and send
/// them for review; its approvers publish them, each publication a new numbered version kept for ever. Drafts and
/// records in review are private to the organisation: anyone else is told they do not exist. The public finds
/// published records by words and by the facets GOV.UK's finder uses, and reports problems with them, which the
/// organisation sees and marks resolved. Every write is in the audit log.
/// </summary>
public sealed class AlgorithmRegister(ObservatoryDbContext db, CurrentActor current, TimeProvider clock)
{
    public const int MaxPageSize = 100;

    /// <summary>The facets of the finder: GOV.UK's (organisation, type, function, capability, phase, region) and the Dutch register's category and status.</summary>
    public static readonly IReadOnlyList<(string Key, string Name, string Attribute, IReadOnlyList<VocabularyValue>? Vocabulary)> FacetFields =
    [
        ("organisation", "Organisation", "", null),
        ("organisation_type", "Organisation type", "organisation_type", RegisterVocabularies.OrganisationTypes),
        ("function", "Function", "function", RegisterVocabularies.Functions),
        ("capability", "Capability", "capability", RegisterVocabularies.Capabilities),
        ("phase", "Phase", "phase", RegisterVocabularies.Phases),
        ("region", "Region", "region", RegisterVocabularies.Regions),
        ("publication_category", "Publication category", "publication_category", RegisterVocabularies.PublicationCategories),
        ("status", "Status", "status", RegisterVocabularies.Statuses),
    ];

    private Actor Actor => current.Actor;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private static readonly Refusal NoSuchRecord = Refusal.NotFound("There is no algorithm record with that number that you can see.");

    // ---- the public register ----

    /// <summary>Published records matching the query, newest first, with facet counts (each facet counted as if its own choice were not made).</summary>
    public async Task<Outcome<RegisterPage>> SearchAsync(RegisterQuery query, CancellationToken cancellationToken = default)
    {
        if (query.Page < 1)
        {
            return Refusal.Invalid("page", "The page must be 1 or more");
        }
        if (query.PageSize is < 1 or > MaxPageSize)
        {
            return Refusal.Invalid("pageSize", $"The page size must be from 1 to {MaxPageSize}");
        }
        foreach (var key in query.Filters.Keys.Where(k => FacetFields.All(f => f.Key != k)))
        {
            return Refusal.Invalid(key, $"There is no facet {InputLimits.Quote(key)}; the facets are {string.Join(", ", FacetFields.Select(f => f.Key))}");
        }
        var all = await PublishedEntriesAsync(cancellationToken);
        var words = (query.Text ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var matching = all.Where(e => words.All(w => SearchText(e).Contains(w, StringComparison.OrdinalIgnoreCase))).ToList();
        bool Passes(RegisterEntry e, string? except) => query.Filters.All(f => f.Key == except || f.Value.Count == 0 || f.Value.Contains(FacetValueOf(e, f.Key) ?? ""));
        var found = matching.Where(e => Passes(e, null)).OrderByDescending(e => e.PublishedAt).ThenByDescending(e => e.Id).ToList();
        var facets = new List<Facet>();
        foreach (var (key, name, _, vocabulary) in FacetFields)
        {
            var chosen = query.Filters.GetValueOrDefault(key) ?? [];
            var counts = matching.Where(e => Passes(e, key)).GroupBy(e => FacetValueOf(e, key)).Where(g => g.Key is not null).ToDictionary(g => g.Key!, g => g.Count());
            IEnumerable<(string Value, string Label)> values = vocabulary is null
                ? all.Select(e => (e.Organisation.Slug, e.Organisation.Name)).Distinct().OrderBy(v => v.Name, StringComparer.OrdinalIgnoreCase)
                : vocabulary.Select(v => (v.Slug, v.Label));
            facets.Add(new Facet(key, name, [.. values.Select(v => new FacetValue(v.Item1, v.Item2, counts.GetValueOrDefault(v.Item1), chosen.Contains(v.Item1)))
                .Where(v => v.Count > 0 || v.Selected)]));
        }
        return new RegisterPage(query, [.. found.Skip((query.Page - 1) * query.PageSize).Take(query.PageSize)], found.Count, facets);
    }

    private static string SearchText(RegisterEntry e) =>
        string.Join(' ', e.Title, e.Summary, e.Organisation.Name, e.Content["name"], e.Content["description"], e.Content["tags"], e.Content["task"]);

    private static string? FacetValueOf(RegisterEntry e, string key) => key == "organisation" ? e.Organisation.Slug : e.Content[FacetFields.First(f => f.Key == key).Attribute];

    /// <summary>Every record's latest published version. A register holds hundreds of records, not millions: they are filtered here rather than in SQL so that the facets count alike on every database.</summary>
    public async Task<List<RegisterEntry>> PublishedEntriesAsync(CancellationToken cancellationToken = default)
    {
        var versions = db.Set<AlgorithmRecordVersion>();
        var rows = await db.AlgorithmRecords.AsNoTracking().Where(r => r.PublishedVersion > 0)
            .Join(versions, r => new { r.Id, Number = r.PublishedVersion }, v => new { Id = v.RecordId, v.Number }, (r, v) => v)
            .ToListAsync(cancellationToken);
        var organisationIds = rows.Select(r => r.OrganisationId).Distinct().ToList();
        var organisations = await db.Organisations.AsNoTracking().Where(o => organisationIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, cancellationToken);
        return [.. rows.Select(v =>
        {
            var content = RecordContent.Deserialise(v.Content);
            return new RegisterEntry(v.RecordId, v.Number, content.Title, content.Summary, organisations[v.OrganisationId], v.PublishedAt, content);
        })];
    }

    /// <summary>A published record, at its latest version or at <paramref name="version"/>; not found until it is first published.</summary>
    public async Task<Outcome<PublishedRecord>> FindPublishedAsync(long id, int? version = null, CancellationToken cancellationToken = default)
    {
        var record = await db.AlgorithmRecords.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (record is null || record.PublishedVersion == 0)
        {
            return NoSuchRecord;
        }
        var history = await HistoryAsync(record.Id, cancellationToken);
        var shown = history.FirstOrDefault(h => h.Version.Number == (version ?? record.PublishedVersion));
        if (shown is null)
        {
            return Refusal.NotFound($"Record {id} has no version {version}.");
        }
        var organisation = await db.Organisations.AsNoTracking().FirstAsync(o => o.Id == record.OrganisationId, cancellationToken);
        return new PublishedRecord(record, organisation, shown.Version, RecordContent.Deserialise(shown.Version.Content), history);
    }

    /// <summary>Every published version, newest first, each with its changes from the one before.</summary>
    private async Task<List<VersionChanges>> HistoryAsync(long recordId, CancellationToken cancellationToken)
    {
        var versions = await db.AlgorithmRecordVersions.AsNoTracking().Where(v => v.RecordId == recordId).OrderBy(v => v.Number).ToListAsync(cancellationToken);
        var history = new List<VersionChanges>();
        RecordContent? before = null;
        foreach (var v in versions)
        {
            var content = RecordContent.Deserialise(v.Content);
            history.Add(new VersionChanges(v, RecordRules.Differences(before, content)));
            before = content;
        }
        history.Reverse();
        return history;
    }

    /// <summary>Anyone may report a problem with a published record; only its organisation sees the report.</summary>
    public async Task<Outcome<AlgorithmProblemReport>> ReportProblemAsync(long id, string? description, string? contact, CancellationToken cancellationToken = default)
    {
        var record = await db.AlgorithmRecords.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (record is null || record.PublishedVersion == 0)
        {
            return NoSuchRecord;
        }
        var problems = new List<ContentProblem>();
        description = description?.Trim() ?? "";
        contact = string.IsNullOrWhiteSpace(contact) ? null : contact.Trim();
        if (description.Length == 0)
        {
            problems.Add(new ContentProblem("", 0, 0, "description", "Describe the problem with this record"));
        }
        else if (description.Length > AlgorithmProblemReport.MaxDescriptionLength)
        {
            problems.Add(new ContentProblem("", 0, 0, "description", $"The description must be {AlgorithmProblemReport.MaxDescriptionLength:N0} characters or fewer"));
        }
        if (contact?.Length > AlgorithmProblemReport.MaxContactLength)
        {
            problems.Add(new ContentProblem("", 0, 0, "contact", $"The contact details must be {AlgorithmProblemReport.MaxContactLength} characters or fewer"));
        }
        if (problems.Count > 0)
        {
            return Refusal.Invalid(problems);
        }
        var report = new AlgorithmProblemReport
        {
            RecordId = record.Id,
            OrganisationId = record.OrganisationId,
            Version = record.PublishedVersion,
            Description = description.ReplaceLineEndings("\n"),
            Contact = contact,
            ReportedAt = Now,
        };
        db.AlgorithmProblemReports.Add(report);
        await db.SaveChangesAsync(cancellationToken);
        return report;
    }

    // ---- the organisation's own records ----

    public async Task<Outcome<OrganisationRecords>> ListAsync(string slug, CancellationToken cancellationToken = default)
    {
        if (!(await MemberOfAsync(slug, cancellationToken)).Succeeded(out var organisation, out var refusal))
        {
            return refusal;
        }
        var records = await db.AlgorithmRecords.AsNoTracking().Where(r => r.OrganisationId == organisation.Id).OrderByDescending(r => r.UpdatedAt).ToListAsync(cancellationToken);
        var open = await db.AlgorithmProblemReports.AsNoTracking().Where(p => p.OrganisationId == organisation.Id && p.ResolvedAt == null)
            .GroupBy(p => p.RecordId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        return new OrganisationRecords(organisation, [.. records.Select(r => new RecordSummary(r, RecordContent.Deserialise(r.Content).Title, open.GetValueOrDefault(r.Id)))],
            AccessPolicy.CanContribute(Actor, organisation.Id));
    }

    /// <summary>Whether the actor may add records for the organisation: asked before a file is read, so outsiders learn nothing from its problems.</summary>
    public async Task<Outcome> MayAddAsync(string slug, CancellationToken cancellationToken = default)
    {
        if (!(await MemberOfAsync(slug, cancellationToken)).Succeeded(out var organisation, out var refusal))
        {
            return refusal;
        }
        return AccessPolicy.CanContribute(Actor, organisation.Id) ? Outcome.Done : Refusal.Forbidden($"Only a contributor of {organisation.Name} can add algorithm records.");
    }

    /// <summary>Starts a draft record for the organisation, its organisation name filled in.</summary>
    public async Task<Outcome<WorkingRecord>> CreateAsync(string slug, RecordContent content, CancellationToken cancellationToken = default)
    {
        if (!(await MemberOfAsync(slug, cancellationToken)).Succeeded(out var organisation, out var refusal))
        {
            return refusal;
        }
        if (!AccessPolicy.CanContribute(Actor, organisation.Id))
        {
            return Refusal.Forbidden($"Only a contributor of {organisation.Name} can add an algorithm record.");
        }
        if (Check(content) is { } invalid)
        {
            return invalid;
        }
        var record = New(organisation, content);
        db.AlgorithmRecords.Add(record);
        await db.SaveChangesAsync(cancellationToken);
        return await WorkingAsync(record, organisation, cancellationToken);
    }

    private AlgorithmRecord New(Organisation organisation, RecordContent content)
    {
        if (content["organisation_name"] is null)
        {
            content.Set("organisation_name", organisation.Name);
        }
        return new AlgorithmRecord
        {
            OrganisationId = organisation.Id,
            Content = content.Serialise(),
            CreatedAt = Now,
            CreatedBy = Actor.Name,
            UpdatedAt = Now,
            UpdatedBy = Actor.Name,
        };
    }

    /// <summary>
    /// Adds every record of a file as a draft: all or none. Each problem names the file, the line and the field.
    /// </summary>
    public async Task<Outcome<List<AlgorithmRecord>>> ImportAsync(string slug, string file, IReadOnlyList<ImportedRecord> records, CancellationToken cancellationToken = default)
    {
        if (!(await MemberOfAsync(slug, cancellationToken)).Succeeded(out var organisation, out var refusal))
        {
            return refusal;
        }
        if (!AccessPolicy.CanContribute(Actor, organisation.Id))
        {
            return Refusal.Forbidden($"Only a contributor of {organisation.Name} can add algorithm records.");
        }
        if (records.Count == 0)
        {
            return Refusal.Invalid([new ContentProblem(file, 1, 0, "", "The file holds no records")]);
        }
        var problems = records.SelectMany(r => RecordRules.Problems(r.Content, file, r.Line)).ToList();
        if (problems.Count > 0)
        {
            return Refusal.Invalid(problems);
        }
        var added = records.Select(r => New(organisation, r.Content)).ToList();
        db.AlgorithmRecords.AddRange(added);
        await db.SaveChangesAsync(cancellationToken);
        return added;
    }

    /// <summary>The working copy, for the organisation's members (and site administrators) only.</summary>
    public async Task<Outcome<WorkingRecord>> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        if (!(await OwnAsync(id, cancellationToken)).Succeeded(out var found, out var refusal))
        {
            return refusal;
        }
        return await WorkingAsync(found.Record, found.Organisation, cancellationToken);
    }

    /// <summary>
    /// Replaces the working copy. Contributors edit drafts and published records (which starts a new draft beside
    /// the published version); a record in review is changed only by an approver, or sent back to draft.
    /// </summary>
    public async Task<Outcome<WorkingRecord>> SaveAsync(long id, RecordContent content, CancellationToken cancellationToken = default)
    {
        if (!(await OwnAsync(id, cancellationToken, track: true)).Succeeded(out var found, out var refusal))
        {
            return refusal;
        }
        var record = found.Record;
        if (!CanEdit(record))
        {
            return record.State == WorkflowState.Submitted && Actor.HasRole(record.OrganisationId, Role.Contributor) && Actor.MayWrite
                ? Refusal.Conflict("The record is waiting for approval: an approver may change it or send it back to draft.")
                : Refusal.Forbidden($"Only a contributor of {found.Organisation.Name} with a write token can change this record.");
        }
        if (Check(content) is { } invalid)
        {
            return invalid;
        }
        var serialised = content.Serialise();
        if (serialised != record.Content || record.State == WorkflowState.Published)
        {
            record.Content = serialised;
            if (record.State == WorkflowState.Published && !await SameAsPublishedAsync(record, content, cancellationToken))
            {
                record.State = WorkflowState.Draft;
            }
            record.UpdatedAt = Now;
            record.UpdatedBy = Actor.Name;
            await db.SaveChangesAsync(cancellationToken);
        }
        return await WorkingAsync(record, found.Organisation, cancellationToken);
    }

    private async Task<bool> SameAsPublishedAsync(AlgorithmRecord record, RecordContent content, CancellationToken cancellationToken) =>
        record.PublishedVersion > 0 && await db.AlgorithmRecordVersions.AsNoTracking().Where(v => v.RecordId == record.Id && v.Number == record.PublishedVersion)
            .Select(v => v.Content).FirstAsync(cancellationToken) is var published && RecordContent.Deserialise(published).SameAs(content);

    /// <summary>Sends a draft for approval: 400 naming each title or Tier 1 field still empty; 409 if it is not a draft.</summary>
    public async Task<Outcome<WorkingRecord>> SubmitAsync(long id, CancellationToken cancellationToken = default)
    {
        if (!(await OwnAsync(id, cancellationToken, track: true)).Succeeded(out var found, out var refusal))
        {
            return refusal;
        }
        var record = found.Record;
        if (!CanEdit(record))
        {
            return Refusal.Forbidden($"Only a contributor of {found.Organisation.Name} with a write token can send this record for approval.");
        }
        if (record.State != WorkflowState.Draft)
        {
            return Refusal.Conflict(record.State == WorkflowState.Submitted ? "The record is already waiting for approval." : "The record is published and has no changes to send.");
        }
        var missing = RecordRules.MissingToSubmit(RecordContent.Deserialise(record.Content));
        if (missing.Count > 0)
        {
            return Refusal.Invalid(missing);
        }
        record.State = WorkflowState.Submitted;
        record.SubmittedAt = Now;
        record.SubmittedBy = Actor.Name;
        await db.SaveChangesAsync(cancellationToken);
        return await WorkingAsync(record, found.Organisation, cancellationToken);
    }

    /// <summary>An approver sends a record in review back to draft.</summary>
    public async Task<Outcome<WorkingRecord>> ReturnAsync(long id, CancellationToken cancellationToken = default)
    {
        if (!(await OwnAsync(id, cancellationToken, track: true)).Succeeded(out var found, out var refusal))
        {
            return refusal;
        }
        var record = found.Record;
        if (!MayApprove(record))
        {
            return Refusal.Forbidden($"Only an approver of {found.Organisation.Name} with a write token can send a record back.");
        }
        if (record.State != WorkflowState.Submitted)
        {
            return Refusal.Conflict("Only a record waiting for approval can be sent back to draft.");
        }
        record.State = WorkflowState.Draft;
        record.UpdatedAt = Now;
        record.UpdatedBy = Actor.Name;
        await db.SaveChangesAsync(cancellationToken);
        return await WorkingAsync(record, found.Organisation, cancellationToken);
    }

    /// <summary>The organisation's approver publishes a record in review as its next version, with an optional note of what changed.</summary>
    public async Task<Outcome<WorkingRecord>> PublishAsync(long id, string? changeNote, CancellationToken cancellationToken = default)
    {
        if (!(await OwnAsync(id, cancellationToken, track: true)).Succeeded(out var found, out var refusal))
        {
            return refusal;
        }
        var record = found.Record;
        if (!MayApprove(record))
        {
            return Refusal.Forbidden($"Only an approver of {found.Organisation.Name} with a write token can publish this record.");
        }
        if (record.State != WorkflowState.Submitted)
        {
            return Refusal.Conflict("Only a record sent for approval can be published.");
        }
        changeNote = string.IsNullOrWhiteSpace(changeNote) ? null : changeNote.Trim();
        if (changeNote?.Length > AlgorithmProblemReport.MaxDescriptionLength)
        {
            return Refusal.Invalid("changeNote", $"The note of what changed must be {AlgorithmProblemReport.MaxDescriptionLength:N0} characters or fewer");
        }
        record.PublishedVersion++;
        record.State = WorkflowState.Published;
        record.UpdatedAt = Now;
        record.UpdatedBy = Actor.Name;
        db.AlgorithmRecordVersions.Add(new AlgorithmRecordVersion
        {
            RecordId = record.Id,
            OrganisationId = record.OrganisationId,
            Number = record.PublishedVersion,
            Content = record.Content,
            ChangeNote = changeNote,
            PublishedAt = Now,
            PublishedBy = Actor.Name,
        });
        await db.SaveChangesAsync(cancellationToken);
        return await WorkingAsync(record, found.Organisation, cancellationToken);
    }

    /// <summary>A member of the owning organisation (contributor or above) marks a reported problem resolved, saying what was done.</summary>
    public async Task<Outcome<AlgorithmProblemReport>> ResolveProblemAsync(long id, long reportId, string? resolution, CancellationToken cancellationToken = default)
    {
        if (!(await OwnAsync(id, cancellationToken)).Succeeded(out var found, out var refusal))
        {
            return refusal;
        }
        if (!AccessPolicy.CanContribute(Actor, found.Record.OrganisationId))
        {
            return Refusal.Forbidden($"Only a contributor of {found.Organisation.Name} with a write token can resolve a reported problem.");
        }
        var report = await db.AlgorithmProblemReports.FirstOrDefaultAsync(p => p.Id == reportId && p.RecordId == id, cancellationToken);
        if (report is null)
        {
            return Refusal.NotFound($"Record {id} has no reported problem {reportId}.");
        }
        if (report.ResolvedAt is not null)
        {
            return Refusal.Conflict("That problem is already marked resolved.");
        }
        resolution = string.IsNullOrWhiteSpace(resolution) ? null : resolution.Trim();
        if (resolution?.Length > AlgorithmProblemReport.MaxDescriptionLength)
        {
            return Refusal.Invalid("resolution", $"What was done must be {AlgorithmProblemReport.MaxDescriptionLength:N0} characters or fewer");
        }
        report.ResolvedAt = Now;
        report.ResolvedBy = Actor.Name;
        report.Resolution = resolution;
        await db.SaveChangesAsync(cancellationToken);
        return report;
    }

    private bool CanEdit(AlgorithmRecord record) =>
        record.State == WorkflowState.Submitted ? MayApprove(record) : AccessPolicy.CanContribute(Actor, record.OrganisationId);

    private bool MayApprove(AlgorithmRecord record) =>
        Actor.MayWrite && (Actor.IsSiteAdministrator || Actor.HasRole(record.OrganisationId, Role.Approver));

    private static Refusal? Check(RecordContent content) => RecordRules.Problems(content) is { Count: > 0 } problems ? Refusal.Invalid(problems) : null;

    private async Task<WorkingRecord> WorkingAsync(AlgorithmRecord record, Organisation organisation, CancellationToken cancellationToken)
    {
        var history = await HistoryAsync(record.Id, cancellationToken);
        var content = RecordContent.Deserialise(record.Content);
        var published = history.Count > 0 ? RecordContent.Deserialise(history[0].Version.Content) : null;
        var problems = await db.AlgorithmProblemReports.AsNoTracking().Where(p => p.RecordId == record.Id).OrderByDescending(p => p.Id).ToListAsync(cancellationToken);
        return new WorkingRecord(record, organisation, content, published is null ? [] : RecordRules.Differences(published, content), history, problems,
            CanEdit(record), record.State == WorkflowState.Draft && CanEdit(record), record.State == WorkflowState.Submitted && MayApprove(record));
    }

    private async Task<Outcome<Organisation>> MemberOfAsync(string slug, CancellationToken cancellationToken)
    {
        var organisation = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Slug == slug, cancellationToken);
        // Outsiders are not told which organisations keep records in the register.
        return organisation is not null && (Actor.IsSiteAdministrator || Actor.RoleIn(organisation.Id) is not null)
            ? organisation
            : Refusal.NotFound($"There is no organisation '{slug}' whose algorithm records you can see.");
    }

    private async Task<Outcome<(AlgorithmRecord Record, Organisation Organisation)>> OwnAsync(long id, CancellationToken cancellationToken, bool track = false)
    {
        var records = track ? db.AlgorithmRecords : db.AlgorithmRecords.AsNoTracking();
        var record = await records.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (record is null || !(Actor.IsSiteAdministrator || Actor.RoleIn(record.OrganisationId) is not null))
        {
            return NoSuchRecord;
        }
        var organisation = await db.Organisations.AsNoTracking().FirstAsync(o => o.Id == record.OrganisationId, cancellationToken);
        return (record, organisation);
    }
}
