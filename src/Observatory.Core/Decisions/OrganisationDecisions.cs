using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Observatory.Accounts;
using Observatory.Auditing;
using Observatory.Content;
using Observatory.Evidence;
using Observatory.Indicators;
using Observatory.Outcomes;
using Observatory.Places;
using Observatory.Portraits;
using Observatory.Storage;

namespace Observatory.Decisions;

/// <summary>
/// Organisations scoring their decisions on a decision wheel: record a decision with its options, score each option
/// per segment (short and long term, reasons, mitigations, evidence, who answered), submit it, and have an approver
/// publish it. Contributors write drafts; the organisation's members read; published decisions are public; anyone
/// else is told a decision does not exist (not found, never forbidden).
/// </summary>
public sealed class OrganisationDecisions(ObservatoryDbContext db, DecisionWheels wheels, OrganisationWheels ownWheels, PlaceRegistry places, PortraitService portraits,
    EvidenceLibrary evidence, IndicatorCatalogue indicators, AuditLog audit, CurrentActor current, TimeProvider clock)
{
    /// <summary>The most evidence library items offered beside a segment (newest first): a list to tick, not a search.</summary>
    public const int MaxEvidenceChoices = 20;

    /// <summary>The council portrait each segment's place context is read from.</summary>
    public const string PortraitDefinition = "uk-council";

    private static readonly string[] OptionKeys = ["A", "B", "C", "D", "E", "F"];

    private Actor Actor => current.Actor;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public DecisionWheels Wheels => wheels;

    /// <summary>Every published decision anyone may read, newest first.</summary>
    public async Task<IReadOnlyList<DecisionSummary>> PublishedAsync(CancellationToken cancellationToken = default)
    {
        var decisions = await db.Decisions.AsNoTracking().Where(d => d.State == WorkflowState.Published).ToListAsync(cancellationToken);
        return await SummariesAsync([.. decisions.Where(d => AccessPolicy.CanView(Actor, d))], cancellationToken);
    }

    /// <summary>An organisation's decisions; only its members (and site administrators) may list them.</summary>
    public async Task<Outcome<OrganisationDecisionList>> ListAsync(string slug, CancellationToken cancellationToken = default)
    {
        if (!(await OrganisationAsync(slug, cancellationToken)).Succeeded(out var organisation, out var refusal))
        {
            return refusal;
        }
        var decisions = await db.Decisions.AsNoTracking().Where(d => d.OrganisationId == organisation.Id).ToListAsync(cancellationToken);
        var own = await ownWheels.LatestAsync(organisation, cancellationToken);
        return new OrganisationDecisionList(organisation, await SummariesAsync(decisions, cancellationToken), [.. own.Select(w => w.Latest)], AccessPolicy.CanContribute(Actor, organisation.Id));
    }

    /// <summary>Records a draft decision with its options, lettered A, B, … in the order given.</summary>
    public async Task<Outcome<DecisionRecord>> CreateAsync(string slug, DecisionInput input, CancellationToken cancellationToken = default)
    {
        if (!(await OrganisationAsync(slug, cancellationToken)).Succeeded(out var organisation, out var refusal))
        {
            return refusal;
        }
        if (!AccessPolicy.CanContribute(Actor, organisation.Id))
        {
            return Refusal.Forbidden($"Only a contributor of {organisation.Name} can record a decision.");
        }
        var problems = new List<ContentProblem>();
        var title = Blank(input.Title);
        if (title is null)
        {
            problems.Add(Problem("title", "Enter what is being decided"));
        }
        CheckLength(problems, "title", title, Decision.MaxTitleLength, "The title");
        DecisionKind? kind = null;
        if (string.IsNullOrWhiteSpace(input.Kind))
        {
            problems.Add(Problem("kind", "Choose what kind of decision it is"));
        }
        else if (DecisionWords.Kinds.TryGetValue(input.Kind.Trim(), out var k))
        {
            kind = k;
        }
        else
        {
            problems.Add(Problem("kind", $"Choose the kind of decision: {string.Join(", ", DecisionWords.Kinds.Keys)}"));
        }
        var placeCode = Blank(input.PlaceCode) ?? (organisation.Places.Count > 0 ? organisation.Places[0] : null);
        var place = places.Find(placeCode);
        if (place is not { IsCouncil: true })
        {
            problems.Add(Problem("placeCode", placeCode is null
                ? "Enter the council area the decision is about (its GSS code, such as E06000052)"
                : $"{InputLimits.Quote(placeCode)} is not the code of a current council area"));
        }
        // A shipped wheel, or the latest version of one of the organisation's own.
        var wheel = await ownWheels.FindAsync(organisation.Id, Blank(input.WheelId) ?? DecisionWheels.DefaultId, null, cancellationToken);
        if (wheel is null)
        {
            var own = await ownWheels.LatestAsync(organisation, cancellationToken);
            problems.Add(Problem("wheelId", $"Choose a decision wheel: {string.Join(", ", wheels.Wheels.Select(w => w.Id).Concat(own.Select(w => w.Row.WheelId)))}"));
        }
        var summary = Blank(input.Summary);
        CheckLength(problems, "summary", summary, Decision.MaxSummaryLength, "The summary");
        var options = (input.Options ?? []).Select((o, i) => (Index: i, Title: Blank(o.Title), Description: Blank(o.Description))).ToList();
        // A trailing blank option on a form is not an option.
        options = [.. options.Where(o => o.Title is not null || o.Description is not null)];
        if (options.Count == 0)
        {
            problems.Add(Problem("options", "Enter at least one option (the proposal itself counts as one)"));
        }
        else if (options.Count > Decision.MaxOptions)
        {
            problems.Add(Problem("options", $"A decision may compare at most {Decision.MaxOptions} options"));
        }
        foreach (var o in options)
        {
            if (o.Title is null)
            {
                problems.Add(Problem($"options[{o.Index}].title", $"Enter a title for option {Key(o.Index)}"));
            }
            CheckLength(problems, $"options[{o.Index}].title", o.Title, Decision.MaxTitleLength, $"Option {Key(o.Index)}'s title");
            CheckLength(problems, $"options[{o.Index}].description", o.Description, DecisionOption.MaxDescriptionLength, $"Option {Key(o.Index)}'s description");
        }
        if (problems.Count > 0)
        {
            return Refusal.Invalid(problems);
        }
        var decision = new Decision
        {
            OrganisationId = organisation.Id,
            Title = title!,
            Kind = kind!.Value,
            PlaceCode = place!.Code,
            Summary = summary,
            WheelId = wheel!.Id,
            WheelVersion = wheel.Version,
            CreatedAt = Now,
            CreatedBy = Actor.Name,
            UpdatedAt = Now,
            UpdatedBy = Actor.Name,
        };
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Decisions.Add(decision);
        await db.SaveChangesAsync(cancellationToken);
        for (var i = 0; i < options.Count; i++)
        {
            db.DecisionOptions.Add(new DecisionOption { DecisionId = decision.Id, OrganisationId = organisation.Id, Key = OptionKeys[i], Title = options[i].Title!, Description = options[i].Description });
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return await GetAsync(decision.Id, cancellationToken);
    }

    /// <summary>A decision as the actor may see it, with the place context beside each segment.</summary>
    public async Task<Outcome<DecisionRecord>> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        var decision = await db.Decisions.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (decision is null || !AccessPolicy.CanView(Actor, decision))
        {
            return NoSuchDecision;
        }
        var organisation = await db.Organisations.AsNoTracking().FirstAsync(o => o.Id == decision.OrganisationId, cancellationToken);
        // The version it was scored on: an organisation's later changes to its own wheel do not reach it.
        if (await ownWheels.FindAsync(decision.OrganisationId, decision.WheelId, decision.WheelVersion, cancellationToken) is not { } wheel)
        {
            return Refusal.NotFound($"The decision wheel '{decision.WheelId}' this decision was scored on can no longer be found.");
        }
        var options = await db.DecisionOptions.AsNoTracking().Where(o => o.DecisionId == id).OrderBy(o => o.Key).ToListAsync(cancellationToken);
        var scores = await db.SegmentScores.AsNoTracking().Where(s => s.DecisionId == id).ToListAsync(cancellationToken);
        var titles = await LinkTitlesAsync(scores, cancellationToken);
        var context = await ContextAsync(wheel, decision.PlaceCode, cancellationToken);
        var own = Actor.IsSiteAdministrator || Actor.RoleIn(organisation.Id) is not null;
        var delegations = await db.SegmentDelegations.AsNoTracking().Where(g => g.DecisionId == id)
            .Join(db.Set<Person>().AsNoTracking(), g => g.PersonId, p => p.Id, (g, p) => new { g.SegmentId, g.PersonId, p.DisplayName, g.DelegatedBy, g.DelegatedAt, g.EndedAt })
            .ToListAsync(cancellationToken);
        // A delegate writes only with a write token (or a signed-in session), and only while they are still a member.
        var yours = own && Actor.MayWrite && Actor.RoleIn(organisation.Id) is not null && Actor.PersonId is { } me
            ? delegations.Where(g => g.PersonId == me && g.EndedAt is null).Select(g => g.SegmentId).ToHashSet(StringComparer.Ordinal)
            : [];
        return new DecisionRecord(decision, organisation, wheel, places.Find(decision.PlaceCode)?.Name ?? decision.PlaceCode, options, scores, context,
            own && AccessPolicy.CanContribute(Actor, organisation.Id),
            own && Actor.MayWrite && (Actor.IsSiteAdministrator || Actor.HasRole(organisation.Id, Role.Approver)),
            own,
            [.. delegations.OrderBy(g => g.DelegatedAt).Select(g => new SegmentDelegate(g.SegmentId, g.PersonId, g.DisplayName, g.DelegatedBy, g.DelegatedAt, g.EndedAt))],
            yours,
            titles);
    }

    /// <summary>The titles of the evidence library items and indicators the scores link to, so the page names them rather than showing addresses.</summary>
    private async Task<IReadOnlyDictionary<string, string>> LinkTitlesAsync(IReadOnlyList<SegmentScore> scores, CancellationToken cancellationToken)
    {
        var links = scores.SelectMany(s => s.Links).Distinct(StringComparer.Ordinal).ToList();
        var titles = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var link in links.Where(l => l.StartsWith("/indicators/", StringComparison.Ordinal)))
        {
            if (indicators.Find(link["/indicators/".Length..]) is { } indicator)
            {
                titles[link] = indicator.Name;
            }
        }
        var slugs = links.Where(l => l.StartsWith("/evidence/", StringComparison.Ordinal)).Select(l => l["/evidence/".Length..]).ToList();
        if (slugs.Count > 0)
        {
            foreach (var item in await evidence.Published(Actor).Where(e => slugs.Contains(e.Slug)).Select(e => new { e.Slug, e.Title }).ToListAsync(cancellationToken))
            {
                titles[EvidenceLink(item.Slug)] = item.Title;
            }
        }
        return titles;
    }

    /// <summary>
    /// Scores one option on one segment of a draft. Every problem is named by its field; nothing is saved if there is one.
    /// </summary>
    /// <remarks>
    /// A member the segment is delegated to may score it (and no other); their name is recorded as who answered.
    /// </remarks>
    public async Task<Outcome<DecisionRecord>> ScoreAsync(long id, string optionKey, string segmentId, ScoreInput input, CancellationToken cancellationToken = default)
    {
        if (!(await AnswerableAsync(id, segmentId, cancellationToken)).Succeeded(out var record, out var refusal))
        {
            return refusal;
        }
        if (record.Options.FirstOrDefault(o => string.Equals(o.Key, optionKey, StringComparison.OrdinalIgnoreCase)) is not { } option)
        {
            return Refusal.NotFound($"This decision has no option {InputLimits.Quote(optionKey)}.");
        }
        if (record.Wheel.Segment(segmentId) is not { } segment)
        {
            return Refusal.NotFound($"{record.Wheel.Title} has no segment {InputLimits.Quote(segmentId)}.");
        }
        var problems = new List<ContentProblem>();
        var shortTerm = ParseScore(problems, "shortTerm", input.ShortTerm, "short term");
        var longTerm = ParseScore(problems, "longTerm", input.LongTerm, "long term");
        var rationale = Blank(input.Rationale);
        var mitigations = Blank(input.Mitigations);
        CheckLength(problems, "rationale", rationale, SegmentScore.MaxTextLength, "The reasons");
        CheckLength(problems, "mitigations", mitigations, SegmentScore.MaxTextLength, "The mitigations");
        // A delegate answers for themselves; an editor may name the officer or specialist who answered.
        var answeredBy = record.CanEdit ? Blank(input.AnsweredBy) ?? Actor.Name : Actor.Name;
        CheckLength(problems, "answeredBy", answeredBy, SegmentScore.MaxAnsweredByLength, "Who answered");
        // Picked items and typed links arrive together; one chosen twice is one link.
        var links = (input.Evidence ?? []).SelectMany(l => (l ?? "").Split('\n')).Select(l => l.Trim()).Where(l => l.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (links.Count > SegmentScore.MaxLinks)
        {
            problems.Add(Problem("evidence", $"Give at most {SegmentScore.MaxLinks} evidence links"));
        }
        for (var i = 0; i < links.Count; i++)
        {
            if (links[i].Length > SegmentScore.MaxLinkLength || !IsLink(links[i]))
            {
                problems.Add(Problem($"evidence[{i}]", $"{InputLimits.Quote(links[i])} is not a web address (https://…) or a page of the Observatory (/evidence/…)"));
            }
        }
        if (problems.Count > 0)
        {
            return Refusal.Invalid(problems);
        }
        var row = await db.SegmentScores.FirstOrDefaultAsync(s => s.DecisionId == id && s.OptionKey == option.Key && s.SegmentId == segment.Id, cancellationToken);
        if (row is null)
        {
            row = new SegmentScore { DecisionId = id, OrganisationId = record.Organisation.Id, OptionKey = option.Key, SegmentId = segment.Id, AnsweredBy = answeredBy, UpdatedBy = Actor.Name };
            db.SegmentScores.Add(row);
        }
        row.ShortTerm = shortTerm;
        row.LongTerm = longTerm;
        row.Rationale = rationale;
        row.Mitigations = mitigations;
        row.EvidenceLinks = string.Join('\n', links);
        row.AnsweredBy = answeredBy;
        row.UpdatedAt = Now;
        row.UpdatedBy = Actor.Name;
        var tracked = await db.Decisions.FirstAsync(d => d.Id == id, cancellationToken);
        Touch(tracked);
        await db.SaveChangesAsync(cancellationToken);
        return await GetAsync(id, cancellationToken);
    }

    /// <summary>Submits a draft for an approver to publish; its scores are then fixed. A second submission is a conflict.</summary>
    public async Task<Outcome<DecisionRecord>> SubmitAsync(long id, CancellationToken cancellationToken = default)
    {
        if (!(await WritableAsync(id, cancellationToken)).Succeeded(out _, out var refusal))
        {
            return refusal;
        }
        var tracked = await db.Decisions.FirstAsync(d => d.Id == id, cancellationToken);
        tracked.State = WorkflowState.Submitted;
        tracked.SubmittedAt = Now;
        tracked.SubmittedBy = Actor.Name;
        Touch(tracked);
        await db.SaveChangesAsync(cancellationToken);
        return await GetAsync(id, cancellationToken);
    }

    /// <summary>An approver publishes a submitted decision: it is then public, with its audited history.</summary>
    public async Task<Outcome<DecisionRecord>> PublishAsync(long id, CancellationToken cancellationToken = default)
    {
        if (!(await GetAsync(id, cancellationToken)).Succeeded(out var record, out var refusal))
        {
            return refusal;
        }
        if (!Actor.IsSiteAdministrator && Actor.RoleIn(record.Organisation.Id) is null)
        {
            // Someone reading a published decision is not told how it could be changed.
            return NoSuchDecision;
        }
        if (!record.MayPublish)
        {
            return Refusal.Forbidden($"Only an approver of {record.Organisation.Name} can publish its decisions.");
        }
        if (record.Decision.State != WorkflowState.Submitted)
        {
            return Refusal.Conflict(record.Decision.State == WorkflowState.Draft
                ? "Submit the decision first: an approver publishes what was submitted."
                : "This decision is already published.");
        }
        var tracked = await db.Decisions.FirstAsync(d => d.Id == id, cancellationToken);
        tracked.State = WorkflowState.Published;
        tracked.Visibility = Visibility.Public;
        tracked.PublishedAt = Now;
        tracked.PublishedBy = Actor.Name;
        Touch(tracked);
        // Delegation ends with publication: what was answered stays, and who answered it, but nobody answers any more.
        foreach (var delegation in await db.SegmentDelegations.Where(g => g.DecisionId == id && g.EndedAt == null).ToListAsync(cancellationToken))
        {
            delegation.EndedAt = Now;
        }
        await db.SaveChangesAsync(cancellationToken);
        return await GetAsync(id, cancellationToken);
    }

    /// <summary>
    /// What can be picked as evidence for a segment: the evidence library's published items the actor may read and the
    /// indicators tagged to the segment's Doughnut element (the element that also gives the place's status beside it),
    /// each as the Observatory page a score links to. None for a segment without an element.
    /// </summary>
    public async Task<IReadOnlyList<EvidenceChoice>> EvidenceChoicesAsync(WheelSegment segment, CancellationToken cancellationToken = default)
    {
        if (segment.Element is not { } element)
        {
            return [];
        }
        var tag = element.ToString();
        var items = await evidence.Published(Actor).Where(e => e.Elements.Any(x => x.Element == tag))
            .OrderByDescending(e => e.Year).ThenBy(e => e.Title).Take(MaxEvidenceChoices)
            .Select(e => new { e.Slug, e.Title, e.Year })
            .ToListAsync(cancellationToken);
        return [.. items.Select(i => new EvidenceChoice(EvidenceLink(i.Slug), i.Title, i.Year is { } year ? $"Evidence library, {year}" : "Evidence library")),
            .. indicators.ByElement(element).Select(i => new EvidenceChoice(IndicatorLink(i.Id), i.Name, "Indicator"))];
    }

    public static string EvidenceLink(string slug) => $"/evidence/{slug}";

    public static string IndicatorLink(string id) => $"/indicators/{id}";

    /// <summary>
    /// An editor of a draft gives one or more segments to another member of the organisation to answer, for every
    /// option; a segment already delegated passes to the new delegate. All or nothing: every problem is named by its
    /// field and nothing is saved if there is one.
    /// </summary>
    public async Task<Outcome<DecisionRecord>> DelegateAsync(long id, long? personId, IReadOnlyList<string>? segmentIds, CancellationToken cancellationToken = default)
    {
        if (!(await WritableAsync(id, cancellationToken)).Succeeded(out var record, out var refusal))
        {
            return refusal;
        }
        var problems = new List<ContentProblem>();
        if (personId is not { } person)
        {
            problems.Add(Problem("delegate", "Choose the member who will answer the segments"));
        }
        else if (person == Actor.PersonId)
        {
            problems.Add(Problem("delegate", "Choose another member: you can already answer every segment"));
        }
        else if (!await db.Memberships.AsNoTracking().AnyAsync(m => m.OrganisationId == record.Organisation.Id && m.PersonId == person, cancellationToken))
        {
            // Said the same way whether the person exists or not: nobody learns who has an account elsewhere.
            problems.Add(Problem("delegate", $"Choose a member of {record.Organisation.Name}"));
        }
        var chosen = (segmentIds ?? []).Select(s => s?.Trim() ?? "").Where(s => s.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (chosen.Count == 0)
        {
            problems.Add(Problem("segments", "Choose at least one segment to delegate"));
        }
        for (var i = 0; i < chosen.Count; i++)
        {
            if (record.Wheel.Segment(chosen[i]) is null)
            {
                problems.Add(Problem($"segments[{i}]", $"{InputLimits.Quote(chosen[i])} is not a segment of {record.Wheel.Title}"));
            }
        }
        if (problems.Count > 0)
        {
            return Refusal.Invalid(problems);
        }
        var existing = await db.SegmentDelegations.Where(g => g.DecisionId == id && chosen.Contains(g.SegmentId)).ToListAsync(cancellationToken);
        foreach (var segment in chosen)
        {
            if (existing.FirstOrDefault(g => g.SegmentId == segment) is not { } row)
            {
                db.SegmentDelegations.Add(new SegmentDelegation { DecisionId = id, OrganisationId = record.Organisation.Id, SegmentId = segment, PersonId = personId!.Value, DelegatedAt = Now, DelegatedBy = Actor.Name });
            }
            else if (row.PersonId != personId)
            {
                row.PersonId = personId!.Value;
                row.DelegatedAt = Now;
                row.DelegatedBy = Actor.Name;
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        return await GetAsync(id, cancellationToken);
    }

    /// <summary>An editor of a draft takes a delegated segment back: the delegate can no longer answer it; their answers stay.</summary>
    public async Task<Outcome<DecisionRecord>> TakeBackAsync(long id, string segmentId, CancellationToken cancellationToken = default)
    {
        if (!(await WritableAsync(id, cancellationToken)).Succeeded(out var record, out var refusal))
        {
            return refusal;
        }
        if (record.Wheel.Segment(segmentId) is null)
        {
            return Refusal.NotFound($"{record.Wheel.Title} has no segment {InputLimits.Quote(segmentId)}.");
        }
        if (await db.SegmentDelegations.FirstOrDefaultAsync(g => g.DecisionId == id && g.SegmentId == segmentId, cancellationToken) is { } row)
        {
            db.SegmentDelegations.Remove(row);
            await db.SaveChangesAsync(cancellationToken);
        }
        return await GetAsync(id, cancellationToken);
    }

    /// <summary>The members of the decision's organisation its segments can be delegated to, by name: everyone but the actor.</summary>
    public async Task<Outcome<IReadOnlyList<Delegatable>>> DelegatableAsync(long id, CancellationToken cancellationToken = default)
    {
        if (!(await GetAsync(id, cancellationToken)).Succeeded(out var record, out var refusal))
        {
            return refusal;
        }
        if (!record.IsMember)
        {
            // A published decision shows who answered, never who else is in the organisation.
            return NoSuchDecision;
        }
        var me = Actor.PersonId ?? -1;
        var people = await db.Memberships.AsNoTracking().Where(m => m.OrganisationId == record.Organisation.Id && m.PersonId != me)
            .Join(db.Set<Person>().AsNoTracking(), m => m.PersonId, p => p.Id, (m, p) => new { p.Id, p.DisplayName, m.Role })
            .ToListAsync(cancellationToken);
        return Outcome.Success<IReadOnlyList<Delegatable>>([.. people.OrderBy(p => p.DisplayName, StringComparer.OrdinalIgnoreCase).ThenBy(p => p.Id).Select(p => new Delegatable(p.Id, p.DisplayName, p.Role))]);
    }

    /// <summary>The recorded changes to a decision, its options and its scores, newest first, for whoever may read it.</summary>
    public async Task<Outcome<IReadOnlyList<AuditEntry>>> HistoryAsync(long id, CancellationToken cancellationToken = default)
    {
        if (!(await GetAsync(id, cancellationToken)).Succeeded(out var record, out var refusal))
        {
            return refusal;
        }
        var entries = new List<AuditEntry>(await audit.ForEntityAsync(nameof(Decision), id.ToString(CultureInfo.InvariantCulture), cancellationToken));
        var optionIds = record.Options.Select(o => o.Id.ToString(CultureInfo.InvariantCulture)).ToList();
        var scoreIds = record.Scores.Select(s => s.Id.ToString(CultureInfo.InvariantCulture)).ToList();
        entries.AddRange(await db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == nameof(DecisionOption) && optionIds.Contains(a.EntityId) || a.EntityType == nameof(SegmentScore) && scoreIds.Contains(a.EntityId))
            .ToListAsync(cancellationToken));
        // Delegations taken back are gone from the table, so their entries are found by the decision their values name.
        var organisationId = record.Organisation.Id;
        var delegations = await db.AuditEntries.AsNoTracking().Where(a => a.EntityType == nameof(SegmentDelegation) && a.OrganisationId == organisationId).ToListAsync(cancellationToken);
        entries.AddRange(delegations.Where(a => DecisionOf(a.After ?? a.Before) == id));
        return entries.OrderByDescending(e => e.Id).ToList();
    }

    /// <summary>Each segment's context: the status of the dimension tagged to its element in the place's latest council portrait.</summary>
    private async Task<IReadOnlyDictionary<string, SegmentContext>> ContextAsync(DecisionWheel wheel, string placeCode, CancellationToken cancellationToken)
    {
        var portrait = await portraits.ForPlaceAsync(placeCode, PortraitDefinition, cancellationToken: cancellationToken);
        var context = new Dictionary<string, SegmentContext>(StringComparer.Ordinal);
        if (portrait is null)
        {
            return context;
        }
        foreach (var segment in wheel.Segments)
        {
            if (segment.Element is not { } element)
            {
                continue;
            }
            // Where two dimensions share an element (health: healthy life expectancy and life satisfaction), the worse counts.
            var worst = portrait.Dimensions.Where(d => d.Element == element)
                .OrderBy(d => d.Status switch { DimensionStatus.Overshoot or DimensionStatus.Shortfall => 0, DimensionStatus.Within => 1, _ => 2 })
                .FirstOrDefault();
            if (worst is not null)
            {
                context[segment.Id] = new SegmentContext(worst.Name, worst.Status);
            }
        }
        return context;
    }

    private async Task<IReadOnlyList<DecisionSummary>> SummariesAsync(IReadOnlyList<Decision> decisions, CancellationToken cancellationToken)
    {
        var ids = decisions.Select(d => d.Id).ToList();
        var organisationIds = decisions.Select(d => d.OrganisationId).Distinct().ToList();
        var organisations = await db.Organisations.AsNoTracking().Where(o => organisationIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, cancellationToken);
        var optionCounts = await db.DecisionOptions.AsNoTracking().Where(o => ids.Contains(o.DecisionId)).GroupBy(o => o.DecisionId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        return [.. decisions.OrderByDescending(d => d.PublishedAt ?? d.UpdatedAt).ThenByDescending(d => d.Id)
            .Select(d => new DecisionSummary(d, organisations[d.OrganisationId].Name, organisations[d.OrganisationId].Slug, optionCounts.GetValueOrDefault(d.Id)))];
    }

    private static long? DecisionOf(string? values)
    {
        if (values is null)
        {
            return null;
        }
        using var json = System.Text.Json.JsonDocument.Parse(values);
        return json.RootElement.TryGetProperty(nameof(SegmentDelegation.DecisionId), out var decision) && decision.TryGetInt64(out var n) ? n : null;
    }

    /// <summary>
    /// A segment of a draft the actor may score: not found if they may not see the decision, forbidden unless they edit
    /// it or the segment is delegated to them, a conflict once submitted.
    /// </summary>
    private async Task<Outcome<DecisionRecord>> AnswerableAsync(long id, string segmentId, CancellationToken cancellationToken)
    {
        if (!(await GetAsync(id, cancellationToken)).Succeeded(out var record, out var refusal))
        {
            return refusal;
        }
        if (!record.IsMember)
        {
            return NoSuchDecision;
        }
        if (!record.MayContribute && !record.DelegatedToYou.Contains(segmentId))
        {
            return Refusal.Forbidden(record.DelegatedToYou.Count > 0
                ? $"You were asked to answer {string.Join(", ", record.Wheel.Segments.Where(s => record.DelegatedToYou.Contains(s.Id)).Select(s => s.Name))} only."
                : $"Only a contributor of {record.Organisation.Name}, or the member a segment is delegated to, can score its decisions.");
        }
        if (record.Decision.State != WorkflowState.Draft)
        {
            return Refusal.Conflict($"This decision was submitted on {record.Decision.SubmittedAt:d MMMM yyyy}; its scores are fixed.");
        }
        return record;
    }

    private static Refusal NoSuchDecision => Refusal.NotFound("There is no such decision.");

    private async Task<Outcome<Organisation>> OrganisationAsync(string slug, CancellationToken cancellationToken)
    {
        var organisation = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Slug == slug, cancellationToken);
        return organisation is not null && (Actor.IsSiteAdministrator || Actor.RoleIn(organisation.Id) is not null)
            ? organisation
            : Refusal.NotFound($"There is no organisation '{slug}' whose decisions you can see.");
    }

    /// <summary>A draft the actor may change: not found if they may not see it, forbidden if they only read, a conflict once submitted.</summary>
    private async Task<Outcome<DecisionRecord>> WritableAsync(long id, CancellationToken cancellationToken)
    {
        if (!(await GetAsync(id, cancellationToken)).Succeeded(out var record, out var refusal))
        {
            return refusal;
        }
        if (!Actor.IsSiteAdministrator && Actor.RoleIn(record.Organisation.Id) is null)
        {
            return NoSuchDecision;
        }
        if (!record.MayContribute)
        {
            return Refusal.Forbidden($"Only a contributor of {record.Organisation.Name} can change its decisions.");
        }
        if (record.Decision.State != WorkflowState.Draft)
        {
            return Refusal.Conflict($"This decision was submitted on {record.Decision.SubmittedAt:d MMMM yyyy}; its scores are fixed.");
        }
        return record;
    }

    private void Touch(Decision decision)
    {
        decision.UpdatedAt = Now;
        decision.UpdatedBy = Actor.Name;
    }

    private static string Key(int index) => index < OptionKeys.Length ? OptionKeys[index] : (index + 1).ToString(CultureInfo.InvariantCulture);

    private static int? ParseScore(List<ContentProblem> problems, string field, string? value, string term)
    {
        var text = value?.Trim() ?? "";
        if (text.Length == 0 || text.Equals("unknown", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var score) && score is >= SegmentScore.MinScore and <= SegmentScore.MaxScore)
        {
            return score;
        }
        problems.Add(Problem(field, $"Choose the {term} impact from 1 to 5, or unknown"));
        return null;
    }

    private static bool IsLink(string text) =>
        text.StartsWith('/') && !text.StartsWith("//", StringComparison.Ordinal)
        || Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

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
