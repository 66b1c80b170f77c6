using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Observatory.Indicators;
using Observatory.Indicators.Importing;
using Observatory.Places;
using Observatory.Storage;
using Observatory.Testing;

namespace Observatory.Core.Tests.Indicators;

/// <summary>
/// The headline read model that every page reads is brought up to date after an import by reading again only the
/// indicators the import held. What a page is given afterwards must be exactly what a model read from scratch gives:
/// a resident never sees a figure an import replaced, nor loses one it did not touch.
/// </summary>
public sealed class HeadlineObservationStoreTests : IAsyncLifetime
{
    private const string Header = "area,indicator,period,value,lci95,uci95,status,note\n";

    private TestDatabase _database = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _database = TestDatabase.CreateSqlite();
        _services = CoreServices.For(_database);
        await CoreServices.PrepareAsync(_services, shippedData: false);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _database.DisposeAsync();
    }

    private async Task Import(string name, string rows)
    {
        await using var scope = _services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ObservationImporter>()
            .ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(Header + rows)), new ImportRequest(name, "test", "tester", DataFormat.Tidy)).ShouldSucceed();
    }

    /// <summary>A store of this process's own, as a second server reading the same database from scratch has.</summary>
    private HeadlineObservationStore FromScratch() => new(_services.GetRequiredService<IServiceScopeFactory>(), new DataVersion(), _services.GetRequiredService<PlaceRegistry>());

    private static readonly string[] Areas = ["E08000010", "E08000012", "E06000052", "W06000015"];

    private static void ShouldHoldTheSame(HeadlineObservations kept, HeadlineObservations read)
    {
        kept.LastImport.ShouldBe(read.LastImport);
        kept.Count.ShouldBe(read.Count);
        kept.AllCoverage().Keys.Order(StringComparer.Ordinal).ShouldBe(read.AllCoverage().Keys.Order(StringComparer.Ordinal));
        foreach (var indicator in read.AllCoverage().Keys)
        {
            kept.Coverage(indicator).ShouldBe(read.Coverage(indicator));
            kept.ForIndicator(indicator).ShouldBe(read.ForIndicator(indicator), $"{indicator}'s observations");
            kept.Periods(indicator).ShouldBe(read.Periods(indicator));
            foreach (var period in read.Periods(indicator))
            {
                kept.CouncilValues(indicator, period).ShouldBe(read.CouncilValues(indicator, period));
            }
        }
        foreach (var area in Areas)
        {
            // Within a period the order of indicators is not promised; the periods' order is.
            var keptPoints = kept.ForAreas([area]);
            keptPoints.Select(p => p.Period).ShouldBe(read.ForAreas([area]).Select(p => p.Period), $"{area}'s periods in order");
            keptPoints.OrderBy(p => p.IndicatorId, StringComparer.Ordinal).ThenBy(p => p.Period)
                .ShouldBe(read.ForAreas([area]).OrderBy(p => p.IndicatorId, StringComparer.Ordinal).ThenBy(p => p.Period), $"{area}'s observations");
        }
    }

    [Fact]
    public async Task After_an_import_the_kept_model_holds_what_a_model_read_from_scratch_holds()
    {
        await Import("first.csv", """
            E08000010,claimant-count,2024-01,4.1,,,,
            E08000010,claimant-count,2024-02,4.3,,,,
            E08000012,claimant-count,2024-01,5.0,,,,
            W06000015,claimant-count,2024-01,3.2,,,,
            E08000010,adult-obesity-prevalence,2023,31.2,29.0,33.4,,
            E06000052,adult-obesity-prevalence,2023,22.5,,,,

            """);
        var store = _services.GetRequiredService<HeadlineObservationStore>();
        var before = await store.CurrentAsync();
        before.ForIndicator("claimant-count", ["E08000010"]).Select(p => p.Value).ShouldBe([4.1, 4.3]);

        // A revision of one indicator: a changed value, a new period, a new area, a suppressed value.
        await Import("revised.csv", """
            E08000010,claimant-count,2024-02,4.6,,,,
            E08000010,claimant-count,2024-03,4.4,,,,
            E06000052,claimant-count,2024-03,2.9,,,,
            W06000015,claimant-count,2024-01,,,,x,

            """);
        _services.GetRequiredService<DataVersion>().Advance();
        var after = await store.CurrentAsync();
        after.ShouldNotBeSameAs(before);
        after.ForIndicator("claimant-count", ["E08000010"]).Select(p => p.Value).ShouldBe([4.1, 4.6, 4.4]);
        after.ForIndicator("adult-obesity-prevalence").ShouldBe(before.ForIndicator("adult-obesity-prevalence"), "an indicator the import did not hold is kept as it was");
        after.Coverage("claimant-count")!.Latest.ShouldBe(Period.Parse("2024-03"));
        ShouldHoldTheSame(after, await FromScratch().CurrentAsync());

        // A new indicator arriving after the model was made.
        await Import("new-indicator.csv", "E08000012,adult-obesity-prevalence,2024,27.9,,,,\nE08000012,gigabit-capable-broadband,2024,81.2,,,,\n");
        _services.GetRequiredService<DataVersion>().Advance();
        ShouldHoldTheSame(await store.CurrentAsync(), await FromScratch().CurrentAsync());
    }
}
