using Microsoft.Extensions.DependencyInjection;
using Observatory.Auditing;
using Observatory.Storage;

namespace Observatory.Accounts;

public static class AccountsModule
{
    /// <summary>Organisations, people, roles and tokens; the actor of each scope, whom the audit log names.</summary>
    public static IServiceCollection AddAccounts(this IServiceCollection services)
    {
        services.AddScoped<CurrentActor>();
        services.AddScoped<IAuditActor>(sp => sp.GetRequiredService<CurrentActor>());
        services.AddScoped<IMailSender, OutboxMailSender>();
        services.AddScoped<AccountService>();
        // Hosts that serve people elsewhere register their configured address after this one.
        services.AddSingleton(PublicAddress.Local);
        services.AddScoped<AccountDirectory>();
        services.AddSingleton<ISeedingScope, ShippedDataActor>();
        return services;
    }

    /// <summary>The audit log names the Observatory itself for shipped data.</summary>
    private sealed class ShippedDataActor : ISeedingScope
    {
        public void Enter(IServiceProvider scope) => scope.GetRequiredService<CurrentActor>().Actor = Actor.System("shipped data");
    }
}
