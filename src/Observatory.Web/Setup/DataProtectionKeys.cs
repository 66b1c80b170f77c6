using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Observatory.Storage;

namespace Observatory.Web.Setup;

/// <summary>
/// Keeps the keys behind sign-in and anti-forgery cookies in the Observatory's database (data_protection_keys),
/// so cookies survive a restart and every node over one PostgreSQL database accepts the others' cookies. The
/// default, a folder in the user profile, is lost with a container and is not shared between machines.
/// </summary>
public static class DataProtectionKeys
{
    /// <summary>The same on every node, so keys made by one are used by all (the default is the install path).</summary>
    public const string ApplicationName = "Connected Places Observatory";

    public static IServiceCollection AddObservatoryDataProtection(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName(ApplicationName);
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(provider => new ConfigureOptions<KeyManagementOptions>(options =>
            options.XmlRepository = new DatabaseXmlRepository(provider.GetRequiredService<IServiceScopeFactory>())));
        return services;
    }

    /// <summary>
    /// Data Protection reads the whole ring when it starts and when a key nears expiry, and adds a key every 90
    /// days, so a short-lived context per call is enough.
    /// </summary>
    private sealed class DatabaseXmlRepository(IServiceScopeFactory scopes) : IXmlRepository
    {
        public IReadOnlyCollection<XElement> GetAllElements()
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<ObservatoryDbContext>();
            return db.DataProtectionKeys.AsNoTracking().OrderBy(k => k.Id).Select(k => k.Xml).ToList().Select(XElement.Parse).ToList();
        }

        public void StoreElement(XElement element, string friendlyName)
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<ObservatoryDbContext>();
            db.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting) });
            db.SaveChanges();
        }
    }
}
