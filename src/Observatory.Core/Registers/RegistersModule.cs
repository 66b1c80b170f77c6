using Microsoft.Extensions.DependencyInjection;

namespace Observatory.Registers;

public static class RegistersModule
{
    public static IServiceCollection AddRegisters(this IServiceCollection services)
    {
        services.AddScoped<AlgorithmRegister>();
        return services;
    }
}
