using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Observatory.Indicators;
using Observatory.Places;
using Observatory.Portraits;
using Observatory.Storage;
using Observatory.Testing;

namespace Observatory.Core.Tests.Portraits;

/// <summary>A fresh SQLite database seeded with the shipped data, shared by the council portrait tests.</summary>
public sealed class SeededDatabase : IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = null!;
    public ServiceProvider Services { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = TestDatabase.CreateSqlite();
        Services = CoreServices.For(Database);
        await CoreServices.PrepareAsync(Services, shippedData: true);
    }

    public async Task DisposeAsync()
    {
        await Services.DisposeAsync();
        await Database.DisposeAsync();
    }
}

/// <summary>The uk-council definition over the shipped ONS data: every council, every dimension.</summary>
public sealed class CouncilPortraitTests(SeededDatabase seeded) : IClassFixture<SeededDatabase>
{
    [Fact]
    public async Task Every_council_gets_a_portrait_with_every_dimension()
    {
        await using var scope = seeded.Services.CreateAsyncScope();
        var service = scope.ServiceProvider.GetRequiredService<PortraitService>();
        var councils = scope.ServiceProvider.GetRequiredService<PlaceRegistry>().Councils;
        var definition = scope.ServiceProvider.GetRequiredService<PortraitDefinitions>().Find("uk-council").ShouldNotBeNull();

        var batch = (await service.ForAllPlacesAsync("uk-council")).ShouldNotBeNull();

        councils.Count.ShouldBe(361);
        batch.Places.ShouldBe(councils.Select(c => c.Code));
        foreach (var portrait in batch.All())
        {
            portrait.Dimensions.Select(d => d.Id).ShouldBe(definition.Dimensions.Select(d => d.Id), portrait.PlaceCode);
            (portrait.SocialTotal, portrait.EcologicalTotal).ShouldBe((13, 9));
            portrait.Dimensions.Where(d => d.Indicators.Count == 0).ShouldAllBe(d => d.Status == DimensionStatus.NoData && d.NoDataReason != null);
            portrait.SocialWithData.ShouldBeLessThanOrEqualTo(7);
            portrait.EcologicalWithData.ShouldBeLessThanOrEqualTo(1);
        }
        // The shipped series reach almost every council: all have some social dimension with data.
        batch.All().ShouldAllBe(p => p.SocialWithData > 0);
        // Every Doughnut dimension is on the portrait, measured or not.
        definition.Dimensions.Select(d => d.Element.ElementId).Distinct().Count().ShouldBe(21);
    }

    [Fact]
    public async Task Life_satisfaction_is_read_against_6_5_from_the_latest_observation()
    {
        await using var scope = seeded.Services.CreateAsyncScope();
        var service = scope.ServiceProvider.GetRequiredService<PortraitService>();
        var db = scope.ServiceProvider.GetRequiredService<ObservatoryDbContext>();
        var councils = scope.ServiceProvider.GetRequiredService<PlaceRegistry>().Councils.Select(c => c.Code).ToList();
        var observations = await db.Observations.AsNoTracking()
            .Where(o => o.IndicatorId == "life-satisfaction" && o.Disaggregation == "" && o.Value != null && councils.Contains(o.AreaCode)).ToListAsync();
        var latest = observations.GroupBy(o => o.AreaCode).ToDictionary(g => g.Key, g => g.MaxBy(o => o.Period)!);

        var batch = (await service.ForAllPlacesAsync("uk-council")).ShouldNotBeNull();

        latest.Count.ShouldBeGreaterThan(300);
        foreach (var (code, observation) in latest)
        {
            var dimension = batch.For(code)!.Find("life-satisfaction").ShouldNotBeNull();
            var indicator = dimension.Indicators.ShouldHaveSingleItem();
            indicator.Value.ShouldBe(observation.Value);
            indicator.Period.ShouldBe(observation.Period);
            indicator.Threshold!.Value.ShouldBe(6.5);
            indicator.Ratio.ShouldBe(Math.Round(observation.Value!.Value / 6.5, 3, MidpointRounding.AwayFromZero));
            dimension.Status.ShouldBe(observation.Value >= 6.5 ? DimensionStatus.Within : DimensionStatus.Shortfall, code);
        }
    }

