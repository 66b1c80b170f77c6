using System.Net;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.HttpOverrides;
using Observatory.Accounts;

namespace Observatory.Web.Setup;

/// <summary>
/// Where the Observatory is reached and through what: the public address links are built from, the host names it
/// answers to, and the proxies whose forwarded headers it believes. With none of them set it serves the machine it
/// runs on (the embedded default). Described for operators in docs/security.md.
/// </summary>
public static class Proxies
{
    /// <summary>The address people reach the Observatory at (environment variable <c>Observatory__PublicBaseUrl</c>).</summary>
    public const string PublicBaseUrlSetting = "Observatory:PublicBaseUrl";

    /// <summary>
    /// Addresses (10.0.0.5) and networks (10.0.0.0/8) of the reverse proxies in front of the Observatory, separated by
    /// commas or semicolons (<c>Observatory__KnownProxies</c>). Only from these are X-Forwarded-For and
    /// X-Forwarded-Proto believed.
    /// </summary>
    public const string KnownProxiesSetting = "Observatory:KnownProxies";

    /// <summary>ASP.NET Core's own host filtering setting: host names separated by semicolons.</summary>
    public const string AllowedHostsSetting = "AllowedHosts";

    public static IServiceCollection AddObservatoryProxies(this IServiceCollection services, IConfiguration configuration)
    {
        var configured = ReadPublicAddress(configuration[PublicBaseUrlSetting]);
        if (configured is not null)
        {
            services.AddSingleton(configured);
        }
        else
        {
            // Not set: the address this machine serves on, read from the server once it listens, never from a request.
            services.AddScoped(provider => LocalAddress(provider.GetRequiredService<IServer>()));
        }

        // With a public address and no AllowedHosts of its own, answer to that host and to this machine only (a
        // health check from the host itself); with neither, to any host, as links never depend on it.
        services.Configure<HostFilteringOptions>(options =>
        {
            if (configured is not null && string.IsNullOrWhiteSpace(configuration[AllowedHostsSetting]))
            {
                options.AllowedHosts = [configured.Host, "localhost", "127.0.0.1", "[::1]"];
            }
        });

        var (proxies, networks) = ReadKnownProxies(configuration[KnownProxiesSetting]);
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            // The client's address (for the sign-in limits) and whether it reached the proxy over TLS (for Secure
            // cookies and HSTS). Not the host: the Host header must be the public host, which AllowedHosts checks.
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            proxies.ForEach(options.KnownProxies.Add);
            networks.ForEach(options.KnownIPNetworks.Add);
            // Every hop is checked against the lists, so a chain of known proxies is followed to the first unknown one.
            options.ForwardLimit = null;
        });
        return services;
    }

    /// <summary>First in the pipeline: forwarded headers are read only when proxies are configured, and only from them.</summary>
    public static WebApplication UseObservatoryProxies(this WebApplication app)
    {
        if (!string.IsNullOrWhiteSpace(app.Configuration[KnownProxiesSetting]))
        {
            app.UseForwardedHeaders();
        }
        return app;
    }

    private static PublicAddress? ReadPublicAddress(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        return PublicAddress.Parse(text).Succeeded(out var address, out var refusal)
            ? address
            : throw new InvalidOperationException($"{PublicBaseUrlSetting}: {refusal.Message}.");
    }

    private static (List<IPAddress> Proxies, List<System.Net.IPNetwork> Networks) ReadKnownProxies(string? text)
    {
        var proxies = new List<IPAddress>();
        var networks = new List<System.Net.IPNetwork>();
        foreach (var entry in (text ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (entry.Contains('/') && System.Net.IPNetwork.TryParse(entry, out var network))
            {
                networks.Add(network);
            }
            else if (IPAddress.TryParse(entry, out var address))
            {
                proxies.Add(address);
            }
            else
            {
                throw new InvalidOperationException(
                    $"{KnownProxiesSetting}: '{entry}' is neither an IP address (10.0.0.5) nor a network (10.0.0.0/8).");
            }
        }
        return (proxies, networks);
    }

    /// <summary>The first address the server listens on, with a wildcard host read as localhost; http://localhost without one.</summary>
    private static PublicAddress LocalAddress(IServer server)
    {
        var listening = server.Features.Get<IServerAddressesFeature>()?.Addresses
            .FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || a.StartsWith("https://", StringComparison.OrdinalIgnoreCase));
        if (listening is null)
        {
            return PublicAddress.Local;
        }
        listening = listening.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal);
        if (!Uri.TryCreate(listening, UriKind.Absolute, out var uri))
        {
            return PublicAddress.Local;
        }
        var host = uri.Host is "0.0.0.0" or "[::]" or "::" ? "localhost" : uri.Host;
        return PublicAddress.Parse(new UriBuilder(uri.Scheme, host, uri.Port).Uri.AbsoluteUri).Succeeded(out var address, out _) ? address : PublicAddress.Local;
    }
}
