using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Observatory.Accounts;
using Observatory.Content;
using Observatory.Frameworks;
using Observatory.Outcomes;
using Observatory.Storage;

namespace Observatory.Decisions;

/// <summary>What a person sends to change or add a segment: its name and its guiding questions (one per item or line).</summary>
public sealed record SegmentInput(string? Name, IReadOnlyList<string?>? Questions);

/// <summary>One row of an organisation's list of its own wheels.</summary>
public sealed record OrganisationWheelSummary(OrganisationWheel Row, DecisionWheel Latest);

/// <summary>An organisation's own wheels, the shipped wheels it may copy, and whether the actor may copy and edit.</summary>
public sealed record OrganisationWheelList(Organisation Organisation, IReadOnlyList<OrganisationWheelSummary> Wheels, IReadOnlyList<DecisionWheel> Shipped, bool CanEdit);

/// <summary>One version of an organisation's wheel as it stood, every version's change, and whether the actor may edit it.</summary>
public sealed record OrganisationWheelRecord(Organisation Organisation, OrganisationWheel Row, DecisionWheel Wheel, IReadOnlyList<OrganisationWheelVersion> Versions, bool CanEdit)
{
    public bool IsLatest => Wheel.Version == Row.LatestVersion.ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// Organisations' own decision wheels (docs/decisions.md): a contributor copies a shipped wheel, or one of the
/// organisation's own, then changes its segments' names and guiding questions, adds segments and removes them. Each
/// change saves a whole new version, so a decision scored on version 2 is shown on version 2 whatever came after.
/// Members read; contributors change; anyone else is told the organisation has no such wheel.
/// </summary>
public sealed class OrganisationWheels(ObservatoryDbContext db, DecisionWheels shipped, CurrentActor current, TimeProvider clock)
{
    public const int MaxWheelsPerOrganisation = 50;
    public const int MaxQuestions = 10;

    private Actor Actor => current.Actor;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>An organisation's wheels, latest versions, for its members.</summary>
    public async Task<Outcome<OrganisationWheelList>> ListAsync(string slug, CancellationToken cancellationToken = default)
    {
        if (!(await OrganisationAsync(slug, cancellationToken)).Succeeded(out var organisation, out var refusal))
        {
            return refusal;
        }
        return new OrganisationWheelList(organisation, await LatestAsync(organisation, cancellationToken), shipped.Wheels, AccessPolicy.CanContribute(Actor, organisation.Id));
    }

