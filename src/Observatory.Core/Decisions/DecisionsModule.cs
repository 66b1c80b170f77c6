using Microsoft.Extensions.DependencyInjection;
using Observatory.Content;
using Observatory.Frameworks;

namespace Observatory.Decisions;

public static class DecisionsModule
{
    /// <summary>The shipped decision wheels, loaded and checked now against the framework catalogue their segments name.</summary>
    public static IServiceCollection AddDecisions(this IServiceCollection services, DataFolder data, FrameworkCatalogue frameworks)
    {
        services.AddSingleton(DecisionWheels.LoadShipped(data, frameworks));
        services.AddScoped<OrganisationWheels>();
        services.AddScoped<OrganisationDecisions>();
        return services;
    }
}
