namespace Observatory.Content;

/// <summary>
/// The folder of shipped content (frameworks, indicator catalogue, places, evidence, datasets). The build copies
/// the repository's data/ folder next to every program, so the Observatory only ever reads its own copy;
/// <c>OBSERVATORY_DATA</c> points it elsewhere.
/// </summary>
public sealed class DataFolder
{
    public const string EnvironmentVariable = "OBSERVATORY_DATA";

    public DataFolder(string path)
    {
        if (!Directory.Exists(path))
        {
            throw new DirectoryNotFoundException($"The Observatory's data folder '{path}' does not exist.");
        }
        Path = System.IO.Path.GetFullPath(path);
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>A path relative to the data folder, with forward slashes, for messages.</summary>
    public string Relative(string fullPath) => "data/" + System.IO.Path.GetRelativePath(Path, fullPath).Replace('\\', '/');

    public static DataFolder Locate()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return new DataFolder(configured);
        }
        var beside = System.IO.Path.Combine(AppContext.BaseDirectory, "data");
        if (Directory.Exists(System.IO.Path.Combine(beside, "frameworks")))
        {
            return new DataFolder(beside);
        }
        throw new DirectoryNotFoundException(
            $"The Observatory's data folder was not found at '{beside}'. Build the Observatory with 'dotnet build' (it copies data/), or set {EnvironmentVariable}.");
    }
}
