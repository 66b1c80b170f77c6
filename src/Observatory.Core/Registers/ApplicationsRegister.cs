using Microsoft.EntityFrameworkCore;
using Observatory.Accounts;
using Observatory.Content;
using Observatory.Outcomes;
using Observatory.Storage;

namespace Observatory.Registers;

/// <summary>An entry as someone allowed to see it sees it.</summary>
public sealed record ApplicationView(ApplicationEntry Entry, Organisation Organisation, IReadOnlyDictionary<string, string> Values, bool CanEdit)
{
    public string Name => Values.GetValueOrDefault(ApplicationFields.Name) ?? "";
}

public sealed record OrganisationApplications(Organisation Organisation, IReadOnlyList<ApplicationView> Entries, bool CanAdd);

/// <summary>
/// One product in the sector view: the councils whose entries the viewer can see, by name, and how many others run it,
/// null where those others are fewer than <see cref="ApplicationsRegister.MinimumOrganisations"/> (suppressed).
/// </summary>
public sealed record ProductRow(string Product, IReadOnlyList<string> Suppliers, IReadOnlyList<Organisation> Named, int? Others)
{
    /// <summary>The councils running it, or null when the others are suppressed (then it is at least <see cref="Named"/>'s count).</summary>
    public int? Total => Others is { } others ? Named.Count + others : null;
}

/// <summary>A contract ending in the window, of an entry the viewer can see.</summary>
public sealed record ContractEnding(ApplicationView Application, DateOnly End);

/// <summary>
/// The sector view of the register: which products serve a service area and how many councils run each, and whose
/// contracts end in the next two years. Counts of councils whose entries the viewer cannot see are suppressed below five.
/// </summary>
public sealed record SectorView(ServiceArea? Area, DateOnly From, DateOnly Until, IReadOnlyList<ProductRow> Products, IReadOnlyList<ContractEnding> ContractsEnding, int? OtherContractsEnding);

/// <summary>
/// The applications register: the applications each organisation runs, in a common field set with purpose mapped to a
/// shared list of council service areas. Entries are private to their organisation unless it shares one with all
/// councils or publishes it; anyone else is told an entry does not exist. The sector view counts products across
/// councils, suppressing any count resting on fewer than five organisations whose entries the viewer cannot see, as
/// the assessment benchmarks do. Every write is in the audit log.
/// </summary>
public sealed class ApplicationsRegister(ObservatoryDbContext db, CurrentActor current, TimeProvider clock, ServiceAreas areas)
{
    /// <summary>The benchmarks' rule (<see cref="Disclosure"/>): no figure rests on fewer than five organisations.</summary>
    public const int MinimumOrganisations = Disclosure.MinimumOrganisations;

    /// <summary>The sector view looks this many years ahead for contracts ending.</summary>
    public const int ContractYears = 2;

    public const int MaxImportRows = 5000;

    private static readonly Refusal NoSuchEntry = Refusal.NotFound("There is no application entry with that number that you can see.");

    private Actor Actor => current.Actor;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public ServiceAreas Areas => areas;

    // ---- an organisation's own entries ----

    public async Task<Outcome<OrganisationApplications>> ListAsync(string slug, CancellationToken cancellationToken = default)
    {
        if (!(await MemberOfAsync(slug, cancellationToken)).Succeeded(out var organisation, out var refusal))
        {
            return refusal;
        }
        var entries = await db.ApplicationEntries.AsNoTracking().Where(a => a.OrganisationId == organisation.Id).ToListAsync(cancellationToken);
        var canAdd = AccessPolicy.CanContribute(Actor, organisation.Id);
        return new OrganisationApplications(organisation,
            [.. entries.Select(e => new ApplicationView(e, organisation, e.Values(), canAdd)).OrderBy(v => v.Name, StringComparer.OrdinalIgnoreCase).ThenBy(v => v.Entry.Id)], canAdd);
    }

