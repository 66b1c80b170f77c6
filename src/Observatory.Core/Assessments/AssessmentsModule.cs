using Microsoft.Extensions.DependencyInjection;
using Observatory.Assessments.AlgorithmicImpact;
using Observatory.Content;
using Observatory.Frameworks;

namespace Observatory.Assessments;

public static class AssessmentsModule
{
    /// <summary>The shipped assessment templates, loaded and checked now against the framework catalogue their questions name.</summary>
    public static IServiceCollection AddAssessments(this IServiceCollection services, DataFolder data, FrameworkCatalogue frameworks)
    {
        services.AddSingleton(AssessmentCatalogue.LoadShipped(data, frameworks));
        services.AddScoped<AssessmentTemplates>();
        services.AddScoped<OrganisationAssessments>();
        services.AddScoped<AssessmentResults>();
        services.AddSingleton(AlgorithmicImpactAssessment.LoadShipped(data));
        services.AddScoped<OrganisationImpactAssessments>();
        return services;
    }
}
