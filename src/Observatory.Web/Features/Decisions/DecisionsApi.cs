using Microsoft.AspNetCore.Http.HttpResults;
using Observatory.Decisions;
using Observatory.Outcomes;
using Observatory.Rendering.Charts;
using Observatory.Web.Features.Assessments;
using Observatory.Web.Setup;

namespace Observatory.Web.Features.Decisions;

/// <summary>
/// Decisions scored on a decision wheel over the API: anyone reads published decisions and the shipped wheels; an
/// organisation's members read its own; contributors with a write token record, score and submit; approvers publish.
/// Someone outside the organisation is answered 404 for its unpublished decisions, whatever they try.
/// </summary>
public static class DecisionsApi
{
    public sealed record OptionRequest(string? Title, string? Description);

    public sealed record CreateRequest(string? Title, string? Kind, string? PlaceCode, string? WheelId, string? Summary, IReadOnlyList<OptionRequest>? Options);

    /// <summary>Scores are 1–5, or null / "unknown" when the impact is not known.</summary>
    public sealed record ScoreRequest(object? ShortTerm, object? LongTerm, string? Rationale, string? Mitigations, IReadOnlyList<string>? Evidence, string? AnsweredBy);

    public sealed record SegmentDetail(string Id, string Name, string Ring, string Origin, IReadOnlyList<string> Questions, string? Element);

    public sealed record WheelDetail(string Id, string Title, string Version, string Publisher, string Summary, IReadOnlyList<SegmentDetail> Segments);

    public sealed record CopyWheelRequest(string? CopyOf, string? Title);

    public sealed record SegmentRequest(string? Ring, string? Name, IReadOnlyList<string?>? Questions);

    public sealed record WheelVersionItem(int Version, string Change, DateTime At, string By);

    public sealed record OwnWheelDetail(string Id, string Title, string Version, string CopiedFrom, IReadOnlyList<SegmentDetail> Segments, IReadOnlyList<WheelVersionItem> Versions, string Url);

    public sealed record ScoreDetail(string Segment, int? ShortTerm, int? LongTerm, string? Rationale, string? Mitigations, IReadOnlyList<string> Evidence,
        string AnsweredBy, DateTime UpdatedAt);

    public sealed record OptionDetail(string Key, string Title, string? Description, IReadOnlyList<ScoreDetail> Scores, string Wheel);

    public sealed record ContextDetail(string Segment, string Dimension, string Status);

    public sealed record WarningDetail(string Option, string Segment, string Status, int? ShortTerm, int? LongTerm);

    /// <summary>A delegated segment: who answers it (their person id for the organisation's members only), who delegated it, and when it ended.</summary>
    public sealed record DelegationDetail(string Segment, long? PersonId, string Delegate, string DelegatedBy, DateTime DelegatedAt, DateTime? EndedAt);

    public sealed record DelegateRequest(long? Delegate, IReadOnlyList<string>? Segments);

    public sealed record DelegatableItem(long PersonId, string Name, string Role);

    public sealed record DecisionDetail(long Id, string Organisation, string Title, string Kind, string Place, string PlaceName, string? Summary,
        string Wheel, string WheelVersion, string State, DateTime CreatedAt, string CreatedBy, DateTime UpdatedAt, string UpdatedBy,
        DateTime? SubmittedAt, DateTime? PublishedAt, IReadOnlyList<OptionDetail> Options, IReadOnlyList<ContextDetail> Context,
        IReadOnlyList<WarningDetail> Warnings, IReadOnlyList<DelegationDetail> Delegations, IReadOnlyList<string> DelegatedToYou, string Url);

    public sealed record DecisionListItem(long Id, string Organisation, string OrganisationName, string Title, string Kind, string Place, string State,
        int Options, DateTime UpdatedAt, DateTime? PublishedAt, string Url);

    public sealed record HistoryItem(DateTime At, string Who, string What, string Action, string? Before, string? After);

