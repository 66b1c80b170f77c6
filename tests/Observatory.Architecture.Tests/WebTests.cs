using System.Reflection;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NetArchTest.Rules;

namespace Observatory.Architecture.Tests;

/// <summary>
/// In Web, a capability's pages and its API endpoints sit side by side but neither uses the other: what both need
/// is in Core or in a shared Web piece. Pages and endpoints load, call a Core service and render.
/// </summary>
public sealed class WebTests
{
    /// <summary>Page models and the views Razor compiles.</summary>
    private static readonly Type[] PageTypes = [.. Assemblies.Web.GetTypes().Where(t => typeof(PageModel).IsAssignableFrom(t) || typeof(PageBase).IsAssignableFrom(t))];

    /// <summary>The endpoint classes: each capability's <c>…Api</c>.</summary>
    private static readonly Type[] ApiTypes = [.. Assemblies.Web.GetTypes().Where(t => t.DeclaringType is null && t.Name.EndsWith("Api", StringComparison.Ordinal))];

    [Fact]
    public void There_are_pages_and_endpoints_to_check()
    {
        PageTypes.Length.ShouldBeGreaterThan(50);
        ApiTypes.Length.ShouldBeGreaterThanOrEqualTo(7);
    }

    [Fact]
    public void The_api_uses_no_page_type()
    {
        var pages = PageTypes.Select(t => t.FullName!).ToArray();

        Types.InAssembly(Assemblies.Web).That().MeetCustomRule(t => IsWithin(t, ApiTypes))
            .ShouldNot().HaveDependencyOnAny(pages).GetResult()
            .ShouldPass("API endpoints use Core services and shared Web pieces, never a page");
    }

    [Fact]
    public void Pages_use_no_api_type()
    {
        var apis = ApiTypes.Select(t => t.FullName!).ToArray();

        Types.InAssembly(Assemblies.Web).That().MeetCustomRule(t => IsWithin(t, PageTypes))
            .ShouldNot().HaveDependencyOnAny(apis).GetResult()
            .ShouldPass("Pages use Core services and shared Web pieces, never an API class");
    }

    [Fact]
    public void Pages_and_endpoints_do_not_query_the_database_context()
    {
        Types.InAssembly(Assemblies.Web).That().ResideInNamespaceMatching(Assemblies.Within("Observatory.Web.Features"))
            .ShouldNot().HaveDependencyOnAny("Observatory.Storage.ObservatoryDbContext").GetResult()
            .ShouldPass("A page or endpoint loads, calls one Core service and renders");
    }

    /// <summary>The type or a type it is nested in (a lambda's closure, a record of its own) is one of <paramref name="types"/>.</summary>
    private static bool IsWithin(Mono.Cecil.TypeDefinition type, IReadOnlyCollection<Type> types)
    {
        for (var t = type; t is not null; t = t.DeclaringType)
        {
            var name = t.FullName.Replace('/', '+');
            if (types.Any(x => x.FullName == name))
            {
                return true;
            }
        }
        return false;
    }
}
