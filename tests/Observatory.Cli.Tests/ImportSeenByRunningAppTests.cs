using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Observatory.Indicators;
using Observatory.Testing;

namespace Observatory.Cli.Tests;

/// <summary>
/// An import by the command line (another process, here run in-process against the same database file) is shown by
/// a running Observatory within about a second, though it had the page cached: the command raises the shared data
/// version and the app's poll sees it (issue 20).
/// </summary>
public sealed class ImportSeenByRunningAppTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const string Header = "areacd,areanm,geography,indicator,period,observation,measure,unit,lci_95,uci_95,status,notes";

    [Fact]
    public async Task An_import_from_the_command_line_is_seen_by_a_running_app()
    {
        await using var app = new ObservatoryAppFactory();
        var client = await app.ClientAsync();
        var shown = app.Services.GetRequiredService<IndicatorCatalogue>().Find("claimant-count")!.FormatValue(955.25);
        (await client.GetStringAsync("/areas/E08000010")).ShouldNotContain(shown);
        using (var cached = await client.GetAsync("/areas/E08000010"))
        {
            cached.Headers.Age.ShouldNotBeNull("the page is served from the cache before the import");
        }
        var folder = Path.Combine(Path.GetTempPath(), "observatory-cli-seen", Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, "claimants-2050.csv");
        await File.WriteAllTextAsync(file, Header + "\nE08000010,Wigan,Local Authority District,Claimant Count,2050-01-01/P1Y,955.25,Percentage,%,,,,\n");
        try
        {
            var version = app.Services.GetRequiredService<Observatory.Storage.DataVersion>();
            var before = version.Current;
            var import = await CliRunner.RunAsync("import", file, "--db", app.Database.Setting);
            import.ExitCode.ShouldBe(ExitCodes.Success, import.Error);

            var clock = Stopwatch.StartNew();
            while (version.Current == before)
            {
                clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5), "the running app never learnt of the command line's import");
                await Task.Delay(5);
            }
            var learnt = clock.Elapsed;
            // Once it has learnt of the import, the very next request shows it: no stale page is served after that.
            var page = await client.GetStringAsync("/areas/E08000010");
            output.WriteLine($"The app learnt of the import after {learnt.TotalMilliseconds:0} ms and showed it after {clock.Elapsed.TotalMilliseconds:0} ms");
            learnt.ShouldBeLessThan(TimeSpan.FromSeconds(1), "the app polls the shared version every 250 ms");
            page.ShouldContain(shown);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
