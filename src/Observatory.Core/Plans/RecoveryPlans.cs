using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Observatory.Accounts;
using Observatory.Content;
using Observatory.Evidence;
using Observatory.Frameworks;
using Observatory.Indicators;
using Observatory.Outcomes;
using Observatory.Places;
using Observatory.Storage;

namespace Observatory.Plans;

/// <summary>
/// Organisations' recovery and resilience plans: made, filled with targets and actions, submitted and published,
/// and read with each target's progress worked out from the latest data in the store, so an import changes it with
/// nothing else to do. Anyone outside the owning organisation is told a draft plan does not exist.
/// </summary>
public sealed class RecoveryPlans(ObservatoryDbContext db, CurrentActor current, TimeProvider clock, PlaceRegistry places, IndicatorCatalogue indicators,
    HeadlineObservationStore observations, FrameworkLibrary frameworks, EvidenceLibrary evidence, EvidenceCounts evidenceCounts)
{
    private static readonly Refusal NoSuchPlan = Refusal.NotFound("There is no such plan, or you cannot see it.");

    private Actor Actor => current.Actor;

    /// <summary>The catalogue's indicators a target may sit on, by name.</summary>
    public IReadOnlyList<IndicatorDefinition> Indicators => [.. indicators.Indicators.OrderBy(i => i.Name, StringComparer.OrdinalIgnoreCase)];

    /// <summary>
    /// An organisation's plans, those it leads and those it is a partner in: every one for its members, the published
    /// ones for anyone else (not found when there are none).
    /// </summary>
    public async Task<Outcome<(Organisation Organisation, IReadOnlyList<PlanSummary> Plans)>> ListAsync(string slug, CancellationToken cancellationToken = default)
    {
        var organisation = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Slug == slug, cancellationToken);
        if (organisation is null)
        {
            return Refusal.NotFound($"There is no organisation '{slug}' with plans you can see.");
        }
        var partnered = db.PlanPartners.Where(pp => pp.OrganisationId == organisation.Id).Select(pp => pp.PlanId);
        var found = await db.Plans.AsNoTracking().Where(p => p.OrganisationId == organisation.Id || partnered.Contains(p.Id))
            .OrderByDescending(p => p.StartYear).ThenBy(p => p.Title).ToListAsync(cancellationToken);
        var partners = await PartnersOfAsync([.. found.Select(p => p.Id)], cancellationToken);
        var plans = found.Where(p => PlanPartnership.CanView(Actor, p, partners[p.Id].ToList())).ToList();
        var leads = plans.Any(p => p.OrganisationId != organisation.Id)
            ? await db.Organisations.AsNoTracking().Where(o => plans.Select(p => p.OrganisationId).Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken)
            : new Dictionary<long, string> { [organisation.Id] = organisation.Name };
        var member = Actor.IsSiteAdministrator || Actor.RoleIn(organisation.Id) is not null;
        if (!member && plans.Count == 0)
        {
            // Outsiders are not told which organisations draft plans.
            return Refusal.NotFound($"There is no organisation '{slug}' with plans you can see.");
        }
        return (organisation, [.. plans.Select(p => new PlanSummary(p, leads[p.OrganisationId], places.Find(p.PlaceCode)?.Name ?? p.PlaceCode))]);
    }

    /// <summary>Whether the actor may start a plan for the organisation.</summary>
    public bool CanStart(Organisation organisation) => AccessPolicy.CanContribute(Actor, organisation.Id);

    /// <summary>The published plans covering a place (naming it, or a place it is part of), for its area page.</summary>
    public async Task<IReadOnlyList<PlanSummary>> PublishedForPlaceAsync(string placeCode, CancellationToken cancellationToken = default)
    {
        if (places.Find(placeCode) is not { } place)
        {
            return [];
        }
        var codes = place.Parents.Append(place.Code).ToList();
        var rows = await db.Plans.AsNoTracking().Where(p => p.State == WorkflowState.Published && codes.Contains(p.PlaceCode))
            .Join(db.Organisations.AsNoTracking(), p => p.OrganisationId, o => o.Id, (p, o) => new { Plan = p, o.Name })
            .ToListAsync(cancellationToken);
        return [.. rows.Where(r => AccessPolicy.CanView(Actor, r.Plan)).OrderByDescending(r => r.Plan.StartYear).ThenBy(r => r.Plan.Title)
            .Select(r => new PlanSummary(r.Plan, r.Name, places.Find(r.Plan.PlaceCode)?.Name ?? r.Plan.PlaceCode))];
    }

    public async Task<Outcome<PlanRecord>> CreateAsync(string slug, PlanInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var organisation = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Slug == slug, cancellationToken);
        if (organisation is null || !(Actor.IsSiteAdministrator || Actor.RoleIn(organisation.Id) is not null))
        {
            return Refusal.NotFound($"There is no organisation '{slug}' whose plans you can change.");
        }
        if (!AccessPolicy.CanContribute(Actor, organisation.Id))
        {
            return Refusal.Forbidden($"Only a contributor of {organisation.Name} can start a plan.");
        }
        var problems = new List<ContentProblem>();
        var title = Text(input.Title, "title", "Enter the plan's title", Plan.MaxTitleLength, problems, required: true);
        var summary = Text(input.Summary, "summary", "", Plan.MaxSummaryLength, problems, required: false);
        var place = string.IsNullOrWhiteSpace(input.Place) ? organisation.Places.Select(places.Find).OfType<Place>().FirstOrDefault() : places.Find(input.Place);
        if (place is null)
        {
            problems.Add(Problem("place", string.IsNullOrWhiteSpace(input.Place) ? "Choose the place the plan covers" : $"There is no place with the code {InputLimits.Quote(input.Place.Trim())}"));
        }
        if (input.StartYear is not (>= 2000 and <= 2100))
        {
            problems.Add(Problem("startYear", "Enter the year the plan starts, for example 2025"));
        }
        if (input.EndYear is not (>= 2000 and <= 2100))
        {
            problems.Add(Problem("endYear", "Enter the year the plan ends, for example 2030"));
        }
        else if (input.StartYear is { } s && input.EndYear < s)
        {
            problems.Add(Problem("endYear", "The plan must end in or after the year it starts"));
        }
        var catalogue = await frameworks.GetCatalogueAsync(cancellationToken);
        var frameworkId = string.IsNullOrWhiteSpace(input.Framework) ? Plan.DefaultFramework : input.Framework.Trim();
        if (catalogue.Find(frameworkId) is null)
        {
            problems.Add(Problem("framework", $"There is no framework {InputLimits.Quote(frameworkId)} in the catalogue"));
        }
        if (problems.Count > 0)
        {
            return Refusal.Invalid(problems);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var plan = new Plan
        {
            OrganisationId = organisation.Id,
            Title = title,
            Summary = summary,
            PlaceCode = place!.Code,
            StartYear = input.StartYear!.Value,
            EndYear = input.EndYear!.Value,
            FrameworkId = frameworkId,
            CreatedAt = now,
            CreatedBy = Actor.Name,
            UpdatedAt = now,
            UpdatedBy = Actor.Name,
        };
        db.Plans.Add(plan);
        await db.SaveChangesAsync(cancellationToken);
        return await GetAsync(plan.Id, cancellationToken);
    }

    /// <summary>A plan with its targets' progress worked out from the store now; not found unless the actor may see it.</summary>
    public async Task<Outcome<PlanRecord>> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        var plan = await db.Plans.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        var partnerIds = plan is null ? [] : await db.PlanPartners.AsNoTracking().Where(pp => pp.PlanId == id).Select(pp => pp.OrganisationId).ToListAsync(cancellationToken);
        if (plan is null || !PlanPartnership.CanView(Actor, plan, partnerIds))
        {
            return NoSuchPlan;
        }
        var organisation = await db.Organisations.AsNoTracking().FirstAsync(o => o.Id == plan.OrganisationId, cancellationToken);
        var partners = partnerIds.Count == 0 ? [] : await db.Organisations.AsNoTracking().Where(o => partnerIds.Contains(o.Id)).OrderBy(o => o.Name).ToListAsync(cancellationToken);
        var catalogue = await frameworks.GetCatalogueAsync(cancellationToken);
        var framework = catalogue.Find(plan.FrameworkId) ?? catalogue.Find(Plan.DefaultFramework)!;
        var store = await observations.CurrentAsync(cancellationToken);
        var targets = await db.PlanTargets.AsNoTracking().Where(t => t.PlanId == id).OrderBy(t => t.Id).ToListAsync(cancellationToken);
        var views = new List<TargetView>();
        foreach (var target in targets)
        {
            if (indicators.Find(target.IndicatorId) is not { } indicator || places.Find(target.AreaCode) is not { } area)
            {
                continue;
            }
            views.Add(View(target, indicator, area, store));
        }
        var actions = await db.PlanActions.AsNoTracking().Where(a => a.PlanId == id).OrderBy(a => a.DueOn).ThenBy(a => a.Id).ToListAsync(cancellationToken);
        var actionIds = actions.Select(a => a.Id).ToList();
        var updates = (await db.PlanActionUpdates.AsNoTracking().Where(u => actionIds.Contains(u.ActionId)).ToListAsync(cancellationToken))
            .OrderByDescending(u => u.ReportedOn).ThenByDescending(u => u.Id).ToLookup(u => u.ActionId);
        var slugs = actions.SelectMany(a => Split(a.Evidence)).Distinct().ToList();
        var titles = (await evidence.Published(Actor).Where(e => slugs.Contains(e.Slug)).Select(e => new { e.Slug, e.Title }).ToListAsync(cancellationToken))
            .ToDictionary(e => e.Slug, e => e.Title, StringComparer.Ordinal);
        var actionViews = actions.Select(a => new ActionView(a, [.. updates[a.Id]],
            [.. Split(a.Evidence).Where(titles.ContainsKey).Select(s => (s, titles[s]))])).ToList();
        return new PlanRecord(plan, organisation, places.Find(plan.PlaceCode)!, framework, views, actionViews,
            PlanPartnership.CanEdit(Actor, plan, partnerIds), AccessPolicy.CanSubmit(Actor, plan), AccessPolicy.CanPublish(Actor, plan))
        {
            Partners = partners,
            CanManagePartners = PlanPartnership.CanManagePartners(Actor, plan),
        };
    }

    /// <summary>A target's published values and the rule's verdict on the latest of them.</summary>
    public static TargetView View(PlanTarget target, IndicatorDefinition indicator, Place area, HeadlineObservations store)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(indicator);
        ArgumentNullException.ThrowIfNull(store);
        var series = store.ForIndicator(target.IndicatorId, [target.AreaCode]).Where(o => o.Value is not null)
            .Select(o => new PeriodValue(o.Period, o.Value!.Value)).ToList();
        var latest = series.Count > 0 ? series[^1] : (PeriodValue?)null;
        var assessment = TargetProgress.Assess(indicator.Polarity, new PeriodValue(target.BaselinePeriod, target.BaselineValue),
            new PeriodValue(target.TargetPeriod, target.TargetValue), latest);
        return new TargetView(target, indicator, area, series, assessment);
    }

    /// <summary>
    /// Adds a target on a catalogue indicator. The baseline's value is read from the store for the period named
    /// (the latest published when none is), never typed in, so the plan starts from the published figure.
    /// </summary>
    public async Task<Outcome<PlanRecord>> AddTargetAsync(long planId, TargetInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!(await WritableAsync(planId, cancellationToken)).Succeeded(out var record, out var refusal))
        {
            return refusal;
        }
        var problems = new List<ContentProblem>();
        if (await TargetAsync(record, input, problems, cancellationToken) is not { } target)
        {
            return Refusal.Invalid(problems);
        }
        db.PlanTargets.Add(target);
        await TouchAsync(planId, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return await GetAsync(planId, cancellationToken);
    }

    /// <summary>A target checked against the catalogue and the store, ready to add; null with the problems when it is not right.</summary>
    private async Task<PlanTarget?> TargetAsync(PlanRecord record, TargetInput input, List<ContentProblem> problems, CancellationToken cancellationToken)
    {
        var planId = record.Plan.Id;
        var indicator = string.IsNullOrWhiteSpace(input.Indicator) ? null : indicators.Find(input.Indicator.Trim());
        if (indicator is null)
        {
            problems.Add(Problem("indicator", string.IsNullOrWhiteSpace(input.Indicator) ? "Choose an indicator" : $"There is no indicator {InputLimits.Quote(input.Indicator.Trim())} in the catalogue"));
        }
        var area = string.IsNullOrWhiteSpace(input.Area) ? record.Place : places.Find(input.Area);
        if (area is null)
        {
            problems.Add(Problem("area", $"There is no place with the code {InputLimits.Quote(input.Area!.Trim())}"));
        }
        PeriodValue? baseline = null;
        Period? targetPeriod = null;
        if (indicator is not null && area is not null)
        {
            var store = await observations.CurrentAsync(cancellationToken);
            var published = store.ForIndicator(indicator.Id, [area.Code]).Where(o => o.Value is not null).ToList();
            if (published.Count == 0)
            {
                problems.Add(Problem("indicator", $"No value of {indicator.Name} has been published for {area.Name}, so there is no baseline to measure from"));
            }
            else if (string.IsNullOrWhiteSpace(input.BaselinePeriod))
            {
                baseline = new PeriodValue(published[^1].Period, published[^1].Value!.Value);
            }
            else if (published.LastOrDefault(o => Matches(indicator, o.Period, input.BaselinePeriod.Trim())) is { } chosen)
            {
                baseline = new PeriodValue(chosen.Period, chosen.Value!.Value);
            }
            else
            {
                var known = string.Join(", ", published.Select(o => AreaIndicators.PeriodLabel(indicator, o.Period)).TakeLast(8));
                problems.Add(Problem("baselinePeriod", $"No value of {indicator.Name} has been published for {area.Name} for {InputLimits.Quote(input.BaselinePeriod.Trim())}. The latest periods published are {known}"));
            }
        }
        if (string.IsNullOrWhiteSpace(input.TargetPeriod))
        {
            problems.Add(Problem("targetPeriod", "Enter the year the target is for, for example 2030"));
        }
        else if (baseline is { } b)
        {
            targetPeriod = ParseTargetPeriod(input.TargetPeriod.Trim(), b.Period);
            if (targetPeriod is null)
            {
                problems.Add(Problem("targetPeriod", "Enter the year the target is for, for example 2030, or a period such as 2030-01-01/P1Y"));
            }
            else if (targetPeriod.Value.CompareTo(b.Period) <= 0)
            {
                problems.Add(Problem("targetPeriod", $"The target must be for a period after the baseline ({AreaIndicators.PeriodLabel(indicator!, b.Period)})"));
            }
        }
        if (input.TargetValue is not { } value || !double.IsFinite(value))
        {
            problems.Add(Problem("targetValue", "Enter the target as a number, for example 3.5"));
        }
        var elements = await ElementsAsync(record.Plan, input.Elements, problems, cancellationToken);
        if (problems.Count > 0)
        {
            return null;
        }
        return new PlanTarget
        {
            PlanId = planId,
            OrganisationId = record.Plan.OrganisationId,
            IndicatorId = indicator!.Id,
            AreaCode = area!.Code,
            BaselineStart = baseline!.Value.Period.Start,
            BaselineDuration = baseline.Value.Period.Duration,
            BaselineValue = baseline.Value.Value,
            TargetStart = targetPeriod!.Value.Start,
            TargetDuration = targetPeriod.Value.Duration,
            TargetValue = input.TargetValue!.Value,
            Elements = elements,
            UpdatedAt = clock.GetUtcNow().UtcDateTime,
        };
    }

    public async Task<Outcome<PlanRecord>> RemoveTargetAsync(long planId, long targetId, CancellationToken cancellationToken = default)
    {
        if (!(await WritableAsync(planId, cancellationToken)).Succeeded(out _, out var refusal))
        {
            return refusal;
        }
        if (await db.PlanTargets.FirstOrDefaultAsync(t => t.Id == targetId && t.PlanId == planId, cancellationToken) is not { } target)
        {
            return Refusal.NotFound("The plan has no such target.");
        }
        db.PlanTargets.Remove(target);
        await TouchAsync(planId, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return await GetAsync(planId, cancellationToken);
    }

    public async Task<Outcome<PlanRecord>> AddActionAsync(long planId, ActionInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!(await WritableAsync(planId, cancellationToken)).Succeeded(out var record, out var refusal))
        {
            return refusal;
        }
        var problems = new List<ContentProblem>();
        if (await ActionAsync(record, input, problems, cancellationToken) is not { } action)
        {
            return Refusal.Invalid(problems);
        }
        db.PlanActions.Add(action);
        await TouchAsync(planId, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return await GetAsync(planId, cancellationToken);
    }

    /// <summary>
    /// Adds every target and action of a plan file (<see cref="PlanImportFile"/>) to the plan, or none: each line is
    /// checked as the forms and API check one, and every problem is placed at its line and column in the file.
    /// </summary>
    public async Task<Outcome<PlanRecord>> ImportAsync(long planId, PlanFile file, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (!(await WritableAsync(planId, cancellationToken)).Succeeded(out var record, out var refusal))
        {
            return refusal;
        }
        var problems = new List<ContentProblem>();
        var targets = new List<PlanTarget>();
        var actions = new List<PlanAction>();
        foreach (var row in file.Rows)
        {
            var found = new List<ContentProblem>();
            if (row.Target is { } t && await TargetAsync(record, t, found, cancellationToken) is { } target)
            {
                targets.Add(target);
            }
            if (row.Action is { } a && await ActionAsync(record, a, found, cancellationToken) is { } action)
            {
                actions.Add(action);
            }
            // What the file's reader could not read is reported once, not again as missing.
            problems.AddRange(row.Problems);
            problems.AddRange(found.Select(p => PlanImportFile.Locate(p, file, row.Line)).Where(p => !row.Problems.Any(r => r.Field == p.Field)));
            if (problems.Count >= InputLimits.MaxProblems)
            {
                break;
            }
        }
        if (problems.Count > 0)
        {
            return Refusal.Invalid(problems);
        }
        // One save: every line is added, or (if the database refuses any) none is.
        db.PlanTargets.AddRange(targets);
        db.PlanActions.AddRange(actions);
        await TouchAsync(planId, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return await GetAsync(planId, cancellationToken);
    }

    /// <summary>An action checked against the plan's framework and the evidence library, ready to add; null with the problems when it is not right.</summary>
    private async Task<PlanAction?> ActionAsync(PlanRecord record, ActionInput input, List<ContentProblem> problems, CancellationToken cancellationToken)
    {
        var planId = record.Plan.Id;
        var title = Text(input.Title, "title", "Enter the action's title", Plan.MaxTitleLength, problems, required: true);
        var description = Text(input.Description, "description", "", PlanAction.MaxTextLength, problems, required: false);
        var owner = Text(input.Owner, "owner", "", Plan.MaxTitleLength, problems, required: false);
        var partners = (input.Partners ?? []).Select(p => p.Trim()).Where(p => p.Length > 0).ToList();
        if (partners.Any(p => p.Length > Plan.MaxTitleLength) || partners.Count > 50)
        {
            problems.Add(Problem("partners", $"Name at most 50 partners, each in {Plan.MaxTitleLength} characters or fewer"));
        }
        var start = Date(input.StartOn, "startOn", problems);
        var due = Date(input.DueOn, "dueOn", problems);
        if (start is { } s && due is { } d && d < s)
        {
            problems.Add(Problem("dueOn", "The due date must be on or after the start date"));
        }
        var status = Status(input.Status, problems) ?? ActionStatus.NotStarted;
        var elements = await ElementsAsync(record.Plan, input.Elements, problems, cancellationToken);
        var slugs = (input.Evidence ?? []).Select(e => e.Trim()).Where(e => e.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (slugs.Count > 0)
        {
            var found = await evidence.Published(Actor).Where(e => slugs.Contains(e.Slug)).Select(e => e.Slug).ToListAsync(cancellationToken);
            foreach (var missing in slugs.Except(found, StringComparer.Ordinal))
            {
                problems.Add(Problem("evidence", $"There is no published evidence item {InputLimits.Quote(missing)}"));
            }
        }
        if (problems.Count > 0)
        {
            return null;
        }
        return new PlanAction
        {
            PlanId = planId,
            OrganisationId = record.Plan.OrganisationId,
            Title = title,
            Description = description,
            Owner = owner,
            Partners = string.Join('\n', partners),
            StartOn = start,
            DueOn = due,
            Status = status,
            Elements = elements,
            Evidence = string.Join(',', slugs),
            UpdatedAt = clock.GetUtcNow().UtcDateTime,
        };
    }

    /// <summary>Reports on an action: the update is kept with its date, and the action takes its status.</summary>
    public async Task<Outcome<PlanRecord>> AddActionUpdateAsync(long planId, long actionId, ActionUpdateInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!(await WritableAsync(planId, cancellationToken)).Succeeded(out var record, out var refusal))
        {
            return refusal;
        }
        if (await db.PlanActions.FirstOrDefaultAsync(a => a.Id == actionId && a.PlanId == planId, cancellationToken) is not { } action)
        {
            return Refusal.NotFound("The plan has no such action.");
        }
        var problems = new List<ContentProblem>();
        var on = Date(input.On, "on", problems) ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var status = Status(input.Status, problems);
        if (status is null && !problems.Any(p => p.Field == "status"))
        {
            problems.Add(Problem("status", "Choose how the action is going"));
        }
        var note = Text(input.Note, "note", "Say what has happened since the last update", PlanAction.MaxTextLength, problems, required: true);
        if (problems.Count > 0)
        {
            return Refusal.Invalid(problems);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        db.PlanActionUpdates.Add(new PlanActionUpdate { ActionId = actionId, OrganisationId = record.Plan.OrganisationId, ReportedOn = on, Status = status!.Value, Note = note, ReportedBy = Actor.Name, ReportedAt = now });
        action.Status = status.Value;
        action.UpdatedAt = now;
        await TouchAsync(planId, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return await GetAsync(planId, cancellationToken);
    }

    /// <summary>
    /// Makes another organisation a partner on the plan (named by its address, as in /organisations/{slug}): its
    /// members see the plan from then on, and its editors change its targets and actions. The lead organisation's
    /// editors choose partners; a partner cannot add others.
    /// </summary>
    public async Task<Outcome<PlanRecord>> AddPartnerAsync(long planId, string? organisationSlug, CancellationToken cancellationToken = default)
    {
        if (!(await PartnersWritableAsync(planId, cancellationToken)).Succeeded(out var record, out var refusal))
        {
            return refusal;
        }
        var slug = organisationSlug?.Trim() ?? "";
        if (slug.Length == 0)
        {
            return Refusal.Invalid("organisation", "Enter the partner organisation's address, for example bolton-council");
        }
        if (slug.Length > Plan.MaxTitleLength || await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Slug == slug, cancellationToken) is not { } partner)
        {
            return Refusal.Invalid("organisation", $"There is no organisation with the address {InputLimits.Quote(slug)}");
        }
        if (partner.Id == record.Plan.OrganisationId)
        {
            return Refusal.Invalid("organisation", $"{partner.Name} leads the plan, so it cannot also be a partner");
        }
        if (record.Partners.Any(p => p.Id == partner.Id))
        {
            return Refusal.Invalid("organisation", $"{partner.Name} is already a partner on the plan");
        }
        db.PlanPartners.Add(new PlanPartner
        {
            PlanId = planId,
            OrganisationId = partner.Id,
            LeadOrganisationId = record.Plan.OrganisationId,
            AddedAt = clock.GetUtcNow().UtcDateTime,
            AddedBy = Actor.Name,
        });
        await TouchAsync(planId, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return await GetAsync(planId, cancellationToken);
    }

    /// <summary>Ends a partnership: the organisation's members no longer see a draft plan nor change it. What its editors added stays.</summary>
    public async Task<Outcome<PlanRecord>> RemovePartnerAsync(long planId, string? organisationSlug, CancellationToken cancellationToken = default)
    {
        if (!(await PartnersWritableAsync(planId, cancellationToken)).Succeeded(out var record, out var refusal))
        {
            return refusal;
        }
        var partner = record.Partners.FirstOrDefault(p => p.Slug == organisationSlug?.Trim());
        if (partner is null || await db.PlanPartners.FirstOrDefaultAsync(pp => pp.PlanId == planId && pp.OrganisationId == partner.Id, cancellationToken) is not { } row)
        {
            return Refusal.NotFound("That organisation is not a partner on the plan.");
        }
        db.PlanPartners.Remove(row);
        await TouchAsync(planId, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return await GetAsync(planId, cancellationToken);
    }

    /// <summary>A plan whose partners the actor may choose: the lead organisation's editors only.</summary>
    private async Task<Outcome<PlanRecord>> PartnersWritableAsync(long planId, CancellationToken cancellationToken)
    {
        if (!(await GetAsync(planId, cancellationToken)).Succeeded(out var record, out var refusal))
        {
            return refusal;
        }
        if (!record.CanManagePartners)
        {
            return record.CanEdit
                ? Refusal.Forbidden($"Only {record.Organisation.Name}, which leads the plan, chooses its partners.")
                : Refusal.Forbidden($"Only a contributor of {record.Organisation.Name} can choose the plan's partners, and only an approver once it has been submitted.");
        }
        return record;
    }

    /// <summary>The partner organisations of each plan.</summary>
    private async Task<ILookup<long, long>> PartnersOfAsync(IReadOnlyCollection<long> planIds, CancellationToken cancellationToken) =>
        (await db.PlanPartners.AsNoTracking().Where(pp => planIds.Contains(pp.PlanId)).Select(pp => new { pp.PlanId, pp.OrganisationId }).ToListAsync(cancellationToken))
            .ToLookup(pp => pp.PlanId, pp => pp.OrganisationId);

    /// <summary>Sends a draft to the organisation's approvers.</summary>
    public async Task<Outcome<PlanRecord>> SubmitAsync(long planId, CancellationToken cancellationToken = default)
    {
        if (!(await GetAsync(planId, cancellationToken)).Succeeded(out var record, out var refusal))
        {
            return refusal;
        }
        if (record.Plan.State != WorkflowState.Draft)
        {
            return Refusal.Conflict("The plan has already been submitted.");
        }
        if (!record.CanSubmit)
        {
            return Refusal.Forbidden($"Only a contributor of {record.Organisation.Name} can submit its plan.");
        }
        return await AdvanceAsync(planId, WorkflowState.Submitted, cancellationToken);
    }

    /// <summary>Publishes a submitted plan for everyone to read: an approver's decision, recorded in the audit log.</summary>
    public async Task<Outcome<PlanRecord>> PublishAsync(long planId, CancellationToken cancellationToken = default)
    {
        if (!(await GetAsync(planId, cancellationToken)).Succeeded(out var record, out var refusal))
        {
            return refusal;
        }
        if (record.Plan.State != WorkflowState.Submitted)
        {
            return Refusal.Conflict(record.Plan.State == WorkflowState.Published ? "The plan is already published." : "Submit the plan before publishing it.");
        }
        if (!record.CanPublish)
        {
            return Refusal.Forbidden($"Only an approver of {record.Organisation.Name} can publish its plan.");
        }
        return await AdvanceAsync(planId, WorkflowState.Published, cancellationToken);
    }

    /// <summary>
    /// The plan's grid: the elements of its framework's main kind (the areas of focus by default) against the 4Rs,
    /// each cell counting the actions and targets serving both, with the evidence library's published items for each
    /// element beside it, so a gap in the plan points to what has worked elsewhere.
    /// </summary>
    public async Task<PlanGrid> GridAsync(PlanRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        var catalogue = await frameworks.GetCatalogueAsync(cancellationToken);
        var pillars = catalogue.Find(Plan.PillarFramework)!;
        var kind = record.Framework.CountsByKind().OrderByDescending(k => k.Count).Select(k => k.Kind).FirstOrDefault() ?? "";
        var rows = EvidenceCounts.Axis(record.Framework, kind);
        var columns = EvidenceCounts.Axis(pillars, "pillar");
        var gaps = await evidenceCounts.GapsAsync(Actor, rows, columns, cancellationToken);
        var items = record.Actions.Select(a => (Elements: Refs(a.Action.Elements), Status: (TargetStatus?)null))
            .Concat(record.Targets.Select(t => (Elements: Refs(t.Target.Elements), Status: (TargetStatus?)t.Assessment.Status))).ToList();
        var lines = new List<PlanGridRow>();
        for (var r = 0; r < rows.Elements.Count; r++)
        {
            var scope = rows.Scope(r).ToHashSet();
            var inRow = items.Where(i => i.Elements.Any(scope.Contains)).ToList();
            var cells = new List<PlanGridCell>();
            for (var c = 0; c < columns.Elements.Count; c++)
            {
                var pillar = columns.Scope(c).ToHashSet();
                var inCell = inRow.Where(i => i.Elements.Any(pillar.Contains)).ToList();
                cells.Add(new PlanGridCell(inCell.Count(i => i.Status is null), inCell.Count(i => i.Status is not null),
                    inCell.Where(i => i.Status is not null).GroupBy(i => i.Status!.Value).ToDictionary(g => g.Key, g => g.Count())));
            }
            lines.Add(new PlanGridRow(rows.Elements[r], cells, inRow.Count(i => i.Status is null), inRow.Count(i => i.Status is not null), gaps.RowTotals[r]));
        }
        return new PlanGrid(record.Framework, kind, columns.Elements, lines);
    }

    /// <summary>The element references stored on a target or action.</summary>
    public static IReadOnlyList<ElementRef> Refs(string elements) =>
        [.. Split(elements).Select(e => ElementRef.TryParse(e, out var r) ? r : (ElementRef?)null).OfType<ElementRef>()];

    private async Task<Outcome<PlanRecord>> AdvanceAsync(long planId, WorkflowState to, CancellationToken cancellationToken)
    {
        var plan = await db.Plans.FirstAsync(p => p.Id == planId, cancellationToken);
        plan.State = to;
        if (to == WorkflowState.Published)
        {
            plan.Visibility = Visibility.Public;
            plan.PublishedAt = clock.GetUtcNow().UtcDateTime;
        }
        plan.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        plan.UpdatedBy = Actor.Name;
        await db.SaveChangesAsync(cancellationToken);
        return await GetAsync(planId, cancellationToken);
    }

    /// <summary>A plan the actor may change: not found if they may not see it, forbidden if they may only read it.</summary>
    internal async Task<Outcome<PlanRecord>> WritableAsync(long planId, CancellationToken cancellationToken)
    {
        if (!(await GetAsync(planId, cancellationToken)).Succeeded(out var record, out var refusal))
        {
            return refusal;
        }
        if (!PlanPartnership.IsInside(Actor, record.Plan, [.. record.Partners.Select(p => p.Id)]))
        {
            // A published plan is public, but only its own organisation and its partners change it.
            return Refusal.Forbidden($"Only {record.Organisation.Name} and its partners on the plan can change it.");
        }
        if (!record.CanEdit)
        {
            var contributes = AccessPolicy.CanContribute(Actor, record.Plan.OrganisationId) || record.Partners.Any(p => AccessPolicy.CanContribute(Actor, p.Id));
            return record.Plan.State == WorkflowState.Draft || !contributes
                ? Refusal.Forbidden($"Only a contributor of {record.Organisation.Name} or of a partner on the plan can change it.")
                : Refusal.Conflict("The plan has been submitted: only an approver can change it now.");
        }
        return record;
    }

    internal async Task TouchAsync(long planId, CancellationToken cancellationToken)
    {
        var plan = await db.Plans.FirstAsync(p => p.Id == planId, cancellationToken);
        plan.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        plan.UpdatedBy = Actor.Name;
    }

    /// <summary>Element references of the plan's framework or the 4Rs, checked against the catalogue.</summary>
    private async Task<string> ElementsAsync(Plan plan, IReadOnlyList<string>? given, List<ContentProblem> problems, CancellationToken cancellationToken)
    {
        var chosen = (given ?? []).Select(e => e.Trim()).Where(e => e.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (chosen.Count == 0)
        {
            return "";
        }
        var catalogue = await frameworks.GetCatalogueAsync(cancellationToken);
        foreach (var text in chosen)
        {
            if (!ElementRef.TryParse(text, out var reference) || (reference.FrameworkId != plan.FrameworkId && reference.FrameworkId != Plan.PillarFramework)
                || catalogue.FindElement(reference) is null)
            {
                problems.Add(Problem("elements", $"{InputLimits.Quote(text)} is not an element of the plan's framework or of the 4Rs (write it as framework/element, for example {plan.FrameworkId}/…)"));
            }
        }
        return string.Join(',', chosen);
    }

    /// <summary>A period as the store has it, as the pages label it ("2023", "2020 to 2022", "2024/25") or its start year.</summary>
    private static bool Matches(IndicatorDefinition indicator, Period period, string text) =>
        string.Equals(period.ToIso(), text, StringComparison.OrdinalIgnoreCase)
        || string.Equals(AreaIndicators.PeriodLabel(indicator, period), text, StringComparison.OrdinalIgnoreCase)
        || int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && period.Start.Year == year;

    /// <summary>"2030": a period like the baseline's starting that year; otherwise an ISO 8601 period.</summary>
    private static Period? ParseTargetPeriod(string text, Period baseline)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var year))
        {
            return year is >= 2000 and <= 2100 ? new Period(new DateOnly(year, baseline.Start.Month, baseline.Start.Day), baseline.Duration) : null;
        }
        return Period.TryParse(text, out var period) && Period.InRange(period) ? period : null;
    }

    private static DateOnly? Date(string? text, string field, List<ContentProblem> problems)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) && date.Year is >= 2000 and <= 2100)
        {
            return date;
        }
        problems.Add(Problem(field, "Enter the date as year-month-day, for example 2026-03-31"));
        return null;
    }

    /// <summary>The statuses as the API and forms write them.</summary>
    public static readonly IReadOnlyDictionary<string, ActionStatus> StatusCodes = new Dictionary<string, ActionStatus>(StringComparer.OrdinalIgnoreCase)
    {
        ["not-started"] = ActionStatus.NotStarted,
        ["on-track"] = ActionStatus.OnTrack,
        ["at-risk"] = ActionStatus.AtRisk,
        ["late"] = ActionStatus.Late,
        ["done"] = ActionStatus.Done,
        ["dropped"] = ActionStatus.Dropped,
    };

    public static string Code(ActionStatus status) => StatusCodes.First(s => s.Value == status).Key;

    public static string Name(ActionStatus status) => status switch
    {
        ActionStatus.NotStarted => "Not started",
        ActionStatus.OnTrack => "On track",
        ActionStatus.AtRisk => "At risk",
        ActionStatus.Late => "Late",
        ActionStatus.Done => "Done",
        _ => "Dropped",
    };

    private static ActionStatus? Status(string? text, List<ContentProblem> problems)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (StatusCodes.TryGetValue(text.Trim(), out var status))
        {
            return status;
        }
        problems.Add(Problem("status", "Choose the status: not-started, on-track, at-risk, late, done or dropped"));
        return null;
    }

    private static string Text(string? text, string field, string missing, int max, List<ContentProblem> problems, bool required)
    {
        var trimmed = text?.Trim() ?? "";
        if (required && trimmed.Length == 0)
        {
            problems.Add(Problem(field, missing));
        }
        else if (trimmed.Length > max)
        {
            problems.Add(Problem(field, $"Use {max} characters or fewer"));
        }
        return trimmed;
    }

    private static IEnumerable<string> Split(string text) => text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static ContentProblem Problem(string field, string message) => new("", 0, 0, field, message);
}
