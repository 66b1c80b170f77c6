using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Observatory.Browser.Tests;

/// <summary>One page of the site as routing knows it: "/frameworks/{id}/{elementId}", and whether it needs a signed-in reader.</summary>
public sealed record PageTemplate(string Template, bool SignedIn)
{
    private string[] Segments { get; } = Template.Split('/', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>How many segments are fixed words: the more, the more particular ("/evidence/map" before "/evidence/{id}").</summary>
    public int Literals => Segments.Count(s => !s.StartsWith('{'));

    /// <summary>Whether an address is one of this template's pages (query ignored; int and long parameters must be digits).</summary>
    public bool Matches(string path)
    {
        var q = path.IndexOf('?', StringComparison.Ordinal);
        var parts = (q < 0 ? path : path[..q]).Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != Segments.Length)
        {
            return false;
        }
        for (var i = 0; i < parts.Length; i++)
        {
            var segment = Segments[i];
            var matches = !segment.StartsWith('{')
                ? string.Equals(segment, parts[i], StringComparison.OrdinalIgnoreCase)
                : segment.Contains(":int", StringComparison.Ordinal) || segment.Contains(":long", StringComparison.Ordinal)
                    ? parts[i].All(char.IsAsciiDigit)
                    : parts[i].Length > 0;
            if (!matches)
            {
                return false;
            }
        }
        return true;
    }
}

/// <summary>Every page the Observatory serves, read from its routing, so a page added later is one the crawl must reach.</summary>
public static class PageTemplates
{
    /// <summary>The Razor pages' templates (the API and downloads are not pages), each once.</summary>
    public static IReadOnlyList<PageTemplate> Of(IServiceProvider services) =>
    [
        .. services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null)
            .Select(e => new PageTemplate("/" + (e.RoutePattern.RawText ?? "").TrimStart('/'), e.Metadata.GetMetadata<IAuthorizeData>() is not null))
            .DistinctBy(t => t.Template)
            .OrderBy(t => t.Template, StringComparer.Ordinal),
    ];

    /// <summary>The most particular template an address is a page of, or null when none is.</summary>
    public static PageTemplate? For(IReadOnlyList<PageTemplate> templates, string path) =>
        templates.Where(t => t.Matches(path)).OrderByDescending(t => t.Literals).FirstOrDefault();
}
