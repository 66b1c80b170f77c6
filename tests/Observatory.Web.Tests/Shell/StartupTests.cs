using Observatory.Content;
using Observatory.Testing;
using Observatory.Web.Setup;

namespace Observatory.Web.Tests.Shell;

public sealed class StartupTests
{
    [Fact]
    public async Task A_malformed_framework_file_stops_start_up_naming_its_file_and_line()
    {
        var data = Path.Combine(Path.GetTempPath(), "observatory-tests", Guid.NewGuid().ToString("N"));
        CopyDirectory(DataFolder.Locate().Path, data);
        var file = Path.Combine(data, "frameworks", "four-rs.yaml");
        var lines = File.ReadAllLines(file).ToList();
        var kindLine = lines.FindIndex(l => l.TrimStart().StartsWith("kind:", StringComparison.Ordinal));
        lines[kindLine] = lines[kindLine].Replace("kind:", "knd:", StringComparison.Ordinal);
        File.WriteAllLines(file, lines);
        await using var database = TestDatabase.CreateSqlite();

        var error = Should.Throw<ContentValidationException>(() => ObservatoryWebApp.Build([], builder =>
        {
            builder.Configuration[DataFolder.EnvironmentVariable] = data;
            builder.Configuration["OBSERVATORY_DB"] = database.Setting;
        }));

        error.Problems.ShouldContain(p => p.File == "data/frameworks/four-rs.yaml" && p.Line == kindLine + 1 && p.Message.Contains("unknown key 'knd'"));
        Directory.Delete(data, recursive: true);
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var dir in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(dir.Replace(from, to, StringComparison.Ordinal));
        }
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, file.Replace(from, to, StringComparison.Ordinal), overwrite: true);
        }
    }
}
