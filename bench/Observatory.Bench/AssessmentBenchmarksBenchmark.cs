using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Observatory.Assessments;
using Observatory.Assessments.Benchmarking;
using Observatory.Content;
using Observatory.Frameworks;
using Observatory.Places;
using Observatory.Similarity;

namespace Observatory.Bench;

/// <summary>
/// Anonymised benchmarking at the size the issue sets: 400 organisations × the 97-question data maturity assessment
/// (dmag-2023) × 5 periods of generated answers. Times <see cref="BenchmarkEngine.Compute(AssessmentTemplate, string, IReadOnlyList{BenchmarkContribution}, PeerGroupDirectory)"/>
/// for every period — every question, theme, topic and the whole, in every fixed peer group, with primary and
/// secondary suppression — against a plain pandas group-by (median and quartiles per question per group per period)
/// of the same answers written to CSV, each after loading, and checks that every figure the engine publishes for a
/// question is pandas's. Then publishes the five releases into a fresh SQLite database through
/// <see cref="BenchmarkReleases"/> and reads the latest back, as the API and page do.
/// </summary>
public sealed class AssessmentBenchmarksBenchmark : IBenchmark
{
    private const int Organisations = 400;
    private static readonly string[] Periods = ["2022/23", "2023/24", "2024/25", "2025/26", "2026/27"];

    public string Name => "assessment-benchmarks";

    public string Description => "Benchmark statistics with suppression for 400 organisations × dmag-2023 (97 questions) × 5 periods, against a pandas group-by; then publishing and reading releases.";

    private sealed class Generated(IReadOnlyDictionary<string, List<BenchmarkContribution>> byPeriod) : IBenchmarkContributions
    {
        public Task<IReadOnlyList<BenchmarkContribution>> ForAsync(string templateId, string period, CancellationToken ct) =>
            Task.FromResult<IReadOnlyList<BenchmarkContribution>>(byPeriod[period]);
    }

    public async Task RunAsync(BenchmarkOptions options, TextWriter output)
    {
        var python = options.Get("python") ?? "/usr/bin/python3";
        var peers = options.Get("peers") ?? Peers.Folder();
        var data = DataFolder.Locate();
        var places = PlaceRegistry.LoadShipped(data);
        var directory = new PeerGroupDirectory(places, OnsClusters.LoadShipped(data, places));
        var template = AssessmentCatalogue.LoadShipped(data, FrameworkCatalogue.LoadShipped(data)).Find("dmag-2023")!;
        var byPeriod = Generate(template, places);
        var answers = byPeriod.Values.Sum(l => l.Sum(c => c.Levels.Count));
        var withCouncil = byPeriod[Periods[0]].Count(c => c.PlaceCodes.Count > 0);
        output.WriteLine($"{Organisations} organisations ({withCouncil} councils, {Organisations - withCouncil} with no council place) × {template.QuestionCount} questions × {Periods.Length} periods: {answers:N0} answers; {directory.Groups.Count} peer groups; {BenchmarkEngine.Items(template).Count} items per group");

        // The peers' files: answers in long form and each organisation's groups.
        var stem = Path.Combine(options.WorkFolder, "assessment-benchmarks");
        var answersCsv = stem + ".answers.csv";
        var membershipCsv = stem + ".membership.csv";
        WriteCsv(answersCsv, membershipCsv, byPeriod, directory);

        // The engine: every period, warmed up once, then the median of five runs.
        BenchmarkStatistics[] Run() => [.. Periods.Select(p => BenchmarkEngine.Compute(template, p, byPeriod[p], directory))];
        var results = Run();
        var times = new List<(double Seconds, double Cpu)>();
        for (var i = 0; i < 5; i++)
        {
            GC.Collect();
            var cpu = CpuTime.Self();
            var clock = Stopwatch.StartNew();
            results = Run();
            times.Add((clock.Elapsed.TotalSeconds, CpuTime.Self() - cpu));
        }
        var engine = times.OrderBy(t => t.Seconds).ElementAt(2);
        var published = results.Sum(r => r.Groups.Count(g => g.Suppressed is null));
        var suppressedFigures = results.Sum(r => r.Groups.Sum(g => g.Figures.Count(f => f.Suppressed is not null)));
        var allFigures = results.Sum(r => r.Groups.Sum(g => g.Figures.Count));
        output.WriteLine($"engine: {engine.Seconds * 1000:0.0} ms, {engine.Cpu * 1000:0.0} CPU ms (median of 5); groups published {published} of {results.Sum(r => r.Groups.Count)}; figures suppressed {suppressedFigures:N0} of {allFigures:N0}");

        var pandasOut = stem + ".pandas.csv";
        var pandas = await Peers.RunAsync(python, [Path.Combine(peers, "assessment_benchmarks_pandas.py"), answersCsv, membershipCsv, pandasOut, "5"], output);
        var compared = Compare(results, pandasOut);
        output.WriteLine($"pandas: {pandas.Seconds * 1000:0.0} ms, {pandas.Cpu * 1000:0.0} CPU ms (median of 5); the engine's {compared:N0} published question figures equal pandas's");
        var met = pandas.Seconds >= engine.Seconds ? "met" : "missed";
        output.WriteLine($"pandas ÷ engine: {pandas.Seconds / engine.Seconds:0.0}× elapsed, {pandas.Cpu / Math.Max(engine.Cpu, 1e-9):0.0}× CPU; target no slower than pandas: {met}");

        // Publishing and reading, as `benchmarks publish` and the API do.
        await using var database = await BenchDatabase.SqliteAsync(options.WorkFolder, "assessment-benchmarks", places);
        await database.PrepareAsync();
        var source = new Generated(byPeriod);
        var publishClock = Stopwatch.StartNew();
        var sizes = new List<int>();
        foreach (var period in Periods)
        {
            await using var scope = database.Services.CreateAsyncScope();
            var report = (await scope.ServiceProvider.GetRequiredService<BenchmarkReleases>().PublishAsync(template.Id, period, source)).Value;
            sizes.Add(JsonSerializer.Serialize(report.Statistics).Length);
        }
        var publishing = publishClock.Elapsed.TotalSeconds;
        var reads = new List<double>();
        for (var i = 0; i < 21; i++)
        {
            await using var scope = database.Services.CreateAsyncScope();
            var clock = Stopwatch.StartNew();
            var latest = (await scope.ServiceProvider.GetRequiredService<BenchmarkReleases>().LatestAsync(template.Id, Periods[^1])).Value;
            _ = latest.Statistics.Group("all");
            reads.Add(clock.Elapsed.TotalSeconds);
        }
        reads.Sort();
        output.WriteLine($"publishing 5 releases into SQLite (compute, serialise, insert): {publishing * 1000:0} ms; release size {sizes.Average() / 1024:0} KiB of JSON each; reading the latest release back (the page's and API's query and parse): median {reads[10] * 1000:0.0} ms of 21 (first {reads[^1] * 1000:0.0} ms at most)");
    }

