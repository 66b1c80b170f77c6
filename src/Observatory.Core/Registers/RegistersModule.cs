using Microsoft.Extensions.DependencyInjection;
using Observatory.Content;

namespace Observatory.Registers;

public static class RegistersModule
{
    /// <summary>The register services, and the shared list of council service areas, loaded and checked now.</summary>
    public static IServiceCollection AddRegisters(this IServiceCollection services, DataFolder data)
    {
        services.AddScoped<AlgorithmRegister>();
        services.AddSingleton(ServiceAreas.LoadShipped(data));
        services.AddScoped<ApplicationsRegister>();
        return services;
    }
}
