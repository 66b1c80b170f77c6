using Microsoft.Extensions.DependencyInjection;
using Observatory.Accounts;
using Observatory.Assessments;
using Observatory.Assessments.Benchmarking;
using Observatory.Assessments.Surveys;
using Observatory.Auditing;
using Observatory.Content;
using Observatory.Decisions;
using Observatory.Evidence;
using Observatory.Frameworks;
using Observatory.Indicators;
using Observatory.Indices;
using Observatory.Places;
using Observatory.Plans;
using Observatory.Portraits;
using Observatory.Registers;
using Observatory.Similarity;
using Observatory.Storage;

namespace Observatory;

/// <summary>
/// The composition root of the domain: each capability registers itself in its own folder's module, and this
/// composes them. Web, command line and tests all start here.
/// </summary>
public static class ObservatoryCore
{
    /// <summary>
    /// Loads and validates the shipped content now, so a broken data file stops start-up with its file and line
    /// rather than failing on first use: frameworks first, since indicators, indices, portraits and evidence name
    /// their elements, indicators and places before what names them, and assessment templates, whose questions name elements.
    /// </summary>
    public static IServiceCollection AddObservatoryCore(this IServiceCollection services, DataFolder data, DatabaseSettings database)
    {
        services.AddSingleton(data);
        services.AddSingleton(TimeProvider.System);
        services.AddObservatoryStorage(database);
        services.AddAuditing();
        services.AddAccounts();
        services.AddFrameworks(data, out var frameworks);
        services.AddIndicators(data, frameworks, out var indicators);
        services.AddPlaces(data, out var places);
        services.AddIndices(data, frameworks, indicators);
        services.AddSimilarity(data, indicators, places);
        services.AddPortraits(data, frameworks, indicators);
        services.AddEvidence(data, frameworks, places);
        services.AddAssessments(data, frameworks);
        services.AddBenchmarking();
        services.AddSurveys();
        services.AddPlans();
        services.AddDecisions(data, frameworks);
        services.AddRegisters(data);
        return services;
    }

    /// <summary>A context outside any scope (tests, tools), audited as the Observatory itself ("system").</summary>
    public static ObservatoryDbContext CreateContext(DatabaseSettings settings) =>
        StorageSetup.CreateContext(settings, new AuditInterceptor(TimeProvider.System));
}
