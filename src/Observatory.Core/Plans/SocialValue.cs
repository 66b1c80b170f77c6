using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Observatory.Accounts;
using Observatory.Auditing;
using Observatory.Content;
using Observatory.Frameworks;
using Observatory.Outcomes;
using Observatory.Storage;

namespace Observatory.Plans;

/// <summary>
/// A social value commitment a supplier made in a contract, recorded in a plan against a policy outcome of the
/// government's Social Value Model: who, under which contract, what they promised (and its money value, where the
/// contract gives one), and what they have delivered so far, from the latest dated update.
/// </summary>
public sealed class SocialValueCommitment : IAudited
{
    public const int MaxNameLength = 200;
    public const int MaxTextLength = 4000;

    /// <summary>The framework commitments are recorded against.</summary>
    public const string Framework = "social-value-model";

    public long Id { get; set; }
    public long PlanId { get; set; }
    public long OrganisationId { get; set; }

    /// <summary>The Social Value Model's theme and policy outcome: element ids of <see cref="Framework"/>.</summary>
    public required string Theme { get; set; }

    public required string Outcome { get; set; }

    public required string Supplier { get; set; }
    public required string Contract { get; set; }
    public required string Commitment { get; set; }

    /// <summary>The commitment's value in pounds, where the contract gives one.</summary>
    public decimal? Value { get; set; }

    /// <summary>What has been delivered so far and its value in pounds, from the latest update.</summary>
    public string Delivered { get; set; } = "";

    public decimal? DeliveredValue { get; set; }

    public DateTime UpdatedAt { get; set; }

    long? IAudited.AuditOrganisationId => OrganisationId;
}

/// <summary>A dated report of what a supplier has delivered against a commitment, to date.</summary>
public sealed class SocialValueUpdate : IAudited
{
    public long Id { get; set; }
    public long CommitmentId { get; set; }
    public long OrganisationId { get; set; }
    public DateOnly ReportedOn { get; set; }
    public required string Delivered { get; set; }
    public decimal? DeliveredValue { get; set; }
    public required string ReportedBy { get; set; }
    public DateTime ReportedAt { get; set; }

    long? IAudited.AuditOrganisationId => OrganisationId;
}

/// <summary>A commitment: the policy outcome (an element id of the Social Value Model; the theme follows from it), supplier, contract, what was promised, its value in pounds.</summary>
public sealed record CommitmentInput(string? Theme, string? Outcome, string? Supplier, string? Contract, string? Commitment, decimal? Value);

/// <summary>What has been delivered to date, its value in pounds to date, and when it was reported (today when no date is given).</summary>
public sealed record DeliveryInput(string? On, string? Delivered, decimal? Value);

public sealed record CommitmentView(SocialValueCommitment Commitment, FrameworkElement Theme, FrameworkElement Outcome, IReadOnlyList<SocialValueUpdate> Updates);

/// <summary>One theme's commitments: how many, and the money committed and delivered where the commitments give it.</summary>
public sealed record ThemeTotal(FrameworkElement Theme, int Commitments, decimal Committed, int Valued, decimal Delivered);

/// <summary>A plan's social value: every commitment, and the totals by theme of the Social Value Model (every theme, in the model's order).</summary>
public sealed record SocialValueRecord(PlanRecord Plan, Framework Model, IReadOnlyList<CommitmentView> Commitments, IReadOnlyList<ThemeTotal> Totals)
{
    public ThemeTotal Total => new(Model.Elements[0], Totals.Sum(t => t.Commitments), Totals.Sum(t => t.Committed), Totals.Sum(t => t.Valued), Totals.Sum(t => t.Delivered));
}

/// <summary>
/// Social value commitments in plans: read by whoever may read the plan, added and reported on by whoever may change
/// it (its organisation's and partners' editors, as for actions). Every write is audited.
/// </summary>
public sealed class SocialValueCommitments(ObservatoryDbContext db, RecoveryPlans plans, FrameworkLibrary frameworks, TimeProvider clock, CurrentActor current)
{
    /// <summary>The largest money value accepted, far above any contract's.</summary>
    public const decimal MaxValue = 1_000_000_000_000m;

    public async Task<Outcome<SocialValueRecord>> GetAsync(long planId, CancellationToken cancellationToken = default)
    {
        if (!(await plans.GetAsync(planId, cancellationToken)).Succeeded(out var plan, out var refusal))
        {
            return refusal;
        }
        return await RecordAsync(plan, cancellationToken);
    }

