using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Observatory.Evidence.Search.Index;
using Observatory.Storage;
using Observatory.Testing;

namespace Observatory.Web.Tests.Evidence;

/// <summary>The web host builds the in-memory evidence index at start-up, off the request path.</summary>
public sealed class EvidenceIndexStartupTests
{
    [Fact]
    public async Task The_index_is_built_at_start_up_before_any_search_and_the_first_search_does_not_build_it_again()
    {
        await using var app = new ObservatoryAppFactory();
        using var client = await app.ClientAsync();
        using var scope = app.Services.CreateScope();
        var index = app.Services.GetRequiredService<EvidenceIndexes>().For(scope.ServiceProvider.GetRequiredService<ObservatoryDbContext>());

        // No request has been made: only the start-up build can fill it.
        var clock = Stopwatch.StartNew();
        while (index.FullBuilds == 0 && clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(50);
        }
        index.FullBuilds.ShouldBe(1);
        index.Size.Items.ShouldBeGreaterThan(0);

        using var json = JsonDocument.Parse(await client.GetStringAsync("/api/evidence?q=Wigan"));
        json.RootElement.GetProperty("total").GetInt32().ShouldBeGreaterThan(0);
        index.FullBuilds.ShouldBe(1);
    }
}