    public static void MapDecisionsApi(this WebApplication app)
    {
        var api = app.MapGroup("/api").WithTags("Decisions");
        api.MapGet("/decision-wheels", (DecisionWheels wheels) => TypedResults.Ok(wheels.Wheels.Select(Wheel).ToList()))
            .WithSummary("The shipped decision wheels: each segment with its ring, where it comes from, its guiding questions and its Doughnut element.");
        api.MapGet("/decisions", PublishedAsync)
            .WithSummary("Every published decision, newest first.");
        api.MapGet("/decisions/{id:long}", GetAsync)
            .WithSummary("One decision: its options, each option's short- and long-term score per segment (null when unknown) with reasons, mitigations, evidence and who answered, "
                + "the place's portrait status beside each segment, and warnings where an option scores 1 or 2 on a segment already in shortfall or overshoot. 404 unless you may see it.");
        api.MapGet("/decisions/{id:long}/history", HistoryAsync)
            .WithSummary("The audited changes to a decision, its options and its scores, newest first.");
        api.MapGet("/organisations/{slug}/decisions", ListAsync)
            .WithSummary("An organisation's decisions, drafts included. Members only: 404 for anyone else.");
        api.MapPost("/organisations/{slug}/decisions", CreateAsync)
            .AddEndpointFilter(OrganisationAssessmentsApi.JsonFromBrowsers)
            .WithSummary("Records a draft decision: {title, kind: cabinet-proposal | committee-proposal | project | policy, placeCode (GSS code; the organisation's first place if left out), "
                + "wheelId (doughnut-decision-wheel if left out), summary, options: [{title, description}]} — options are lettered A, B, … in order. Contributors with a write token.");
        api.MapPut("/decisions/{id:long}/options/{option}/segments/{segment}", ScoreAsync)
            .AddEndpointFilter(OrganisationAssessmentsApi.JsonFromBrowsers)
            .WithSummary("Scores one option on one segment of a draft: {shortTerm: 1-5 | null, longTerm: 1-5 | null, rationale, mitigations, evidence: [links], answeredBy}. "
                + "1 is a long-lasting or severe negative impact, 5 a long-lasting or extensive positive one, null unknown. Replaces what was stored; 400 naming each bad field.");
        api.MapGet("/decisions/{id:long}/delegates", DelegatesAsync)
            .WithSummary("The members of the decision's organisation its segments can be delegated to (everyone but you): {personId, name, role}. Members only: 404 for anyone else.");
        api.MapPost("/decisions/{id:long}/delegations", DelegateAsync)
            .AddEndpointFilter(OrganisationAssessmentsApi.JsonFromBrowsers)
            .WithSummary("Delegates segments of a draft to a member of its organisation: {delegate: personId from /delegates, segments: [segment ids]}. The delegate may then score "
                + "those segments, for every option, and nothing else; a segment already delegated passes to the new delegate. Editors with a write token; 400 naming each bad field, nothing saved. "
                + "Delegation ends when the decision is published.");
        api.MapDelete("/decisions/{id:long}/delegations/{segment}", TakeBackAsync)
            .AddEndpointFilter(OrganisationAssessmentsApi.JsonFromBrowsers)
            .WithSummary("Takes a delegated segment back: its delegate can no longer score it; what they answered stays.");
        api.MapPost("/decisions/{id:long}/submit", SubmitAsync)
            .AddEndpointFilter(OrganisationAssessmentsApi.JsonFromBrowsers)
            .WithSummary("Submits a draft for approval; its scores are then fixed (409 for a second submission).");
        api.MapPost("/decisions/{id:long}/publish", PublishAsync)
            .AddEndpointFilter(OrganisationAssessmentsApi.JsonFromBrowsers)
            .WithSummary("Publishes a submitted decision: approvers of the organisation with a write token. It is then public with its history (409 for a draft).");

        api.MapGet("/organisations/{slug}/decision-wheels", OwnWheelsAsync)
            .WithSummary("An organisation's own decision wheels, each at its latest version. Members only: 404 for anyone else.");
        api.MapPost("/organisations/{slug}/decision-wheels", CopyWheelAsync)
            .AddEndpointFilter(OrganisationAssessmentsApi.JsonFromBrowsers)
            .WithSummary("Copies a wheel as the organisation's own (version 1): {copyOf: a shipped wheel's id or one of the organisation's own, title (optional)}. "
                + "Contributors with a write token. The new wheel's id is made from its title.");
        api.MapGet("/organisations/{slug}/decision-wheels/{wheel}", OwnWheelAsync)
            .WithSummary("One of an organisation's own wheels at a version (?version=N; the latest if left out), with every version's change. Members only.");
        api.MapPut("/organisations/{slug}/decision-wheels/{wheel}/segments/{segment}", ChangeSegmentAsync)
            .AddEndpointFilter(OrganisationAssessmentsApi.JsonFromBrowsers)
            .WithSummary("Renames a segment or changes its guiding questions: {name, questions: [text]}. Saves a new version (none if nothing changed); "
                + "decisions keep the version they were scored on. 400 naming each bad field.");
        api.MapPost("/organisations/{slug}/decision-wheels/{wheel}/segments", AddSegmentAsync)
            .AddEndpointFilter(OrganisationAssessmentsApi.JsonFromBrowsers)
            .WithSummary("Adds a segment at the end of a ring: {ring: the ring's id, name, questions: [text]}. Saves a new version.");
        api.MapDelete("/organisations/{slug}/decision-wheels/{wheel}/segments/{segment}", RemoveSegmentAsync)
            .AddEndpointFilter(OrganisationAssessmentsApi.JsonFromBrowsers)
            .WithSummary("Removes a segment: saves a new version (409 for the last segment of a ring).");

        // The wheel picture itself, to download and embed in a committee report.
        app.MapGet("/decisions/{id:long}/options/{option}/wheel.svg", SvgAsync).ExcludeFromDescription();
    }

