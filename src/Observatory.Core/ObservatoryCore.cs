using Microsoft.Extensions.DependencyInjection;
using Observatory.Accounts;
using Observatory.Charts.Maps;
using Observatory.Content;
using Observatory.Evidence;
using Observatory.Frameworks;
using Observatory.Indicators;
using Observatory.Indicators.Importing;
using Observatory.Indices;
using Observatory.Places;
using Observatory.Portraits;
using Observatory.Similarity;
using Observatory.Storage;

namespace Observatory;

/// <summary>Registers the Observatory's domain services. Web and command line both start here.</summary>
public static class ObservatoryCore
{
    /// <summary>
    /// Loads and validates the shipped content now, so a broken data file stops start-up with its file and line
    /// rather than failing on first use. <paramref name="evidenceSearch"/> is the <c>Evidence:Search</c> setting
    /// (the in-memory index when not given).
    /// </summary>
    public static IServiceCollection AddObservatoryCore(this IServiceCollection services, DataFolder data, DatabaseSettings database,
        Evidence.Search.EvidenceSearchSettings? evidenceSearch = null)
    {
        services.AddSingleton(data);
        services.AddSingleton(TimeProvider.System);
        services.AddObservatoryStorage(database);
        var frameworks = FrameworkCatalogue.LoadShipped(data);
        services.AddSingleton(frameworks);
        services.AddScoped<FrameworkLibrary>();
        // Indicators name framework elements, so they are checked against the catalogue just loaded.
        var indicators = IndicatorCatalogue.LoadShipped(data, frameworks);
        services.AddSingleton(indicators);
        var placeRegistry = PlaceRegistry.LoadShipped(data);
        services.AddSingleton(placeRegistry);
        // Indices and similar-area sets name catalogue indicators (and ONS's lists name places), so both are
        // checked now rather than on the first page that needs them.
        services.AddSingleton(IndexDefinitions.LoadShipped(data, frameworks, indicators));
        services.AddSingleton(SimilarAreaSets.LoadShipped(data, indicators, placeRegistry));
        services.AddScoped<CouncilMatrix>();
        services.AddScoped<IndexService>();
        services.AddScoped<SimilarAreaService>();
        // Definitions name framework elements, catalogue indicators and data columns, so they are checked now;
        // the national values behind them are read on first use, once.
        services.AddSingleton(PortraitDefinitions.LoadShipped(data, frameworks, indicators));
        services.AddSingleton(sp => NationalPortraitData.Load(
            sp.GetRequiredService<DataFolder>(), sp.GetRequiredService<PortraitDefinitions>(), sp.GetRequiredService<PlaceRegistry>()));
        services.AddScoped<PortraitService>();
        services.AddSingleton(sp => BoundarySet.LoadShipped(sp.GetRequiredService<DataFolder>()));
        services.AddScoped<ObservationImporter>();
        services.AddScoped<ObservationQueries>();
        services.AddScoped<CurrentActor>();
        services.AddScoped<IMailSender, OutboxMailSender>();
        services.AddScoped<AccountService>();
        // Hosts that serve people elsewhere register their configured address after this one.
        services.AddSingleton(PublicAddress.Local);
        services.AddScoped<Portraits.LocalTargets>();
        services.AddScoped<Auditing.AuditLog>();
        services.AddScoped<IndicatorCoverage>();
        services.AddSingleton<IndicatorCoverage.Cache>();
        services.AddSingleton<IDataSeeder, PlacesSeeder>();
        services.AddSingleton<IDataSeeder, ShippedDataSeeder>();
        // Items name framework elements and places, so they are checked against both now.
        services.AddSingleton(ShippedEvidence.LoadShipped(data, frameworks, placeRegistry));
        services.AddScoped<EvidenceLibrary>();
        services.AddScoped<EvidenceCounts>();
        services.AddScoped<EvidenceExports>();
        services.AddScoped<RelatedEvidence>();
        services.AddScoped<EvidenceCuration>();
        services.AddSingleton<IDataSeeder, EvidenceSeeder>();
        // One interface: the in-memory index by default (one per database, for the life of the process), or the
        // database's own full-text search (Evidence:Search = database); boundaries load only when a place is named.
        services.AddSingleton(evidenceSearch ?? Evidence.Search.EvidenceSearchSettings.Default);
        services.AddSingleton<Evidence.Search.Index.EvidenceIndexes>();
        services.AddScoped<Evidence.Search.IEvidenceSearch>(sp =>
        {
            var db = sp.GetRequiredService<ObservatoryDbContext>();
            var placeRegistry = sp.GetRequiredService<PlaceRegistry>();
            if (sp.GetRequiredService<Evidence.Search.EvidenceSearchSettings>().Mode == Evidence.Search.EvidenceSearchMode.Index)
            {
                return new Evidence.Search.IndexedEvidenceSearch(db, sp.GetRequiredService<Evidence.Search.Index.EvidenceIndexes>(), placeRegistry, sp.GetRequiredService<BoundarySet>);
            }
            return database.IsPostgreSql
                ? new Evidence.Search.PostgreSqlEvidenceSearch(db, sp.GetRequiredService<EvidenceLibrary>(), placeRegistry, sp.GetRequiredService<BoundarySet>)
                : new Evidence.Search.SqliteEvidenceSearch(db, sp.GetRequiredService<EvidenceLibrary>(), placeRegistry, sp.GetRequiredService<BoundarySet>);
        });
        services.AddSingleton<IDataSeeder, Evidence.Search.EvidenceSearchSeeder>();
        return services;
    }
}
