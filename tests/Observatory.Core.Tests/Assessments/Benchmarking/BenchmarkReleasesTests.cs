using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Observatory.Assessments.Benchmarking;
using Observatory.Outcomes;
using Observatory.Storage;
using Observatory.Testing;

namespace Observatory.Core.Tests.Assessments.Benchmarking;

/// <summary>Contributions made up for a test, as the organisations' opted-in assessments will give them.</summary>
internal sealed class GeneratedContributions(IReadOnlyList<BenchmarkContribution> contributions) : IBenchmarkContributions
{
    public List<(string Template, string Period)> Asked { get; } = [];

    public Task<IReadOnlyList<BenchmarkContribution>> ForAsync(string templateId, string period, CancellationToken ct)
    {
        Asked.Add((templateId, period));
        return Task.FromResult(contributions);
    }
}

/// <summary>Publishing and reading benchmark releases in a real database: dated, kept, and immutable in the database itself.</summary>
public abstract class BenchmarkReleasesTests(TestProvider provider) : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private ServiceProvider _services = null!;
    private readonly TestClock _clock = new(new DateTimeOffset(2027, 5, 3, 9, 30, 0, TimeSpan.Zero));

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(provider);
        _services = CoreServices.For(_database, _clock);
        await CoreServices.PrepareAsync(_services, shippedData: false);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _database.DisposeAsync();
    }

    /// <summary>Forty councils of every kind, answering everything.</summary>
    private static GeneratedContributions Source(int seed = 1) =>
        new(BenchmarkData.From(BenchmarkData.Places.Councils.Where((_, i) => i % 9 == 0).Take(40).Select(c => c.Code), BenchmarkData.Dmag, seed));

    private async Task<T> WithReleases<T>(Func<BenchmarkReleases, Task<T>> use)
    {
        await using var scope = _services.CreateAsyncScope();
        return await use(scope.ServiceProvider.GetRequiredService<BenchmarkReleases>());
    }

    [Fact]
    public async Task A_release_is_dated_and_publishing_again_makes_a_new_one_while_the_old_is_kept()
    {
        var first = (await WithReleases(r => r.PublishAsync("dmag-2023", "2026/27", Source(1)))).ShouldSucceed();
        _clock.Advance(TimeSpan.FromDays(30));
        var second = (await WithReleases(r => r.PublishAsync("dmag-2023", "2026/27", Source(2)))).ShouldSucceed();

        first.PublishedAt.ShouldBe(new DateTime(2027, 5, 3, 9, 30, 0, DateTimeKind.Utc));
        second.PublishedAt.ShouldBe(first.PublishedAt.AddDays(30));
        second.ReleaseId.ShouldNotBe(first.ReleaseId);
        var latest = (await WithReleases(r => r.LatestAsync("dmag-2023", "2026/27"))).ShouldSucceed();
        latest.ReleaseId.ShouldBe(second.ReleaseId);
        latest.PublishedAt.ShouldBe(second.PublishedAt);
        latest.Statistics.Group("all")!.Figures.Select(f => f.Distribution).ShouldBe(second.Statistics.Group("all")!.Figures.Select(f => f.Distribution));
        latest.Statistics.Group("all")!.Contributors.ShouldBe(40);
        (await WithReleases(r => r.ReleasesAsync("dmag-2023"))).Select(r => r.ReleaseId).ShouldBe([second.ReleaseId, first.ReleaseId]);
        await using var db = _database.CreateContext();
        var kept = await db.BenchmarkReleases.AsNoTracking().SingleAsync(r => r.Id == first.ReleaseId);
        kept.PublishedAt.ShouldBe(first.PublishedAt);
        kept.Contributors.ShouldBe(40);
    }

    [Fact]
    public async Task Without_a_period_the_latest_release_of_any_period_is_read_and_none_is_not_found()
    {
        (await WithReleases(r => r.LatestAsync("dmag-2023"))).ShouldBeRefused(RefusalKind.NotFound);
        await WithReleases(r => r.PublishAsync("dmag-2023", "2025/26", Source()));
        _clock.Advance(TimeSpan.FromHours(1));
        await WithReleases(r => r.PublishAsync("dmag-2023", "2026/27", Source()));

        (await WithReleases(r => r.LatestAsync("dmag-2023"))).ShouldSucceed().Statistics.Period.ShouldBe("2026/27");
        (await WithReleases(r => r.LatestAsync("dmag-2023", "2025/26"))).ShouldSucceed().Statistics.Period.ShouldBe("2025/26");
        (await WithReleases(r => r.LatestAsync("dmag-2023", "2024/25"))).ShouldBeRefused(RefusalKind.NotFound);
        (await WithReleases(r => r.LatestAsync("digital-maturity"))).ShouldBeRefused(RefusalKind.NotFound);
    }

    [Fact]
    public async Task Publishing_is_refused_without_contributions_for_an_unknown_template_or_a_bad_period_and_nothing_is_stored()
    {
        (await WithReleases(r => r.PublishAsync("dmag-2023", "2026/27"))).ShouldBeRefused(RefusalKind.Conflict).Message.ShouldContain("No organisation has opted");
        (await WithReleases(r => r.PublishAsync("dmag-2023", "2026/27", new GeneratedContributions([])))).ShouldBeRefused(RefusalKind.Conflict);
        (await WithReleases(r => r.PublishAsync("no-such-template", "2026/27", Source()))).ShouldBeRefused(RefusalKind.NotFound);
        (await WithReleases(r => r.PublishAsync("dmag-2023", "<script>", Source()))).ShouldBeRefused(RefusalKind.Invalid);
        (await WithReleases(r => r.PublishAsync("dmag-2023", "", Source()))).ShouldBeRefused(RefusalKind.Invalid);
        await using var db = _database.CreateContext();
        (await db.BenchmarkReleases.CountAsync()).ShouldBe(0);
    }

    public static TheoryData<string> Changes => new()
    {
        "UPDATE benchmark_releases SET statistics = 'rewritten'",
        "UPDATE benchmark_releases SET published_at = published_at WHERE id = (SELECT MIN(id) FROM benchmark_releases)",
        "DELETE FROM benchmark_releases",
        "DELETE FROM benchmark_releases WHERE id = (SELECT MIN(id) FROM benchmark_releases)",
    };

    protected async Task The_database_refuses(string sql)
    {
        var published = (await WithReleases(r => r.PublishAsync("dmag-2023", "2026/27", Source()))).ShouldSucceed();
        await using var db = _database.CreateContext();
        var before = await db.BenchmarkReleases.AsNoTracking().SingleAsync();

        var refused = await Should.ThrowAsync<DbException>(() => db.Database.ExecuteSqlRawAsync(sql));

        refused.Message.ShouldContain("immutable");
        var after = await db.BenchmarkReleases.AsNoTracking().SingleAsync();
        (after.Id, after.PublishedAt, after.Statistics).ShouldBe((before.Id, before.PublishedAt, before.Statistics));
        // Publishing goes on as before: a new release is added beside it.
        (await WithReleases(r => r.PublishAsync("dmag-2023", "2026/27", Source()))).ShouldSucceed().ReleaseId.ShouldBeGreaterThan(published.ReleaseId);
    }
}

public sealed class BenchmarkReleasesOnSqliteTests() : BenchmarkReleasesTests(TestProvider.Sqlite)
{
    [Theory]
    [MemberData(nameof(Changes), MemberType = typeof(BenchmarkReleasesTests))]
    public Task The_database_refuses_to_change_or_delete_a_release_on_sqlite(string sql) => The_database_refuses(sql);
}

[Trait("Database", "PostgreSQL")]
public sealed class BenchmarkReleasesOnPostgreSqlTests() : BenchmarkReleasesTests(TestProvider.PostgreSql)
{
    [Theory]
    [MemberData(nameof(Changes), MemberType = typeof(BenchmarkReleasesTests))]
    [InlineData("TRUNCATE benchmark_releases")]
    public Task The_database_refuses_to_change_or_delete_a_release_on_postgresql(string sql) => The_database_refuses(sql);
}