    public async Task<Outcome<SocialValueRecord>> AddAsync(long planId, CommitmentInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!(await plans.WritableAsync(planId, cancellationToken)).Succeeded(out var plan, out var refusal))
        {
            return refusal;
        }
        var model = await ModelAsync(cancellationToken);
        var problems = new List<ContentProblem>();
        var outcomeId = Strip(input.Outcome);
        var outcome = outcomeId.Length == 0 ? null : model.FindElement(outcomeId);
        if (outcome is not { Kind: "policy-outcome" })
        {
            problems.Add(Problem("outcome", outcomeId.Length == 0
                ? "Choose the Social Value Model's policy outcome the commitment serves"
                : $"{InputLimits.Quote(outcomeId)} is not a policy outcome of the Social Value Model (for example {model.AllElements().First(e => e.Kind == "policy-outcome").Id})"));
        }
        var themeId = Strip(input.Theme);
        if (themeId.Length > 0 && outcome?.Parent is { } parent && parent.Id != themeId)
        {
            problems.Add(Problem("theme", $"{InputLimits.Quote(outcome.Name)} is a policy outcome of the theme {InputLimits.Quote(parent.Name)}, not {InputLimits.Quote(themeId)}"));
        }
        var supplier = Text(input.Supplier, "supplier", "Enter the supplier's name", SocialValueCommitment.MaxNameLength, problems);
        var contract = Text(input.Contract, "contract", "Enter the contract's name or reference", SocialValueCommitment.MaxNameLength, problems);
        var commitment = Text(input.Commitment, "commitment", "Say what the supplier committed to deliver", SocialValueCommitment.MaxTextLength, problems);
        Money(input.Value, "value", problems);
        if (problems.Count > 0)
        {
            return Refusal.Invalid(problems);
        }
        db.SocialValueCommitments.Add(new SocialValueCommitment
        {
            PlanId = planId,
            OrganisationId = plan.Plan.OrganisationId,
            Theme = outcome!.Parent!.Id,
            Outcome = outcome.Id,
            Supplier = supplier,
            Contract = contract,
            Commitment = commitment,
            Value = input.Value,
            UpdatedAt = clock.GetUtcNow().UtcDateTime,
        });
        await plans.TouchAsync(planId, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return await GetAsync(planId, cancellationToken);
    }