    [Fact]
    public async Task One_council_and_an_earlier_period_take_values_at_or_before_it_and_say_which()
    {
        await using var scope = seeded.Services.CreateAsyncScope();
        var service = scope.ServiceProvider.GetRequiredService<PortraitService>();
        var leeds = scope.ServiceProvider.GetRequiredService<PlaceRegistry>().Councils.Single(c => c.Name == "Leeds").Code;

        var latest = (await service.ForPlaceAsync(leeds, "uk-council")).ShouldNotBeNull();
        var earlier = (await service.ForPlaceAsync(leeds, "uk-council", Period.Year(2015))).ShouldNotBeNull();
        var all = (await service.ForAllPlacesAsync("uk-council", Period.Year(2015))).ShouldNotBeNull().For(leeds)!;

        earlier.Period.ShouldBe(Period.Year(2015));
        var values = earlier.Dimensions.SelectMany(d => d.Indicators).Where(i => i.Value is not null).ToList();
        values.ShouldNotBeEmpty();
        values.ShouldAllBe(i => i.Period!.Value.Start <= new DateOnly(2015, 12, 31));
        latest.Find("life-satisfaction")!.Indicators[0].Period!.Value.ShouldBeGreaterThan(earlier.Find("life-satisfaction")!.Indicators[0].Period!.Value);
        // One place alone (the rules) and the whole set (the engine) agree, field by field.
        PortraitComparison.Differences(earlier, all).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_council_alone_has_the_portrait_the_whole_set_gives_it()
    {
        await using var scope = seeded.Services.CreateAsyncScope();
        var service = scope.ServiceProvider.GetRequiredService<PortraitService>();
        var councils = scope.ServiceProvider.GetRequiredService<PlaceRegistry>().Councils;
        var batch = (await service.ForAllPlacesAsync("uk-council")).ShouldNotBeNull();

        // Every 36th council (eleven): each read alone from the observations, and compared with the set.
        foreach (var council in councils.Where((_, n) => n % 36 == 0))
        {
            var alone = (await service.ForPlaceAsync(council.Code, "uk-council")).ShouldNotBeNull();
            PortraitComparison.Differences(alone, batch.For(council.Code)!).ShouldBeEmpty(council.Name);
        }
    }

    [Fact]
    public async Task A_local_threshold_replaces_the_definitions_with_its_reason()
    {
        await using var scope = seeded.Services.CreateAsyncScope();
        var service = scope.ServiceProvider.GetRequiredService<PortraitService>();
        var leeds = scope.ServiceProvider.GetRequiredService<PlaceRegistry>().Councils.Single(c => c.Name == "Leeds").Code;
        var local = new Dictionary<string, ThresholdOverride> { ["networks"] = new(99, "Nationwide gigabit coverage by 2030 (our digital strategy)") };

        var portrait = (await service.ForPlaceAsync(leeds, "uk-council", null, local)).ShouldNotBeNull();

        var gigabit = portrait.Find("networks")!.Indicators.ShouldHaveSingleItem();
        gigabit.Threshold!.Value.ShouldBe(99);
        gigabit.LocalReason.ShouldBe("Nationwide gigabit coverage by 2030 (our digital strategy)");
        gigabit.Ratio.ShouldBe(Math.Round(gigabit.Value!.Value / 99, 3, MidpointRounding.AwayFromZero));
    }

    [Fact]
    public async Task National_portraits_come_through_the_same_service()
    {
        await using var scope = seeded.Services.CreateAsyncScope();
        var service = scope.ServiceProvider.GetRequiredService<PortraitService>();

        var uk = (await service.ForPlaceAsync("GBR", "fanning-2022")).ShouldNotBeNull();
        var unknown = await service.ForPlaceAsync("GBR", "fanning-2022", Period.Year(1980));

        uk.Period.ShouldBe(Period.Year(2015));
        (uk.EcologicalTransgressed, uk.SocialAchieved).ShouldBe((5, 10));
        unknown.ShouldBeNull();
        (await service.ForPlaceAsync("E08000035", "oneill-2018")).ShouldBeNull();
        (await service.ForPlaceAsync("GBR", "uk-council")).ShouldBeNull();
    }
}
