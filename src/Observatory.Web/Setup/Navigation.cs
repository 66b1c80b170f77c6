namespace Observatory.Web.Setup;

/// <summary>The service navigation: one line per capability, in the order people meet them.</summary>
public static class Navigation
{
    public sealed record Item(string Text, string Href);

    public static readonly IReadOnlyList<Item> Items =
    [
        new("Areas", "/areas"),
        new("Indicators", "/indicators"),
        new("Portraits", "/portraits"),
        new("Indices", "/indices"),
        new("Evidence", "/evidence"),
        new("Assessments", "/assessments"),
        new("Frameworks", "/frameworks"),
        new("Decisions", "/decisions"),
        new("Algorithms", "/registers/algorithms"),
        new("Applications", "/registers/applications"),
    ];

    /// <summary>The item a path belongs to, so the navigation can mark where the reader is.</summary>
    public static Item? Current(PathString path) =>
        Items.Where(i => path.StartsWithSegments(i.Href)).MaxBy(i => i.Href.Length);
}
