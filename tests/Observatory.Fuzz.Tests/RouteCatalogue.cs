using System.Reflection;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Observatory.Fuzz.Tests;

public enum InputSource
{
    Route,
    Query,
    Form,
    File,
}

/// <summary>One input a route reads: a route value, a query parameter, a form field or an uploaded file.</summary>
public sealed record RouteInput(string Name, Type Type, InputSource Source);

/// <summary>
/// One way into the app: a route pattern, a method, for a page the handler, and every input it reads. The display
/// name ("POST /frameworks/import") is what coverage is counted by.
/// </summary>
public sealed record FuzzRoute(string Pattern, string Method, string? Handler, IReadOnlyList<RouteInput> Inputs, bool IsPage)
{
    public string Name => $"{Method} {Pattern}{(Handler is null ? "" : $" ({Handler})")}";
}

/// <summary>
/// Every route of the running app, read from its <see cref="EndpointDataSource"/> — so a route added later is fuzzed
/// without editing the suite — with the inputs each reads: for a minimal API endpoint its handler's parameters, for a
/// page its handlers' parameters and bound properties (through the page loader, as MVC itself reads them).
/// </summary>
public static class RouteCatalogue
{
    /// <summary>Query names read through HttpContext rather than parameters (search pages and APIs), tried on every route.</summary>
    public static readonly string[] CommonQuery = ["q", "page", "pageSize", "period", "area", "areas", "definition", "format", "k", "set", "type", "nation", "kind", "element", "strength", "status", "year", "historic", "region", "rows", "columns", "sort"];

    public static async Task<IReadOnlyList<FuzzRoute>> ReadAsync(IServiceProvider services)
    {
        var loader = services.GetRequiredService<PageLoader>();
        var isService = services.GetRequiredService<IServiceProviderIsService>();
        var routes = new List<FuzzRoute>();
        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = endpoint.RoutePattern.RawText ?? "";
            var routeValues = endpoint.RoutePattern.Parameters.Select(p => new RouteInput(p.Name, typeof(string), InputSource.Route)).ToList();
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is { } page)
            {
                var compiled = await loader.LoadAsync(page, endpoint.Metadata);
                routes.AddRange(PageRoutes(pattern, routeValues, compiled));
                continue;
            }
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            var inputs = new List<RouteInput>(routeValues);
            if (endpoint.Metadata.GetMetadata<MethodInfo>() is { } handler)
            {
                foreach (var parameter in handler.GetParameters())
                {
                    var name = parameter.GetCustomAttribute<FromQueryAttribute>()?.Name ?? parameter.Name!;
                    if (IsServiceOrContext(parameter.ParameterType, isService) || routeValues.Any(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase)))
                    {
                        continue;
                    }
                    inputs.Add(new RouteInput(name, parameter.ParameterType, InputSource.Query));
                }
            }
            routes.AddRange(methods.Select(m => new FuzzRoute(pattern, m, null, inputs, IsPage: false)));
        }
        return routes;
    }

    private static IEnumerable<FuzzRoute> PageRoutes(string pattern, List<RouteInput> routeValues, CompiledPageActionDescriptor page)
    {
        var properties = page.BoundProperties.SelectMany(p => Expand(p.BindingInfo?.BinderModelName ?? p.Name, p.ParameterType, p.BindingInfo)).ToList();
        var getProperties = page.BoundProperties.Where(SupportsGet)
            .SelectMany(p => Expand(p.BindingInfo?.BinderModelName ?? p.Name, p.ParameterType, p.BindingInfo, InputSource.Query)).ToList();
        var handlers = page.HandlerMethods.Count == 0
            ? [new HandlerMethodDescriptor { HttpMethod = "Get", Name = null, Parameters = [] }]
            : page.HandlerMethods;
        if (!handlers.Any(h => string.Equals(h.HttpMethod, "Get", StringComparison.OrdinalIgnoreCase)))
        {
            // A page with only POST handlers still answers GET (with its form); a GET reaches it too.
            handlers = [.. handlers, new HandlerMethodDescriptor { HttpMethod = "Get", Name = null, Parameters = [] }];
        }
        foreach (var handler in handlers)
        {
            var isGet = string.Equals(handler.HttpMethod, "Get", StringComparison.OrdinalIgnoreCase);
            var inputs = new List<RouteInput>(routeValues);
            foreach (var parameter in handler.Parameters)
            {
                var name = parameter.BindingInfo?.BinderModelName ?? parameter.Name;
                if (routeValues.Any(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase)) || parameter.ParameterType == typeof(CancellationToken))
                {
                    continue;
                }
                var source = parameter.ParameterType == typeof(IFormFile) ? InputSource.File
                    : isGet || parameter.BindingInfo?.BindingSource == BindingSource.Query ? InputSource.Query
                    : InputSource.Form;
                inputs.AddRange(Expand(name, parameter.ParameterType, parameter.BindingInfo, source));
            }
            inputs.AddRange(isGet ? getProperties : properties.Where(p => !routeValues.Any(r => string.Equals(r.Name, p.Name, StringComparison.OrdinalIgnoreCase))));
            yield return new FuzzRoute(pattern, handler.HttpMethod.ToUpperInvariant(), handler.Name, inputs, IsPage: true);
        }
        // A POST naming a handler the page does not have.
        yield return new FuzzRoute(pattern, "POST", "NoSuchHandler", routeValues, IsPage: true);
    }

    private static bool SupportsGet(ParameterDescriptor property) =>
        property is PageBoundPropertyDescriptor { Property: var info } && info.GetCustomAttribute<BindPropertyAttribute>() is { SupportsGet: true }
        || property.BindingInfo?.BindingSource == BindingSource.Query;

    /// <summary>A simple value is one input; a form object (the evidence form) is one input per property.</summary>
    private static IEnumerable<RouteInput> Expand(string name, Type type, BindingInfo? binding, InputSource source = InputSource.Form)
    {
        if (type == typeof(IFormFile))
        {
            yield return new RouteInput(name, type, InputSource.File);
            yield break;
        }
        if (binding?.BindingSource == BindingSource.Query)
        {
            source = InputSource.Query;
        }
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying.IsPrimitive || underlying.IsEnum || underlying == typeof(string) || underlying == typeof(decimal) || underlying == typeof(DateTime) || underlying == typeof(DateOnly)
            || underlying.IsArray || (underlying.IsGenericType && typeof(System.Collections.IEnumerable).IsAssignableFrom(underlying)))
        {
            yield return new RouteInput(name, type, source);
            yield break;
        }
        foreach (var property in underlying.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            yield return new RouteInput(property.Name, property.PropertyType, source);
        }
    }

    private static bool IsServiceOrContext(Type type, IServiceProviderIsService isService) =>
        type == typeof(HttpContext) || type == typeof(HttpRequest) || type == typeof(HttpResponse) || type == typeof(CancellationToken)
        || type == typeof(ClaimsPrincipal) || isService.IsService(type);
}