    /// <summary>Whether the actor may add entries for the organisation: asked before a file is read, so outsiders learn nothing from its problems.</summary>
    public async Task<Outcome<Organisation>> MayAddAsync(string slug, CancellationToken cancellationToken = default)
    {
        if (!(await MemberOfAsync(slug, cancellationToken)).Succeeded(out var organisation, out var refusal))
        {
            return refusal;
        }
        return AccessPolicy.CanContribute(Actor, organisation.Id) ? organisation : Refusal.Forbidden($"Only a contributor of {organisation.Name} can add application entries.");
    }

    public async Task<Outcome<ApplicationView>> CreateAsync(string slug, IReadOnlyList<KeyValuePair<string, string?>> raw, CancellationToken cancellationToken = default)
    {
        if (!(await MayAddAsync(slug, cancellationToken)).Succeeded(out var organisation, out var refusal))
        {
            return refusal;
        }
        var (values, problems) = ApplicationFields.Check(raw, areas);
        problems.AddRange(await AlgorithmLinkProblemsAsync(organisation.Id, values, "", 0, cancellationToken));
        if (problems.Count > 0)
        {
            return Refusal.Invalid(problems);
        }
        var entry = New(organisation, values);
        db.ApplicationEntries.Add(entry);
        await db.SaveChangesAsync(cancellationToken);
        return new ApplicationView(entry, organisation, entry.Values(), true);
    }

    /// <summary>Adds every row of a file as an entry: all or none. Each problem names the file, the line and the field.</summary>
    public async Task<Outcome<List<ApplicationEntry>>> ImportAsync(string slug, string file, IReadOnlyList<ImportedApplication> rows, CancellationToken cancellationToken = default)
    {
        if (!(await MayAddAsync(slug, cancellationToken)).Succeeded(out var organisation, out var refusal))
        {
            return refusal;
        }
        if (rows.Count == 0)
        {
            return Refusal.Invalid([new ContentProblem(file, 2, 0, "", "The file holds no entries below its header row")]);
        }
        if (rows.Count > MaxImportRows)
        {
            return Refusal.Invalid([new ContentProblem(file, rows[MaxImportRows].Line, 0, "", $"A file may hold at most {MaxImportRows:N0} entries")]);
        }
        var problems = new List<ContentProblem>();
        var checkedRows = new List<Dictionary<string, string>>();
        foreach (var row in rows)
        {
            var (values, found) = ApplicationFields.Check(row.Values, areas, file, row.Line);
            problems.AddRange(found);
            problems.AddRange(await AlgorithmLinkProblemsAsync(organisation.Id, values, file, row.Line, cancellationToken));
            checkedRows.Add(values);
        }
        if (problems.Count > 0)
        {
            return Refusal.Invalid(problems);
        }
        var added = checkedRows.Select(v => New(organisation, v)).ToList();
        db.ApplicationEntries.AddRange(added);
        await db.SaveChangesAsync(cancellationToken);
        return added;
    }

    private ApplicationEntry New(Organisation organisation, IReadOnlyDictionary<string, string> values) => new()
    {
        OrganisationId = organisation.Id,
        Content = ApplicationEntry.Serialise(values),
        Sharing = ApplicationEntry.SharingOf(values.GetValueOrDefault(ApplicationFields.Sharing)),
        CreatedAt = Now,
        CreatedBy = Actor.Name,
        UpdatedAt = Now,
        UpdatedBy = Actor.Name,
    };

