using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Observatory.Accounts;
using Observatory.Indicators;
using Observatory.Outcomes;
using Observatory.Plans;
using Observatory.Storage;
using Observatory.Testing;

namespace Observatory.Core.Tests.Plans;

/// <summary>
/// A plan written and read back through the real service on SQLite and on PostgreSQL (migration M0018): its
/// target's baseline is read from the stored observations, and its status follows a newer observation.
/// </summary>
public abstract class PlanStoreTests(TestProvider provider) : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(provider);
        _services = CoreServices.For(_database);
        await CoreServices.PrepareAsync(_services, shippedData: false);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _database.DisposeAsync();
    }

    /// <summary>Wigan's claimant count for some years, stored as one import would store it.</summary>
    private async Task StoreAsync(params (int Year, double Value)[] values)
    {
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ObservatoryDbContext>();
        var import = new IndicatorImport { FileName = "claimant.csv", Format = "tidy", FileHash = Guid.NewGuid().ToString("N"), Source = "test", Indicators = "claimant-count" };
        db.IndicatorImports.Add(import);
        await db.SaveChangesAsync();
        foreach (var (year, value) in values)
        {
            db.Observations.Add(new Observation { IndicatorId = "claimant-count", AreaCode = "E08000010", PeriodStart = new DateOnly(year, 1, 1), PeriodDuration = "P1Y", Value = value, ImportId = import.Id });
        }
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task A_plan_with_a_target_and_an_action_is_stored_and_its_status_follows_the_data()
    {
        await StoreAsync((2023, 4.0), (2024, 4.2));
        long plan;
        await using (var scope = _services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentActor>().Actor = Actor.System("tests");
            await scope.ServiceProvider.GetRequiredService<AccountService>().CreateOrganisationAsync(Actor.System("tests"), "Wigan Council", OrganisationKind.Council, ["E08000010"]).ShouldSucceed();
            var plans = scope.ServiceProvider.GetRequiredService<RecoveryPlans>();
            plan = (await plans.CreateAsync("wigan-council", new PlanInput("Wigan plan", null, null, 2025, 2030))).ShouldSucceed().Plan.Id;
            var record = await plans.AddTargetAsync(plan, new TargetInput("claimant-count", null, "2023", "2028", 3.0, ["place-making/social-equity", "four-rs/renew"])).ShouldSucceed();
            var target = record.Targets.ShouldHaveSingleItem();
            target.Baseline.ShouldBe(new PeriodValue(Period.Year(2023), 4.0));
            // 2024 is a fifth of the way from 2023 to 2028, where the line is at 3.8: 4.2 is worse.
            target.Assessment.Status.ShouldBe(TargetStatus.OffTrack);
            record = await plans.AddActionAsync(plan, new ActionInput("Jobs fairs in each township", "", "Economy team", ["Jobcentre Plus"], "2025-04-01", "2026-03-31", "on-track", ["place-making/social-equity"])).ShouldSucceed();
            record = await plans.AddActionUpdateAsync(plan, record.Actions.Single().Action.Id, new ActionUpdateInput("2025-09-30", "late", "Venue lost.")).ShouldSucceed();
            record.Actions.Single().Action.Status.ShouldBe(ActionStatus.Late);
        }
        await StoreAsync((2025, 3.5));
        await using (var scope = _services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentActor>().Actor = Actor.System("tests");
            var record = await scope.ServiceProvider.GetRequiredService<RecoveryPlans>().GetAsync(plan).ShouldSucceed();
            // 2025 is two fifths of the way, where the line is at 3.6: 3.5 is better.
            record.Targets.Single().Assessment.Status.ShouldBe(TargetStatus.OnTrack);
            record.Actions.Single().Updates.Single().Note.ShouldBe("Venue lost.");
            record.Actions.Single().Updates.Single().ReportedOn.ShouldBe(new DateOnly(2025, 9, 30));
            var grid = await scope.ServiceProvider.GetRequiredService<RecoveryPlans>().GridAsync(record);
            var equity = grid.Lines.Single(l => l.Element.Id == "social-equity");
            (equity.Actions, equity.Targets).ShouldBe((1, 1));
            grid.Gaps.Count.ShouldBe(grid.Lines.Count - 1);
        }
    }

    /// <summary>Migration M0021: a partner is stored once per plan, lists the plan among its own, and goes with the plan.</summary>
    [Fact]
    public async Task A_partner_is_stored_once_lists_the_plan_among_its_own_and_is_removed_with_the_plan()
    {
        await using var scope = _services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentActor>().Actor = Actor.System("tests");
        var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
        await accounts.CreateOrganisationAsync(Actor.System("tests"), "Wigan Council", OrganisationKind.Council, ["E08000010"]).ShouldSucceed();
        await accounts.CreateOrganisationAsync(Actor.System("tests"), "Bolton Council", OrganisationKind.Council, ["E08000001"]).ShouldSucceed();
        var plans = scope.ServiceProvider.GetRequiredService<RecoveryPlans>();
        var plan = (await plans.CreateAsync("wigan-council", new PlanInput("Joint plan", null, "E08000010", 2025, 2030))).ShouldSucceed().Plan.Id;
        (await plans.AddPartnerAsync(plan, "bolton-council")).ShouldSucceed().Partners.Select(p => p.Slug).ShouldBe(["bolton-council"]);
        (await plans.AddPartnerAsync(plan, "bolton-council")).ShouldBeRefused(RefusalKind.Invalid);
        (await plans.ListAsync("bolton-council")).ShouldSucceed().Plans.Single().OrganisationName.ShouldBe("Wigan Council");

        // The database itself refuses a second row for the same plan and partner.
        var db = scope.ServiceProvider.GetRequiredService<ObservatoryDbContext>();
        var bolton = await db.Organisations.SingleAsync(o => o.Slug == "bolton-council");
        db.PlanPartners.Add(new PlanPartner { PlanId = plan, OrganisationId = bolton.Id, LeadOrganisationId = 1, AddedAt = DateTime.UtcNow, AddedBy = "tests" });
        await Should.ThrowAsync<DbUpdateException>(() => db.SaveChangesAsync());
        db.ChangeTracker.Clear();

        db.Plans.Remove(await db.Plans.SingleAsync(p => p.Id == plan));
        await db.SaveChangesAsync();
        (await db.PlanPartners.CountAsync()).ShouldBe(0);
    }
}

public sealed class PlanStoreOnSqliteTests() : PlanStoreTests(TestProvider.Sqlite);

[Trait("Database", "PostgreSQL")]
public sealed class PlanStoreOnPostgreSqlTests() : PlanStoreTests(TestProvider.PostgreSql);