    /// <summary>
    /// Deterministic answers (SplitMix-style seeded Random): each organisation has a level it tends to, and answers each
    /// question within one level of it; 1 answer in 200 is left out, so questions have contributor sets of their own.
    /// The first 382 organisations are the current councils and county councils (each once); the other 18 have no
    /// council place (sector bodies), so they are in "all" only.
    /// </summary>
    private static Dictionary<string, List<BenchmarkContribution>> Generate(AssessmentTemplate template, PlaceRegistry places)
    {
        var councils = places.Places.Where(p => p.IsCouncil || (p.IsCurrent && p.Type == PlaceType.County)).OrderBy(p => p.Code, StringComparer.Ordinal).ToList();
        var random = new Random(2026);
        var questions = template.Questions.Select(q => q.Id).ToArray();
        var result = new Dictionary<string, List<BenchmarkContribution>>();
        var tendency = Enumerable.Range(0, Organisations).Select(_ => random.Next(1, 6)).ToArray();
        foreach (var period in Periods)
        {
            var list = new List<BenchmarkContribution>(Organisations);
            for (var o = 0; o < Organisations; o++)
            {
                var levels = new Dictionary<string, int>(questions.Length);
                foreach (var q in questions)
                {
                    if (random.Next(200) == 0)
                    {
                        continue;
                    }
                    levels[q] = Math.Clamp(tendency[o] + random.Next(-1, 2), 1, 5);
                }
                IReadOnlyList<string> placeCodes = o < councils.Count ? [councils[o].Code] : [];
                list.Add(new BenchmarkContribution(o + 1, placeCodes, levels));
            }
            result[period] = list;
        }
        return result;
    }

    private static void WriteCsv(string answersPath, string membershipPath, Dictionary<string, List<BenchmarkContribution>> byPeriod, PeerGroupDirectory directory)
    {
        using (var writer = new StreamWriter(answersPath, false, new UTF8Encoding(false), 1 << 20))
        {
            writer.Write("period,org,question,level\n");
            foreach (var (period, list) in byPeriod)
            {
                foreach (var c in list)
                {
                    foreach (var (question, level) in c.Levels)
                    {
                        writer.Write(string.Create(CultureInfo.InvariantCulture, $"{period},{c.OrganisationId},{question},{level}\n"));
                    }
                }
            }
        }
        using var members = new StreamWriter(membershipPath, false, new UTF8Encoding(false));
        members.Write("org,group\n");
        foreach (var c in byPeriod.Values.First())
        {
            foreach (var g in directory.GroupsOf(c.PlaceCodes))
            {
                members.Write(string.Create(CultureInfo.InvariantCulture, $"{c.OrganisationId},{g.Id}\n"));
            }
        }
    }

    /// <summary>Fails the run unless every question figure the engine publishes is pandas's (count, median, quartiles); returns how many were compared.</summary>
    private static int Compare(BenchmarkStatistics[] results, string pandasCsv)
    {
        var theirs = new Dictionary<(string, string, string), double[]>();
        foreach (var line in File.ReadLines(pandasCsv).Skip(1))
        {
            var f = line.Split(',');
            theirs[(f[0], f[1], f[2])] = [.. f.Skip(3).Select(x => double.Parse(x, CultureInfo.InvariantCulture))];
        }
        var compared = 0;
        var problems = new List<string>();
        foreach (var r in results)
        {
            var questions = r.Items.Where(i => i.Kind == BenchmarkItemKind.Question).Select(i => i.Id).ToHashSet();
            foreach (var g in r.Groups)
            {
                foreach (var figure in g.Figures.Where(f => f.Distribution is not null && questions.Contains(f.Item)))
                {
                    var d = figure.Distribution!;
                    if (!theirs.TryGetValue((r.Period, g.Group.Id, figure.Item), out var p)
                        || p[0] != d.Count || p[1] != d.Median || p[2] != d.LowerQuartile || p[3] != d.UpperQuartile)
                    {
                        if (problems.Count < 10)
                        {
                            problems.Add($"{r.Period} {g.Group.Id} {figure.Item}: engine {d}, pandas {(p is null ? "none" : string.Join(" ", p))}");
                        }
                        continue;
                    }
                    compared++;
                }
            }
        }
        if (problems.Count > 0 || compared == 0)
        {
            throw new InvalidOperationException($"pandas disagrees with the engine: {string.Join("; ", problems)}");
        }
        return compared;
    }
}
