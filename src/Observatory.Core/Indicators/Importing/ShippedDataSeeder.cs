using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Observatory.Content;
using Observatory.Storage;

namespace Observatory.Indicators.Importing;

/// <summary>
/// Imports the indicator data shipped in <c>data/indicators/</c> through the same importer users use, so shipped
/// data meets the same checks. Files already imported (same hash) are passed over, so start-up stays quick.
/// </summary>
public sealed class ShippedDataSeeder : IDataSeeder
{
    public const string ShippedSource = "shipped";

    public int Order => 20;

    public string Name => "indicator data";

    public async Task SeedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var catalogue = services.GetRequiredService<IndicatorCatalogue>();
        var data = services.GetRequiredService<DataFolder>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger<ShippedDataSeeder>();
        var files = catalogue.Datasets.SelectMany(d => d.Data).DistinctBy(f => f.File).ToList();
        for (var i = 0; i < files.Count; i++)
        {
            var file = files[i];
            await using var scope = services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<Accounts.CurrentActor>().Actor = Accounts.Actor.System("shipped data");
            var importer = scope.ServiceProvider.GetRequiredService<ObservationImporter>();
            var path = data.Combine("indicators", file.File);
            var imported = await importer.ImportFileAsync(path, new ImportRequest(Path.GetFileName(path), ShippedSource, Format: file.Format), cancellationToken: cancellationToken);
            if (!imported.Succeeded(out var outcome, out var refusal))
            {
                // A shipped file the importer refuses is a fault of the installation: start-up stops and says where.
                throw new ContentValidationException(refusal.Problems);
            }
            if (!outcome.AlreadyImported)
            {
                // Progress on the first start (every file) and after an upgrade that ships changed files.
                logger.LogInformation("      {Index}/{Files} {File}: {Added} values added, {Changed} changed",
                    i + 1, files.Count, Path.GetFileName(file.File), outcome.Import.Added, outcome.Import.Changed);
            }
        }
    }
}
