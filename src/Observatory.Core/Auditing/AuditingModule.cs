using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Observatory.Auditing;

public static class AuditingModule
{
    /// <summary>The audit log: every context of a scope writes it (naming the scope's <see cref="IAuditActor"/>), and <see cref="AuditLog"/> reads it.</summary>
    public static IServiceCollection AddAuditing(this IServiceCollection services)
    {
        services.AddScoped<IInterceptor>(sp => new AuditInterceptor(sp.GetRequiredService<TimeProvider>(), sp.GetService<IAuditActor>()));
        services.AddScoped<AuditLog>();
        return services;
    }
}