    internal static WheelDetail Wheel(DecisionWheel w) => new(w.Id, w.Title, w.Version, w.Publisher, w.Summary,
        [.. w.Rings.SelectMany(r => r.Segments.Select(s => new SegmentDetail(s.Id, s.Name, r.Id, s.Origin, s.Questions, s.Element?.ToString())))]);

    private static async Task<Ok<List<DecisionListItem>>> PublishedAsync(OrganisationDecisions decisions, CancellationToken ct) =>
        TypedResults.Ok((await decisions.PublishedAsync(ct)).Select(Item).ToList());

    private static async Task<Results<Ok<List<DecisionListItem>>, ProblemHttpResult>> ListAsync(string slug, OrganisationDecisions decisions, CancellationToken ct)
    {
        if (!(await decisions.ListAsync(slug, ct)).Succeeded(out var list, out var refusal))
        {
            return refusal.ToProblem();
        }
        return TypedResults.Ok(list.Decisions.Select(Item).ToList());
    }

    private static async Task<Results<Created<DecisionDetail>, ProblemHttpResult>> CreateAsync(string slug, CreateRequest request, OrganisationDecisions decisions, CancellationToken ct)
    {
        var input = new DecisionInput(request.Title, request.Kind, request.PlaceCode, request.WheelId, request.Summary,
            [.. (request.Options ?? []).Select(o => new OptionInput(o.Title, o.Description))]);
        if (!(await decisions.CreateAsync(slug, input, ct)).Succeeded(out var record, out var refusal))
        {
            return refusal.ToProblem();
        }
        return TypedResults.Created(Url(record.Decision.Id), Detail(record));
    }

    private static async Task<Results<Ok<DecisionDetail>, ProblemHttpResult>> GetAsync(long id, OrganisationDecisions decisions, CancellationToken ct) =>
        Respond(await decisions.GetAsync(id, ct));

    private static async Task<Results<Ok<DecisionDetail>, ProblemHttpResult>> ScoreAsync(long id, string option, string segment, ScoreRequest request,
        OrganisationDecisions decisions, CancellationToken ct)
    {
        var input = new ScoreInput(ScoreText(request.ShortTerm), ScoreText(request.LongTerm), request.Rationale, request.Mitigations, request.Evidence, request.AnsweredBy);
        return Respond(await decisions.ScoreAsync(id, option, segment, input, ct));
    }

    private static async Task<Results<Ok<List<DelegatableItem>>, ProblemHttpResult>> DelegatesAsync(long id, OrganisationDecisions decisions, CancellationToken ct)
    {
        if (!(await decisions.DelegatableAsync(id, ct)).Succeeded(out var members, out var refusal))
        {
            return refusal.ToProblem();
        }
        return TypedResults.Ok(members.Select(m => new DelegatableItem(m.PersonId, m.Name, m.Role.ToString().ToLowerInvariant())).ToList());
    }