    /// <summary>The latest version of each of an organisation's wheels, by title: the wheels a new decision may be scored on.</summary>
    public async Task<IReadOnlyList<OrganisationWheelSummary>> LatestAsync(Organisation organisation, CancellationToken cancellationToken = default)
    {
        var rows = await db.OrganisationWheels.AsNoTracking().Where(w => w.OrganisationId == organisation.Id).ToListAsync(cancellationToken);
        var ids = rows.Select(r => r.Id).ToList();
        var versions = await db.OrganisationWheelVersions.AsNoTracking().Where(v => ids.Contains(v.OrganisationWheelId)).ToListAsync(cancellationToken);
        return [.. rows.Select(r => new OrganisationWheelSummary(r, ToWheel(organisation, r, versions.Single(v => v.OrganisationWheelId == r.Id && v.Version == r.LatestVersion))))
            .OrderBy(w => w.Latest.Title, StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>
    /// The wheel a decision of <paramref name="organisationId"/> names: a shipped wheel, or that organisation's own wheel
    /// at the version given (its latest when none is). No access check: the caller has checked access to the decision.
    /// </summary>
    public async Task<DecisionWheel?> FindAsync(long organisationId, string wheelId, string? version, CancellationToken cancellationToken = default)
    {
        if (shipped.Find(wheelId) is { } wheel)
        {
            return wheel;
        }
        var row = await db.OrganisationWheels.AsNoTracking().FirstOrDefaultAsync(w => w.OrganisationId == organisationId && w.WheelId == wheelId, cancellationToken);
        if (row is null)
        {
            return null;
        }
        var number = version is null ? row.LatestVersion : int.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1;
        var stored = await db.OrganisationWheelVersions.AsNoTracking().FirstOrDefaultAsync(v => v.OrganisationWheelId == row.Id && v.Version == number, cancellationToken);
        if (stored is null)
        {
            return null;
        }
        var organisation = await db.Organisations.AsNoTracking().FirstAsync(o => o.Id == organisationId, cancellationToken);
        return ToWheel(organisation, row, stored);
    }

    /// <summary>One of an organisation's wheels at a version (the latest when none is given), with every version's change.</summary>
    public async Task<Outcome<OrganisationWheelRecord>> GetAsync(string slug, string wheelId, int? version = null, CancellationToken cancellationToken = default)
    {
        if (!(await OrganisationAsync(slug, cancellationToken)).Succeeded(out var organisation, out var refusal))
        {
            return refusal;
        }
        var row = await db.OrganisationWheels.AsNoTracking().FirstOrDefaultAsync(w => w.OrganisationId == organisation.Id && w.WheelId == wheelId, cancellationToken);
        if (row is null)
        {
            return Refusal.NotFound($"{organisation.Name} has no decision wheel {InputLimits.Quote(wheelId)}.");
        }
        var versions = await db.OrganisationWheelVersions.AsNoTracking().Where(v => v.OrganisationWheelId == row.Id).OrderByDescending(v => v.Version).ToListAsync(cancellationToken);
        if (versions.FirstOrDefault(v => v.Version == (version ?? row.LatestVersion)) is not { } chosen)
        {
            return Refusal.NotFound($"{organisation.Name}'s decision wheel {InputLimits.Quote(wheelId)} has no version {version}.");
        }
        return new OrganisationWheelRecord(organisation, row, ToWheel(organisation, row, chosen), versions, AccessPolicy.CanContribute(Actor, organisation.Id));
    }

    /// <summary>
    /// Copies a shipped wheel, or one of the organisation's own, as the organisation's new wheel (version 1). Its id is
    /// made from the title, unique within the organisation and never a shipped wheel's id.
    /// </summary>
    public async Task<Outcome<OrganisationWheelRecord>> CopyAsync(string slug, string? sourceId, string? title, CancellationToken cancellationToken = default)
    {
        if (!(await WritableOrganisationAsync(slug, cancellationToken)).Succeeded(out var organisation, out var refusal))
        {
            return refusal;
        }
        var problems = new List<ContentProblem>();
        var source = string.IsNullOrWhiteSpace(sourceId) ? null : await FindAsync(organisation.Id, sourceId.Trim(), null, cancellationToken);
        if (source is null)
        {
            problems.Add(Problem("copyOf", string.IsNullOrWhiteSpace(sourceId)
                ? "Choose the wheel to copy"
                : $"{InputLimits.Quote(sourceId)} is not a shipped wheel or one of {organisation.Name}'s wheels"));
        }
        var name = Blank(title) ?? (source is null ? null : $"{source.Title} ({organisation.Name})");
        CheckLength(problems, "title", name, FrameworkReader.MaxNameLength, "The title");
        var existing = await db.OrganisationWheels.AsNoTracking().Where(w => w.OrganisationId == organisation.Id).Select(w => w.WheelId).ToListAsync(cancellationToken);
        if (existing.Count >= MaxWheelsPerOrganisation)
        {
            problems.Add(Problem("copyOf", $"{organisation.Name} already has {MaxWheelsPerOrganisation} wheels, the most an organisation may keep"));
        }
        if (problems.Count > 0)
        {
            return Refusal.Invalid(problems);
        }
        var content = WheelContent.Of(source!) with { Title = name! };
        var wheelId = UniqueId(AccountService.Slug(name!), id => existing.Contains(id) || shipped.Find(id) is not null);
        var row = new OrganisationWheel
        {
            OrganisationId = organisation.Id,
            WheelId = wheelId,
            CopiedFrom = $"{source!.Id} {source.Version}",
            LatestVersion = 1,
            CreatedAt = Now,
            CreatedBy = Actor.Name,
            UpdatedAt = Now,
            UpdatedBy = Actor.Name,
        };
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.OrganisationWheels.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        db.OrganisationWheelVersions.Add(new OrganisationWheelVersion
        {
            OrganisationWheelId = row.Id,
            OrganisationId = organisation.Id,
            Version = 1,
            Content = content.ToJson(),
            Change = $"Copied from {source.Title}, version {source.Version}",
            CreatedAt = Now,
            CreatedBy = Actor.Name,
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return await GetAsync(slug, wheelId, cancellationToken: cancellationToken);
    }

    /// <summary>Renames a segment or changes its guiding questions: a new version. Its id, ring, origin and Doughnut element stay.</summary>
    public async Task<Outcome<OrganisationWheelRecord>> ChangeSegmentAsync(string slug, string wheelId, string segmentId, SegmentInput input, CancellationToken cancellationToken = default)
    {
        if (!(await WritableAsync(slug, wheelId, cancellationToken)).Succeeded(out var record, out var refusal))
        {
            return refusal;
        }
        if (record.Wheel.Segment(segmentId) is not { } segment)
        {
            return Refusal.NotFound($"{record.Wheel.Title} has no segment {InputLimits.Quote(segmentId)}.");
        }
        var problems = new List<ContentProblem>();
        var (name, questions) = CheckSegment(problems, input);
        if (problems.Count > 0)
        {
            return Refusal.Invalid(problems);
        }
        if (name == segment.Name && questions.SequenceEqual(segment.Questions))
        {
            // Saving the form unchanged is not a change: no new version.
            return record;
        }
        var content = WheelContent.Of(record.Wheel);
        content = content with
        {
            Rings = [.. content.Rings.Select(r => r with { Segments = [.. r.Segments.Select(s => s.Id == segment.Id ? s with { Name = name!, Questions = questions } : s)] })],
        };
        var change = name == segment.Name ? $"Changed the guiding questions of {segment.Name}" : $"Renamed {segment.Name} to {name} and changed its guiding questions";
        if (name != segment.Name && questions.SequenceEqual(segment.Questions))
        {
            change = $"Renamed {segment.Name} to {name}";
        }
        return await SaveVersionAsync(record, content, change, cancellationToken);
    }

    /// <summary>Adds a segment at the end of a ring: a new version. Its origin says the organisation added it.</summary>
    public async Task<Outcome<OrganisationWheelRecord>> AddSegmentAsync(string slug, string wheelId, string? ringId, SegmentInput input, CancellationToken cancellationToken = default)
    {
        if (!(await WritableAsync(slug, wheelId, cancellationToken)).Succeeded(out var record, out var refusal))
        {
            return refusal;
        }
        var problems = new List<ContentProblem>();
        var ring = record.Wheel.Rings.FirstOrDefault(r => r.Id == ringId);
        if (ring is null)
        {
            problems.Add(Problem("ring", $"Choose the ring to add the segment to: {string.Join(", ", record.Wheel.Rings.Select(r => r.Id))}"));
        }
        var (name, questions) = CheckSegment(problems, input);
        if (record.Wheel.SegmentCount >= DecisionWheelReader.MaxSegments)
        {
            problems.Add(Problem("name", $"A wheel may have at most {DecisionWheelReader.MaxSegments} segments; remove one first"));
        }
        if (problems.Count > 0)
        {
            return Refusal.Invalid(problems);
        }
        var segmentId = UniqueId(AccountService.Slug(name!), id => record.Wheel.Segment(id) is not null);
        var content = WheelContent.Of(record.Wheel);
        var added = new WheelContent.Segment(segmentId, name!, $"Added by {record.Organisation.Name}.", null, questions);
        content = content with { Rings = [.. content.Rings.Select(r => r.Id == ring!.Id ? r with { Segments = [.. r.Segments, added] } : r)] };
        return await SaveVersionAsync(record, content, $"Added {name} to the {ring!.Name.ToLowerInvariant()}", cancellationToken);
    }

    /// <summary>Removes a segment: a new version. Decisions scored on earlier versions keep it. A ring keeps at least one segment.</summary>
    public async Task<Outcome<OrganisationWheelRecord>> RemoveSegmentAsync(string slug, string wheelId, string segmentId, CancellationToken cancellationToken = default)
    {
        if (!(await WritableAsync(slug, wheelId, cancellationToken)).Succeeded(out var record, out var refusal))
        {
            return refusal;
        }
        if (record.Wheel.Segment(segmentId) is not { } segment || record.Wheel.RingOf(segmentId) is not { } ring)
        {
            return Refusal.NotFound($"{record.Wheel.Title} has no segment {InputLimits.Quote(segmentId)}.");
        }
        if (ring.Segments.Count == 1)
        {
            return Refusal.Conflict($"{segment.Name} is the last segment of the {ring.Name.ToLowerInvariant()}; a wheel keeps at least one segment in each ring.");
        }
        var content = WheelContent.Of(record.Wheel);
        content = content with { Rings = [.. content.Rings.Select(r => r with { Segments = [.. r.Segments.Where(s => s.Id != segment.Id)] })] };
        return await SaveVersionAsync(record, content, $"Removed {segment.Name}", cancellationToken);
    }

    private async Task<Outcome<OrganisationWheelRecord>> SaveVersionAsync(OrganisationWheelRecord record, WheelContent content, string change, CancellationToken cancellationToken)
    {
        var row = await db.OrganisationWheels.FirstAsync(w => w.Id == record.Row.Id, cancellationToken);
        var version = row.LatestVersion + 1;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        row.LatestVersion = version;
        row.UpdatedAt = Now;
        row.UpdatedBy = Actor.Name;
        db.OrganisationWheelVersions.Add(new OrganisationWheelVersion
        {
            OrganisationWheelId = row.Id,
            OrganisationId = row.OrganisationId,
            Version = version,
            Content = content.ToJson(),
            Change = change,
            CreatedAt = Now,
            CreatedBy = Actor.Name,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two people saved at once: the unique version number keeps the first; the second is asked to look again.
            return Refusal.Conflict("Someone else changed this wheel at the same time. Look at its latest version and make your change again.");
        }
        await transaction.CommitAsync(cancellationToken);
        return await GetAsync(record.Organisation.Slug, row.WheelId, cancellationToken: cancellationToken);
    }

    private static (string? Name, IReadOnlyList<string> Questions) CheckSegment(List<ContentProblem> problems, SegmentInput input)
    {
        var name = Blank(input.Name);
        if (name is null)
        {
            problems.Add(Problem("name", "Enter the segment's name"));
        }
        CheckLength(problems, "name", name, FrameworkReader.MaxNameLength, "The name");
        var questions = (input.Questions ?? []).SelectMany(q => (q ?? "").Split('\n')).Select(q => q.Trim()).Where(q => q.Length > 0).ToList();
        if (questions.Count == 0)
        {
            problems.Add(Problem("questions", "Enter at least one guiding question"));
        }
        else if (questions.Count > MaxQuestions)
        {
            problems.Add(Problem("questions", $"Give at most {MaxQuestions} guiding questions"));
        }
        for (var i = 0; i < questions.Count; i++)
        {
            CheckLength(problems, $"questions[{i}]", questions[i], FrameworkReader.MaxTextLength, $"Question {i + 1}");
        }
        return (name, questions);
    }

    private async Task<Outcome<OrganisationWheelRecord>> WritableAsync(string slug, string wheelId, CancellationToken cancellationToken)
    {
        if (!(await GetAsync(slug, wheelId, cancellationToken: cancellationToken)).Succeeded(out var record, out var refusal))
        {
            return refusal;
        }
        return record.CanEdit ? record : Refusal.Forbidden($"Only a contributor of {record.Organisation.Name} can change its decision wheels.");
    }

    private async Task<Outcome<Organisation>> WritableOrganisationAsync(string slug, CancellationToken cancellationToken)
    {
        if (!(await OrganisationAsync(slug, cancellationToken)).Succeeded(out var organisation, out var refusal))
        {
            return refusal;
        }
        return AccessPolicy.CanContribute(Actor, organisation.Id) ? organisation : Refusal.Forbidden($"Only a contributor of {organisation.Name} can copy a decision wheel.");
    }

    private async Task<Outcome<Organisation>> OrganisationAsync(string slug, CancellationToken cancellationToken)
    {
        var organisation = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Slug == slug, cancellationToken);
        return organisation is not null && (Actor.IsSiteAdministrator || Actor.RoleIn(organisation.Id) is not null)
            ? organisation
            : Refusal.NotFound($"There is no organisation '{slug}' whose decision wheels you can see.");
    }

    private static DecisionWheel ToWheel(Organisation organisation, OrganisationWheel row, OrganisationWheelVersion version) =>
        WheelContent.Parse(version.Content).ToWheel(row.WheelId, version.Version, organisation.Id, organisation.Name);

    private static string UniqueId(string stem, Func<string, bool> taken)
    {
        stem = stem.Length == 0 ? "wheel" : stem[..Math.Min(stem.Length, YamlFile.MaxIdLength - 4)].Trim('-');
        var id = stem;
        for (var n = 2; taken(id); n++)
        {
            id = $"{stem}-{n}";
        }
        return id;
    }

    private static void CheckLength(List<ContentProblem> problems, string field, string? value, int max, string what)
    {
        if (value is { Length: var length } && length > max)
        {
            problems.Add(Problem(field, $"{what} must be {max.ToString("N0", CultureInfo.InvariantCulture)} characters or fewer"));
        }
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static ContentProblem Problem(string field, string message) => new("", 0, 0, field, message);
}
