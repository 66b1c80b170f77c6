using Observatory.Content;
using Observatory.Frameworks;
using YamlDotNet.RepresentationModel;

namespace Observatory.Bench;

/// <summary>
/// Start-up cost of validating the framework catalogue: the Observatory's reader (which checks every rule and
/// keeps line numbers) against a bare YAML parse of the same files — the least any loader must do.
/// </summary>
public sealed class CatalogueLoadBenchmark : IBenchmark
{
    public string Name => "catalogue-load";

    public string Description => "Load and validate data/frameworks; baseline: parse the same YAML without validating.";

    public Task RunAsync(BenchmarkOptions options, TextWriter output)
    {
        var data = DataFolder.Locate();
        var files = Directory.EnumerateFiles(data.Combine("frameworks"), "*.yaml", SearchOption.AllDirectories).Select(File.ReadAllText).ToList();
        var runs = int.Parse(options.Get("runs") ?? "21", System.Globalization.CultureInfo.InvariantCulture);
        FrameworkCatalogue.LoadShipped(data);
        var observatory = BenchmarkRunner.MedianSeconds(runs, () => FrameworkCatalogue.LoadShipped(data));
        var baseline = BenchmarkRunner.MedianSeconds(runs, () =>
        {
            foreach (var text in files)
            {
                new YamlStream().Load(new StringReader(text));
            }
        });
        output.WriteLine($"files: {files.Count}; runs: {runs}");
        output.WriteLine($"observatory load+validate: {observatory * 1000:0.0} ms (median)");
        output.WriteLine($"baseline YAML parse only:  {baseline * 1000:0.0} ms (median)");
        output.WriteLine($"ratio observatory/baseline: {observatory / baseline:0.00}");
        return Task.CompletedTask;
    }
}