    private static async Task<Results<Ok<DecisionDetail>, ProblemHttpResult>> DelegateAsync(long id, DelegateRequest request, OrganisationDecisions decisions, CancellationToken ct) =>
        Respond(await decisions.DelegateAsync(id, request.Delegate, request.Segments, ct));

    private static async Task<Results<Ok<DecisionDetail>, ProblemHttpResult>> TakeBackAsync(long id, string segment, OrganisationDecisions decisions, CancellationToken ct) =>
        Respond(await decisions.TakeBackAsync(id, segment, ct));

    private static async Task<Results<Ok<DecisionDetail>, ProblemHttpResult>> SubmitAsync(long id, OrganisationDecisions decisions, CancellationToken ct) =>
        Respond(await decisions.SubmitAsync(id, ct));

    private static async Task<Results<Ok<DecisionDetail>, ProblemHttpResult>> PublishAsync(long id, OrganisationDecisions decisions, CancellationToken ct) =>
        Respond(await decisions.PublishAsync(id, ct));

    private static async Task<Results<Ok<List<HistoryItem>>, ProblemHttpResult>> HistoryAsync(long id, OrganisationDecisions decisions, CancellationToken ct)
    {
        if (!(await decisions.HistoryAsync(id, ct)).Succeeded(out var entries, out var refusal))
        {
            return refusal.ToProblem();
        }
        return TypedResults.Ok(entries.Select(e => new HistoryItem(e.At, e.ActorName, $"{e.EntityType} {e.EntityId}", e.Action.ToString().ToLowerInvariant(), e.Before, e.After)).ToList());
    }

