using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Observatory.Content;
using Observatory.Outcomes;
using Observatory.Plans;
using Observatory.Web.Features.Assessments;
using Observatory.Web.Features.Shared;
using Observatory.Web.Setup;

namespace Observatory.Web.Features.Plans;

/// <summary>
/// A plan's social value commitments over the API: read by whoever may read the plan, added and reported on with a
/// write token of the plan's organisation or a partner's (contributors, and approvers once submitted, as for actions).
/// </summary>
public static class SocialValueApi
{
    public sealed record DeliveryJson(string On, string Delivered, decimal? Value, string By);

    public sealed record CommitmentJson(long Id, string Theme, string ThemeName, string Outcome, string OutcomeName, string Supplier, string Contract, string Commitment,
        decimal? Value, string Delivered, decimal? DeliveredValue, IReadOnlyList<DeliveryJson> Updates);

    public sealed record ThemeTotalJson(string Theme, string Name, int Commitments, decimal Committed, int Valued, decimal Delivered);

    public sealed record SocialValueJson(long Plan, string Framework, IReadOnlyList<ThemeTotalJson> Totals, IReadOnlyList<CommitmentJson> Commitments);

    public sealed record CommitmentRequest(string? Theme, string? Outcome, string? Supplier, string? Contract, string? Commitment, decimal? Value);

    public sealed record DeliveryRequest(string? On, string? Delivered, decimal? Value);

    public static void MapSocialValueApi(this WebApplication app)
    {
        var api = app.MapGroup("/api").WithTags("Plans");
        api.MapGet("/plans/{id:long}/social-value", GetAsync)
            .WithSummary("The plan's social value commitments and their totals by theme of the Social Value Model (count, pounds committed where given, pounds delivered to date). 404 unless you may see the plan.");
        api.MapGet("/plans/{id:long}/social-value/export", ExportAsync)
            .WithSummary("The plan's social value commitments as CSV, one line per commitment with its latest delivery.");
        api.MapPost("/plans/{id:long}/social-value", AddAsync)
            .AddEndpointFilter(OrganisationAssessmentsApi.JsonFromBrowsers)
            .WithSummary("Records a commitment ({outcome: a policy outcome of social-value-model, theme (optional, must be the outcome's), supplier, contract, commitment, value: pounds}). Editors of the plan only.");
        api.MapPost("/plans/{id:long}/social-value/{commitmentId:long}/updates", AddUpdateAsync)
            .AddEndpointFilter(OrganisationAssessmentsApi.JsonFromBrowsers)
            .WithSummary("Reports what a commitment has delivered to date ({on: yyyy-mm-dd, delivered, value: pounds to date}); the latest report by date is the commitment's.");
    }

    private static async Task<Results<Ok<SocialValueJson>, ProblemHttpResult>> GetAsync(long id, SocialValueCommitments social, CancellationToken ct) =>
        Respond(await social.GetAsync(id, ct));

    private static async Task<IResult> ExportAsync(long id, SocialValueCommitments social, CancellationToken ct)
    {
        if (!(await social.GetAsync(id, ct)).Succeeded(out var record, out var refusal))
        {
            return refusal.ToProblem();
        }
        return TypedResults.File(System.Text.Encoding.UTF8.GetBytes(Csv(record)), CsvResults.ContentType + "; charset=utf-8",
            $"plan-{id.ToString(CultureInfo.InvariantCulture)}-social-value.csv");
    }

    private static async Task<Results<Ok<SocialValueJson>, ProblemHttpResult>> AddAsync(long id, CommitmentRequest request, SocialValueCommitments social, CancellationToken ct) =>
        Respond(await social.AddAsync(id, new CommitmentInput(request.Theme, request.Outcome, request.Supplier, request.Contract, request.Commitment, request.Value), ct));

    private static async Task<Results<Ok<SocialValueJson>, ProblemHttpResult>> AddUpdateAsync(long id, long commitmentId, DeliveryRequest request, SocialValueCommitments social, CancellationToken ct) =>
        Respond(await social.AddUpdateAsync(id, commitmentId, new DeliveryInput(request.On, request.Delivered, request.Value), ct));

    private static Results<Ok<SocialValueJson>, ProblemHttpResult> Respond(Outcome<SocialValueRecord> outcome) =>
        outcome.Succeeded(out var record, out var refusal) ? TypedResults.Ok(Json(record)) : refusal.ToProblem();

    public static SocialValueJson Json(SocialValueRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new(record.Plan.Plan.Id, record.Model.Id,
            [.. record.Totals.Select(t => new ThemeTotalJson(t.Theme.Id, t.Theme.Name, t.Commitments, t.Committed, t.Valued, t.Delivered))],
            [.. record.Commitments.Select(c => new CommitmentJson(c.Commitment.Id, c.Theme.Id, c.Theme.Name, c.Outcome.Id, c.Outcome.Name, c.Commitment.Supplier,
                c.Commitment.Contract, c.Commitment.Commitment, c.Commitment.Value, c.Commitment.Delivered, c.Commitment.DeliveredValue,
                [.. c.Updates.Select(u => new DeliveryJson(u.ReportedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), u.Delivered, u.DeliveredValue, u.ReportedBy))]))]);
    }

    public static string Csv(SocialValueRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        // Whole pounds, or pounds and pence: "120000", "120000.50".
        static string Money(decimal? v) => v is { } m ? m.ToString(decimal.Truncate(m) == m ? "0" : "0.00", CultureInfo.InvariantCulture) : "";
        var header = new[] { "id", "theme", "outcome", "supplier", "contract", "commitment", "value", "delivered", "delivered_value", "delivered_on" };
        var rows = record.Commitments.Select(c => new string?[]
        {
            c.Commitment.Id.ToString(CultureInfo.InvariantCulture), c.Theme.Name, c.Outcome.Name, c.Commitment.Supplier, c.Commitment.Contract, c.Commitment.Commitment,
            Money(c.Commitment.Value), c.Commitment.Delivered, Money(c.Commitment.DeliveredValue),
            c.Updates.Count > 0 ? c.Updates[0].ReportedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "",
        });
        return CsvWriter.Write(header, rows);
    }
}
