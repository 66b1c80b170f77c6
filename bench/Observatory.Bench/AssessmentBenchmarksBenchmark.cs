using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Observatory.Accounts;
using Observatory.Assessments;
using Observatory.Assessments.Benchmarking;
using Observatory.Content;
using Observatory.Frameworks;
using Observatory.Places;
using Observatory.Similarity;
using Observatory.Storage;

namespace Observatory.Bench;

/// <summary>
/// Anonymised benchmarking at the size the issue sets: 400 organisations × the 97-question data maturity assessment
/// (dmag-2023) × 5 periods of generated answers. Times <see cref="BenchmarkEngine.Compute(AssessmentTemplate, string, IReadOnlyList{BenchmarkContribution}, PeerGroupDirectory)"/>
/// for every period — every question, theme, topic and the whole, in every fixed peer group, with primary and
/// secondary suppression — against a plain pandas group-by (median and quartiles per question per group per period)
/// of the same answers written to CSV, each after loading, and checks that every figure the engine publishes for a
/// question is pandas's. Then publishes the five releases into a fresh SQLite database through
/// <see cref="BenchmarkReleases"/> and reads the latest back, as the API and page do. Last, the results page's server
/// time at that size: the same answers stored as the organisations' own submitted assessments (400 × 5 periods),
/// the latest period published from them, and one organisation's results read through the services its page calls.
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

        await ResultsPageAsync(options, output, template, places, byPeriod, directory);
    }

    /// <summary>
    /// The results page at benchmark size. The generated answers are stored as what they stand for — 2,000 submitted
    /// assessments (400 organisations × 5 periods) opted into benchmarking, 193,053 answers — the latest period is
    /// published from them through the Observatory's own source (<see cref="OptedInContributions"/>), and then, as a
    /// member of one metropolitan district, the page's two calls are timed: <see cref="OrganisationAssessments.ResultsAsync"/>
    /// (the assessment, its answers, its scores and the previous round's for the change) and
    /// <see cref="BenchmarkStandings.OfAssessmentAsync"/> (where it stands in each published group). Razor's rendering
    /// of the page is not included.
    /// </summary>
    private static async Task ResultsPageAsync(BenchmarkOptions options, TextWriter output, AssessmentTemplate template, PlaceRegistry places,
        Dictionary<string, List<BenchmarkContribution>> byPeriod, PeerGroupDirectory directory)
    {
        await using var database = await BenchDatabase.SqliteAsync(options.WorkFolder, "assessment-results", places);
        await database.PrepareAsync();
        var loadClock = Stopwatch.StartNew();
        var ids = await StoreAsync(database, template, byPeriod);
        var loading = loadClock.Elapsed.TotalSeconds;

        var publishClock = Stopwatch.StartNew();
        await using (var scope = database.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentActor>().Actor = Actor.System("bench");
            _ = (await scope.ServiceProvider.GetRequiredService<BenchmarkReleases>().PublishAsync(template.Id, Periods[^1])).Value;
        }
        var publishing = publishClock.Elapsed.TotalSeconds;

        // One metropolitan district among the 400, read by a member of it (a viewer: the page's reader).
        var organisation = byPeriod[Periods[^1]].First(c => c.PlaceCodes.Count > 0 && places.Find(c.PlaceCodes[0])?.Type == PlaceType.MetropolitanDistrict);
        var id = ids[(organisation.OrganisationId, Periods[^1])];
        var member = new Actor(1, "bench member", false, new Dictionary<long, Role> { [organisation.OrganisationId] = Role.Viewer }, TokenScopes.Read);
        var times = new List<(double Seconds, double Cpu, double Results)>();
        var groups = 0;
        var changed = 0;
        for (var i = 0; i < 21; i++)
        {
            await using var scope = database.Services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<CurrentActor>().Actor = member;
            var cpu = CpuTime.Self();
            var clock = Stopwatch.StartNew();
            var results = (await scope.ServiceProvider.GetRequiredService<OrganisationAssessments>().ResultsAsync(id)).Value;
            var resultsOnly = clock.Elapsed.TotalSeconds;
            var standing = await scope.ServiceProvider.GetRequiredService<BenchmarkStandings>().OfAssessmentAsync(id);
            times.Add((clock.Elapsed.TotalSeconds, CpuTime.Self() - cpu, resultsOnly));
            groups = standing?.Groups.Count ?? throw new InvalidOperationException("The organisation has no standing: nothing was measured.");
            changed = results.PreviousAnswers.Count(a => results.Record.AnswerSet.For(a.Key) != a.Value);
        }
        var first = times[0].Seconds;
        var sorted = times.OrderBy(t => t.Seconds).ToList();
        var median = sorted[10];
        output.WriteLine($"results page at that size: {byPeriod.Values.Sum(l => l.Count):N0} stored assessments loaded in {loading * 1000:0} ms; the latest period published from them in {publishing * 1000:0} ms; "
            + $"one metropolitan district's results with its position in {groups} of {directory.GroupsOf(organisation.PlaceCodes).Count} groups and {changed} answers changed since the previous round: "
            + $"median {median.Seconds * 1000:0.0} ms ({median.Cpu * 1000:0.0} CPU ms; the scores and change alone {times.Select(t => t.Results).Order().ElementAt(10) * 1000:0.0} ms) of 21 "
            + $"(95th percentile {sorted[19].Seconds * 1000:0.0} ms; first, cold, {first * 1000:0.0} ms)");
    }

    /// <summary>The contributions as organisations and their submitted, opted-in assessments and answers, inserted in one transaction; returns each assessment's id.</summary>
    private static async Task<Dictionary<(long, string), long>> StoreAsync(BenchDatabase database, AssessmentTemplate template, Dictionary<string, List<BenchmarkContribution>> byPeriod)
    {
        await using var scope = database.Services.CreateAsyncScope();
        var connection = (SqliteConnection)scope.ServiceProvider.GetRequiredService<ObservatoryDbContext>().Database.GetDbConnection();
        await connection.OpenAsync();
        await using var transaction = connection.BeginTransaction();
        var now = new DateTime(2027, 4, 1, 9, 0, 0, DateTimeKind.Utc);
        SqliteCommand Command(string sql, params string[] names)
        {
            var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            foreach (var name in names)
            {
                command.Parameters.Add(new SqliteParameter(name, null));
            }
            return command;
        }
        using var organisations = Command("INSERT INTO organisations (id, slug, name, kind, place_codes, created_at) VALUES ($id, $slug, $name, 'Council', $places, $now)", "$id", "$slug", "$name", "$places", "$now");
        foreach (var c in byPeriod.Values.First())
        {
            organisations.Parameters["$id"].Value = c.OrganisationId;
            organisations.Parameters["$slug"].Value = string.Create(CultureInfo.InvariantCulture, $"bench-organisation-{c.OrganisationId}");
            organisations.Parameters["$name"].Value = string.Create(CultureInfo.InvariantCulture, $"Bench organisation {c.OrganisationId}");
            organisations.Parameters["$places"].Value = string.Join(',', c.PlaceCodes);
            organisations.Parameters["$now"].Value = now;
            await organisations.ExecuteNonQueryAsync();
        }
        using var assessments = Command(
            "INSERT INTO assessments (id, organisation_id, template_id, template_version, period, state, visibility, shared_with, benchmarking, created_at, created_by, updated_at, updated_by, submitted_at, submitted_by) "
            + "VALUES ($id, $org, $template, $version, $period, 'Submitted', 'Private', '', 1, $now, 'bench', $now, 'bench', $now, 'bench')",
            "$id", "$org", "$template", "$version", "$period", "$now");
        using var answers = Command(
            "INSERT INTO assessment_answers (assessment_id, organisation_id, question_id, level, evidence_links, updated_at, updated_by) VALUES ($assessment, $org, $question, $level, '', $now, 'bench')",
            "$assessment", "$org", "$question", "$level", "$now");
        var ids = new Dictionary<(long, string), long>();
        long next = 1;
        foreach (var (period, list) in byPeriod)
        {
            foreach (var c in list)
            {
                var id = next++;
                ids[(c.OrganisationId, period)] = id;
                assessments.Parameters["$id"].Value = id;
                assessments.Parameters["$org"].Value = c.OrganisationId;
                assessments.Parameters["$template"].Value = template.Id;
                assessments.Parameters["$version"].Value = template.Version;
                assessments.Parameters["$period"].Value = period;
                assessments.Parameters["$now"].Value = now;
                await assessments.ExecuteNonQueryAsync();
                foreach (var (question, level) in c.Levels)
                {
                    answers.Parameters["$assessment"].Value = id;
                    answers.Parameters["$org"].Value = c.OrganisationId;
                    answers.Parameters["$question"].Value = question;
                    answers.Parameters["$level"].Value = level;
                    answers.Parameters["$now"].Value = now;
                    await answers.ExecuteNonQueryAsync();
                }
            }
        }
        await transaction.CommitAsync();
        return ids;
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