    /// <summary>Reports what has been delivered to date: the update is kept with its date, and the commitment shows the latest.</summary>
    public async Task<Outcome<SocialValueRecord>> AddUpdateAsync(long planId, long commitmentId, DeliveryInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!(await plans.WritableAsync(planId, cancellationToken)).Succeeded(out var plan, out var refusal))
        {
            return refusal;
        }
        if (await db.SocialValueCommitments.FirstOrDefaultAsync(c => c.Id == commitmentId && c.PlanId == planId, cancellationToken) is not { } commitment)
        {
            return Refusal.NotFound("The plan has no such social value commitment.");
        }
        var problems = new List<ContentProblem>();
        var on = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        if (!string.IsNullOrWhiteSpace(input.On))
        {
            if (DateOnly.TryParseExact(input.On.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) && date.Year is >= 2000 and <= 2100)
            {
                on = date;
            }
            else
            {
                problems.Add(Problem("on", "Enter the date as year-month-day, for example 2026-03-31"));
            }
        }
        var delivered = Text(input.Delivered, "delivered", "Say what the supplier has delivered so far", SocialValueCommitment.MaxTextLength, problems);
        Money(input.Value, "value", problems);
        if (problems.Count > 0)
        {
            return Refusal.Invalid(problems);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        db.SocialValueUpdates.Add(new SocialValueUpdate
        {
            CommitmentId = commitmentId,
            OrganisationId = plan.Plan.OrganisationId,
            ReportedOn = on,
            Delivered = delivered,
            DeliveredValue = input.Value,
            ReportedBy = current.Actor.Name,
            ReportedAt = now,
        });
        // The commitment shows the latest report by date; an update dated before it is kept in the history only.
        var latest = await db.SocialValueUpdates.Where(u => u.CommitmentId == commitmentId).MaxAsync(u => (DateOnly?)u.ReportedOn, cancellationToken);
        if (latest is null || on >= latest)
        {
            commitment.Delivered = delivered;
            commitment.DeliveredValue = input.Value;
        }
        commitment.UpdatedAt = now;
        await plans.TouchAsync(planId, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return await GetAsync(planId, cancellationToken);
    }

    private async Task<Framework> ModelAsync(CancellationToken cancellationToken) =>
        (await frameworks.GetCatalogueAsync(cancellationToken)).Find(SocialValueCommitment.Framework)
            ?? throw new InvalidOperationException($"The catalogue has no {SocialValueCommitment.Framework} framework: data/frameworks/{SocialValueCommitment.Framework}.yaml ships with the Observatory.");

    private async Task<SocialValueRecord> RecordAsync(PlanRecord plan, CancellationToken cancellationToken)
    {
        var model = await ModelAsync(cancellationToken);
        var commitments = await db.SocialValueCommitments.AsNoTracking().Where(c => c.PlanId == plan.Plan.Id).OrderBy(c => c.Id).ToListAsync(cancellationToken);
        var ids = commitments.Select(c => c.Id).ToList();
        var updates = (await db.SocialValueUpdates.AsNoTracking().Where(u => ids.Contains(u.CommitmentId)).ToListAsync(cancellationToken))
            .OrderByDescending(u => u.ReportedOn).ThenByDescending(u => u.Id).ToLookup(u => u.CommitmentId);
        var views = commitments
            .Select(c => (Commitment: c, Theme: model.FindElement(c.Theme), Outcome: model.FindElement(c.Outcome)))
            .Where(c => c.Theme is not null && c.Outcome is not null)
            .Select(c => new CommitmentView(c.Commitment, c.Theme!, c.Outcome!, [.. updates[c.Commitment.Id]]))
            .ToList();
        var totals = model.Elements.Where(e => e.Kind == "theme").Select(theme =>
        {
            var inTheme = views.Where(v => v.Theme.Id == theme.Id).ToList();
            return new ThemeTotal(theme, inTheme.Count, inTheme.Sum(v => v.Commitment.Value ?? 0m), inTheme.Count(v => v.Commitment.Value is not null),
                inTheme.Sum(v => v.Commitment.DeliveredValue ?? 0m));
        }).ToList();
        return new SocialValueRecord(plan, model, views, totals);
    }

    private static string Strip(string? id)
    {
        var text = id?.Trim() ?? "";
        // "social-value-model/wellbeing" as the rest of the API writes elements, or the bare id.
        return text.StartsWith(SocialValueCommitment.Framework + "/", StringComparison.Ordinal) ? text[(SocialValueCommitment.Framework.Length + 1)..] : text;
    }

    private static void Money(decimal? value, string field, List<ContentProblem> problems)
    {
        if (value is { } v && (v < 0 || v > MaxValue || decimal.Round(v, 2) != v))
        {
            problems.Add(Problem(field, "Enter the value in pounds and pence as a number of 0 or more, for example 25000 or 1250.50"));
        }
    }

    private static string Text(string? text, string field, string missing, int max, List<ContentProblem> problems)
    {
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            problems.Add(Problem(field, missing));
        }
        else if (trimmed.Length > max)
        {
            problems.Add(Problem(field, $"Use {max} characters or fewer"));
        }
        return trimmed;
    }

    private static ContentProblem Problem(string field, string message) => new("", 0, 0, field, message);
}

internal sealed class SocialValueCommitmentConfiguration : IEntityTypeConfiguration<SocialValueCommitment>
{
    public void Configure(EntityTypeBuilder<SocialValueCommitment> builder)
    {
        builder.ToTable("plan_social_value_commitments");
        builder.HasKey(c => c.Id);
        builder.HasIndex(c => c.PlanId);
        builder.HasOne<Plan>().WithMany().HasForeignKey(c => c.PlanId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SocialValueUpdateConfiguration : IEntityTypeConfiguration<SocialValueUpdate>
{
    public void Configure(EntityTypeBuilder<SocialValueUpdate> builder)
    {
        builder.ToTable("plan_social_value_updates");
        builder.HasKey(u => u.Id);
        builder.HasIndex(u => u.CommitmentId);
        builder.HasOne<SocialValueCommitment>().WithMany().HasForeignKey(u => u.CommitmentId).OnDelete(DeleteBehavior.Cascade);
    }
}