    private static async Task<IResult> SvgAsync(long id, string option, OrganisationDecisions decisions, CancellationToken ct)
    {
        if (!(await decisions.GetAsync(id, ct)).Succeeded(out var record, out var refusal))
        {
            return Results.StatusCode(refusal.StatusCode());
        }
        if (record.Options.FirstOrDefault(o => string.Equals(o.Key, option, StringComparison.OrdinalIgnoreCase)) is not { } chosen)
        {
            return Results.NotFound();
        }
        var svg = DecisionWheelChart.Draw(record.Wheel, record.ImpactsOf(chosen.Key), DecisionText.WheelTitle(record, chosen), record.Context, $"wheel-{chosen.Key.ToLowerInvariant()}");
        return Results.Text("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + svg, "image/svg+xml; charset=utf-8");
    }

    private static async Task<Results<Ok<List<WheelDetail>>, ProblemHttpResult>> OwnWheelsAsync(string slug, OrganisationWheels wheels, CancellationToken ct)
    {
        if (!(await wheels.ListAsync(slug, ct)).Succeeded(out var list, out var refusal))
        {
            return refusal.ToProblem();
        }
        return TypedResults.Ok(list.Wheels.Select(w => Wheel(w.Latest)).ToList());
    }

    private static async Task<Results<Created<OwnWheelDetail>, ProblemHttpResult>> CopyWheelAsync(string slug, CopyWheelRequest request, OrganisationWheels wheels, CancellationToken ct)
    {
        if (!(await wheels.CopyAsync(slug, request.CopyOf, request.Title, ct)).Succeeded(out var record, out var refusal))
        {
            return refusal.ToProblem();
        }
        var detail = OwnWheel(record);
        return TypedResults.Created(detail.Url, detail);
    }

    private static async Task<Results<Ok<OwnWheelDetail>, ProblemHttpResult>> OwnWheelAsync(string slug, string wheel, int? version, OrganisationWheels wheels, CancellationToken ct) =>
        RespondWheel(await wheels.GetAsync(slug, wheel, version, ct));

    private static async Task<Results<Ok<OwnWheelDetail>, ProblemHttpResult>> ChangeSegmentAsync(string slug, string wheel, string segment, SegmentRequest request,
        OrganisationWheels wheels, CancellationToken ct) =>
        RespondWheel(await wheels.ChangeSegmentAsync(slug, wheel, segment, new SegmentInput(request.Name, request.Questions), ct));

    private static async Task<Results<Ok<OwnWheelDetail>, ProblemHttpResult>> AddSegmentAsync(string slug, string wheel, SegmentRequest request,
        OrganisationWheels wheels, CancellationToken ct) =>
        RespondWheel(await wheels.AddSegmentAsync(slug, wheel, request.Ring, new SegmentInput(request.Name, request.Questions), ct));

    private static async Task<Results<Ok<OwnWheelDetail>, ProblemHttpResult>> RemoveSegmentAsync(string slug, string wheel, string segment, OrganisationWheels wheels, CancellationToken ct) =>
        RespondWheel(await wheels.RemoveSegmentAsync(slug, wheel, segment, ct));

    private static Results<Ok<OwnWheelDetail>, ProblemHttpResult> RespondWheel(Outcome<OrganisationWheelRecord> outcome) =>
        outcome.Succeeded(out var record, out var refusal) ? TypedResults.Ok(OwnWheel(record)) : refusal.ToProblem();

    private static OwnWheelDetail OwnWheel(OrganisationWheelRecord r)
    {
        var w = Wheel(r.Wheel);
        return new OwnWheelDetail(w.Id, w.Title, w.Version, r.Row.CopiedFrom, w.Segments,
            [.. r.Versions.Select(v => new WheelVersionItem(v.Version, v.Change, v.CreatedAt, v.CreatedBy))],
            $"/api/organisations/{r.Organisation.Slug}/decision-wheels/{r.Row.WheelId}");
    }

    /// <summary>A JSON number or string for a score ("unknown" and null are both unknown); anything else is passed on for the service to name.</summary>
    private static string? ScoreText(object? value) => value switch
    {
        null => null,
        System.Text.Json.JsonElement { ValueKind: System.Text.Json.JsonValueKind.Null } => null,
        System.Text.Json.JsonElement { ValueKind: System.Text.Json.JsonValueKind.String } e => e.GetString(),
        System.Text.Json.JsonElement e => e.GetRawText(),
        _ => value.ToString(),
    };

    private static Results<Ok<DecisionDetail>, ProblemHttpResult> Respond(Outcome<DecisionRecord> outcome) =>
        outcome.Succeeded(out var record, out var refusal) ? TypedResults.Ok(Detail(record)) : refusal.ToProblem();

    private static DecisionListItem Item(DecisionSummary s) => new(s.Decision.Id, s.OrganisationSlug, s.OrganisationName, s.Decision.Title,
        DecisionWords.KindSlug(s.Decision.Kind), s.Decision.PlaceCode, DecisionWords.StateSlug(s.Decision.State), s.Options, s.Decision.UpdatedAt, s.Decision.PublishedAt, Url(s.Decision.Id));

    private static DecisionDetail Detail(DecisionRecord r)
    {
        var d = r.Decision;
        return new DecisionDetail(d.Id, r.Organisation.Slug, d.Title, DecisionWords.KindSlug(d.Kind), d.PlaceCode, r.PlaceName, d.Summary, d.WheelId, d.WheelVersion,
            DecisionWords.StateSlug(d.State), d.CreatedAt, d.CreatedBy, d.UpdatedAt, d.UpdatedBy, d.SubmittedAt, d.PublishedAt,
            [.. r.Options.Select(o => new OptionDetail(o.Key, o.Title, o.Description,
                [.. r.Wheel.Segments.Select(s => r.ScoreOf(o.Key, s.Id) is { } score
                    ? new ScoreDetail(s.Id, score.ShortTerm, score.LongTerm, score.Rationale, score.Mitigations, score.Links, score.AnsweredBy, score.UpdatedAt)
                    : new ScoreDetail(s.Id, null, null, null, null, [], "", d.CreatedAt))],
                $"/decisions/{d.Id}/options/{o.Key}/wheel.svg"))],
            [.. r.Context.Select(c => new ContextDetail(c.Key, c.Value.DimensionName, c.Value.Status.ToString().ToLowerInvariant()))],
            [.. r.Warnings.Select(w => new WarningDetail(w.OptionKey, w.Segment.Id, w.Context.Status.ToString().ToLowerInvariant(), w.Impact.ShortTerm, w.Impact.LongTerm))],
            [.. r.Delegations.Select(g => new DelegationDetail(g.SegmentId, r.IsMember ? g.PersonId : null, g.Name, g.DelegatedBy, g.DelegatedAt, g.EndedAt))],
            [.. r.Wheel.Segments.Where(s => r.MayAnswer(s.Id) && r.DelegatedToYou.Contains(s.Id)).Select(s => s.Id)],
            Url(d.Id));
    }

    private static string Url(long id) => $"/api/decisions/{id}";
}