    /// <summary>An entry, for its organisation's members, site administrators, council members when shared with councils, and anyone once published.</summary>
    public async Task<Outcome<ApplicationView>> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        var entry = await db.ApplicationEntries.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (entry is null || !await MaySeeAsync(entry, cancellationToken))
        {
            return NoSuchEntry;
        }
        var organisation = await db.Organisations.AsNoTracking().FirstAsync(o => o.Id == entry.OrganisationId, cancellationToken);
        return new ApplicationView(entry, organisation, entry.Values(), AccessPolicy.CanContribute(Actor, entry.OrganisationId));
    }

    /// <summary>Replaces every field of an entry (a field left out is emptied), sharing included. Contributors of its organisation only.</summary>
    public async Task<Outcome<ApplicationView>> SaveAsync(long id, IReadOnlyList<KeyValuePair<string, string?>> raw, CancellationToken cancellationToken = default)
    {
        var entry = await db.ApplicationEntries.FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (entry is null || !await MaySeeAsync(entry, cancellationToken))
        {
            return NoSuchEntry;
        }
        var organisation = await db.Organisations.AsNoTracking().FirstAsync(o => o.Id == entry.OrganisationId, cancellationToken);
        if (!AccessPolicy.CanContribute(Actor, entry.OrganisationId))
        {
            return Refusal.Forbidden($"Only a contributor of {organisation.Name} with a write token can change this entry.");
        }
        var (values, problems) = ApplicationFields.Check(raw, areas);
        problems.AddRange(await AlgorithmLinkProblemsAsync(organisation.Id, values, "", 0, cancellationToken));
        if (problems.Count > 0)
        {
            return Refusal.Invalid(problems);
        }
        entry.Content = ApplicationEntry.Serialise(values);
        entry.Sharing = ApplicationEntry.SharingOf(values.GetValueOrDefault(ApplicationFields.Sharing));
        entry.UpdatedAt = Now;
        entry.UpdatedBy = Actor.Name;
        await db.SaveChangesAsync(cancellationToken);
        return new ApplicationView(entry, organisation, entry.Values(), true);
    }

    /// <summary>An entry links only to algorithm records of its own organisation: a number that is not one is named.</summary>
    private async Task<List<ContentProblem>> AlgorithmLinkProblemsAsync(long organisationId, IReadOnlyDictionary<string, string> values, string file, int line, CancellationToken cancellationToken)
    {
        var ids = ApplicationFields.Items(values.GetValueOrDefault(ApplicationFields.AlgorithmRecords)).Select(long.Parse).ToList();
        if (ids.Count == 0)
        {
            return [];
        }
        var own = await db.AlgorithmRecords.AsNoTracking().Where(r => r.OrganisationId == organisationId && ids.Contains(r.Id)).Select(r => r.Id).ToListAsync(cancellationToken);
        var missing = ids.Except(own).ToList();
        return missing.Count == 0 ? [] :
            [new ContentProblem(file, line, 0, ApplicationFields.AlgorithmRecords, $"{string.Join(", ", missing)} is not the number of one of your organisation's algorithm records")];
    }

    // ---- the sector view ----

    /// <summary>
    /// Products serving <paramref name="areaId"/> (every area when null) and contracts ending from <paramref name="from"/>
    /// (today when null) for <see cref="ContractYears"/> years, across councils' entries.
    /// </summary>
    public async Task<Outcome<SectorView>> SectorAsync(string? areaId, DateOnly? from = null, CancellationToken cancellationToken = default)
    {
        ServiceArea? area = null;
        if (!string.IsNullOrEmpty(areaId) && (area = areas.Find(areaId)) is null)
        {
            return Refusal.Invalid("service", $"There is no service area {InputLimits.Quote(areaId)}; see /api/registers/service-areas");
        }
        var start = from ?? DateOnly.FromDateTime(Now);
        var until = start.AddYears(ContractYears);
        var councils = await db.Organisations.AsNoTracking().Where(o => o.Kind == OrganisationKind.Council).ToDictionaryAsync(o => o.Id, cancellationToken);
        var councilIds = councils.Keys.ToList();
        var entries = await db.ApplicationEntries.AsNoTracking().Where(a => councilIds.Contains(a.OrganisationId)).ToListAsync(cancellationToken);
        var viewerIsCouncil = await ViewerIsCouncilMemberAsync(cancellationToken);
        var rows = entries.Select(e => (Entry: e, Values: e.Values()))
            .Where(r => area is null || ApplicationFields.Items(r.Values.GetValueOrDefault(ApplicationFields.ServiceAreas)).Contains(area.Id))
            .Select(r => (r.Entry, r.Values, Visible: Visible(r.Entry, viewerIsCouncil)))
            .ToList();

        var products = new List<ProductRow>();
        foreach (var group in rows.Where(r => ApplicationFields.InUse.Contains(r.Values.GetValueOrDefault(ApplicationFields.Status) ?? "")
                     && !string.IsNullOrWhiteSpace(r.Values.GetValueOrDefault(ApplicationFields.Product)))
                 .GroupBy(r => r.Values[ApplicationFields.Product].Trim(), StringComparer.OrdinalIgnoreCase))
        {
            var named = group.Where(r => r.Visible).Select(r => r.Entry.OrganisationId).Distinct().ToHashSet();
            var others = group.Select(r => r.Entry.OrganisationId).Where(o => !named.Contains(o)).Distinct().Count();
            int? shownOthers = others >= MinimumOrganisations ? others : null;
            if (named.Count == 0 && shownOthers is null)
            {
                // Not even that the product is run may be told from fewer than five unpublished entries.
                continue;
            }
            var spelling = group.GroupBy(r => r.Values[ApplicationFields.Product].Trim()).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First().Key;
            var suppliers = group.Where(r => r.Visible || shownOthers is not null).Select(r => r.Values.GetValueOrDefault(ApplicationFields.Supplier)).OfType<string>()
                .Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase).ToList();
            products.Add(new ProductRow(spelling, suppliers, [.. named.Select(id => councils[id]).OrderBy(o => o.Name, StringComparer.OrdinalIgnoreCase)], shownOthers));
        }
        products = [.. products.OrderByDescending(p => p.Total ?? p.Named.Count).ThenBy(p => p.Product, StringComparer.OrdinalIgnoreCase)];

        var ending = rows.Where(r => r.Values.GetValueOrDefault(ApplicationFields.Status) != "retired"
                && ApplicationFields.DateOf(r.Values.GetValueOrDefault(ApplicationFields.ContractEnd)) is { } end && end >= start && end <= until)
            .ToList();
        var visibleEnding = ending.Where(r => r.Visible)
            .Select(r => new ContractEnding(new ApplicationView(r.Entry, councils[r.Entry.OrganisationId], r.Values, AccessPolicy.CanContribute(Actor, r.Entry.OrganisationId)),
                ApplicationFields.DateOf(r.Values[ApplicationFields.ContractEnd])!.Value))
            .OrderBy(c => c.End).ThenBy(c => c.Application.Organisation.Name, StringComparer.OrdinalIgnoreCase).ToList();
        var otherOrganisations = ending.Where(r => !r.Visible).Select(r => r.Entry.OrganisationId).Distinct().Count();
        return new SectorView(area, start, until, products, visibleEnding, otherOrganisations >= MinimumOrganisations ? otherOrganisations : null);
    }

    // ---- who sees what ----

    private bool Visible(ApplicationEntry entry, bool viewerIsCouncil) =>
        entry.Sharing == ApplicationSharing.Published
        || entry.Sharing == ApplicationSharing.Councils && viewerIsCouncil
        || Actor.IsSiteAdministrator
        || Actor.RoleIn(entry.OrganisationId) is not null;

    private async Task<bool> MaySeeAsync(ApplicationEntry entry, CancellationToken cancellationToken) =>
        Visible(entry, entry.Sharing == ApplicationSharing.Councils && await ViewerIsCouncilMemberAsync(cancellationToken));

    /// <summary>Whether the actor belongs to a council: entries shared with councils are for them.</summary>
    private async Task<bool> ViewerIsCouncilMemberAsync(CancellationToken cancellationToken)
    {
        var ids = Actor.Roles.Keys.ToList();
        return ids.Count > 0 && await db.Organisations.AsNoTracking().AnyAsync(o => ids.Contains(o.Id) && o.Kind == OrganisationKind.Council, cancellationToken);
    }

    private async Task<Outcome<Organisation>> MemberOfAsync(string slug, CancellationToken cancellationToken)
    {
        var organisation = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Slug == slug, cancellationToken);
        // Outsiders are not told which organisations keep entries in the register.
        return organisation is not null && (Actor.IsSiteAdministrator || Actor.RoleIn(organisation.Id) is not null)
            ? organisation
            : Refusal.NotFound($"There is no organisation '{slug}' whose applications you can see.");
    }
}
