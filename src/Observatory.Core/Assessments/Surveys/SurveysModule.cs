using Microsoft.Extensions.DependencyInjection;

namespace Observatory.Assessments.Surveys;

public static class SurveysModule
{
    /// <summary>Sector surveys, run on the assessment templates and the benchmarks' peer groups and suppression.</summary>
    public static IServiceCollection AddSurveys(this IServiceCollection services)
    {
        services.AddScoped<SectorSurveys>();
        return services;
    }
}
