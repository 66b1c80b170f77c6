using NetArchTest.Rules;

namespace Observatory.Architecture.Tests;

/// <summary>The projects' walls: the domain knows no host and no drawing; drawing reads no database.</summary>
public sealed class ProjectTests
{
    [Fact]
    public void Core_references_neither_web_nor_rendering()
    {
        Assemblies.Core.GetReferencedAssemblies().Select(a => a.Name)
            .ShouldNotContain(n => n == "Observatory.Web" || n == "Observatory.Rendering" || n == "observatory");

        Types.InAssembly(Assemblies.Core).ShouldNot().HaveDependencyOnAny("Observatory.Web", "Observatory.Rendering", "Observatory.Cli").GetResult()
            .ShouldPass("Core uses no type of a host or of the drawing");
    }

    [Fact]
    public void Core_uses_no_web_framework_type()
    {
        // Only the password hasher of ASP.NET Core Identity (the Microsoft.Extensions.Identity.Core package).
        Types.InAssembly(Assemblies.Core).ShouldNot()
            .HaveDependencyOnAny("Microsoft.AspNetCore.Http", "Microsoft.AspNetCore.Mvc", "Microsoft.AspNetCore.Html", "Microsoft.AspNetCore.Razor",
                "Microsoft.AspNetCore.Builder", "Microsoft.AspNetCore.Routing", "Microsoft.AspNetCore.Authentication", "Microsoft.AspNetCore.Hosting")
            .GetResult().ShouldPass("Core has no web types");
    }

    [Fact]
    public void Rendering_reads_no_database()
    {
        Types.InAssembly(Assemblies.Rendering).ShouldNot()
            .HaveDependencyOnAny("Microsoft.EntityFrameworkCore", "Microsoft.Data.Sqlite", "Npgsql", "Observatory.Storage")
            .GetResult().ShouldPass("Rendering is pure drawing: it neither queries nor holds a database context");
    }

    [Fact]
    public void Rendering_knows_no_host()
    {
        Types.InAssembly(Assemblies.Rendering).ShouldNot().HaveDependencyOnAny("Observatory.Web", "Observatory.Cli").GetResult()
            .ShouldPass("Rendering is used by the hosts, never the other way round");
    }
}
