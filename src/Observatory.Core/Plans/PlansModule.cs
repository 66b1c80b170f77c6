using Microsoft.Extensions.DependencyInjection;

namespace Observatory.Plans;

public static class PlansModule
{
    public static IServiceCollection AddPlans(this IServiceCollection services)
    {
        services.AddScoped<RecoveryPlans>();
        services.AddScoped<SocialValueCommitments>();
        return services;
    }
}
