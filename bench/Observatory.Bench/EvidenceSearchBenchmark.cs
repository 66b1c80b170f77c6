using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Observatory.Accounts;
using Observatory.Content;
using Observatory.Evidence;
using Observatory.Evidence.Search;
using Observatory.Frameworks;
using Observatory.Places;
using Observatory.Storage;

namespace Observatory.Bench;

/// <summary>
/// Evidence search latency over a generated library of 100,000 items (<c>--items N</c>), on SQLite and, when
/// <c>OBSERVATORY_BENCH_POSTGRES</c> is set, PostgreSQL. The corpus reuses the shipped items' words, random current
/// councils and random catalogue elements, from a fixed seed, and is loaded with the product's change-log triggers
/// running. A fixed mix of queries goes through <see cref="IEvidenceSearch"/> as the page and API call it, with and
/// without facets, after a warm-up; the index's build time and managed memory are reported too. The baseline is the
/// database's bare top-20 full-text query for the same words (FTS5 <c>MATCH</c>, PostgreSQL <c>@@</c>) over a
/// full-text table the benchmark builds for the run from the view the index reads: the product has none since the
/// database's own search was removed.
/// </summary>
public sealed partial class EvidenceSearchBenchmark : IBenchmark
{
    private const int Seed = 20_261_202;
    private const double TargetP99Ms = 20;

    public string Name => "evidence-search";

    public string Description => "Evidence search p50/p95/p99 per query type over 100,000 generated items (--items N), SQLite and PostgreSQL, with the index's build time and memory; baseline: a bare top-20 FTS5 MATCH or @@ query over a table built for the run.";

    private sealed record BenchQuery(string Type, EvidenceQuery Query, bool Raw);

    private sealed record Row(string Provider, string Type, string Facets, Stats Product, Stats? Raw);

    private sealed record Stats(double P50, double P95, double P99, double Mean, int Runs, double MeanTotal, double CpuMs = 0, double AllocatedKb = 0);

    public async Task RunAsync(BenchmarkOptions options, TextWriter output)
    {
        var count = int.Parse(options.Get("items") ?? "100000", CultureInfo.InvariantCulture);
        var runs = int.Parse(options.Get("runs") ?? "60", CultureInfo.InvariantCulture);
        var postgres = options.Get("postgres") ?? Environment.GetEnvironmentVariable(ImportBenchmark.PostgresVariable);
        void Log(string message)
        {
            output.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");
            output.Flush();
        }
        var data = DataFolder.Locate();
        var frameworks = FrameworkCatalogue.LoadShipped(data);
        var places = PlaceRegistry.LoadShipped(data);
        var shipped = ShippedEvidence.LoadShipped(data, frameworks, places);
        var corpus = new Corpus(shipped, frameworks, places);
        var queries = corpus.Queries(runs);
        output.WriteLine($"load average at start: {LoadAverage()}");
        output.WriteLine($"{count:N0} items; {runs} queries of each type, each run with and without facets after {Warmup} untimed; seed {Seed}; PostgreSQL: {(postgres is null ? "not set, skipped" : "yes")}");

        var rows = new List<Row>();
        var builds = new List<string>();
        foreach (var kind in postgres is null ? ["sqlite"] : new[] { "sqlite", "postgres" })
        {
            await using var database = kind == "sqlite"
                ? await BenchDatabase.SqliteAsync(options.WorkFolder, "evidence-search")
                : await BenchDatabase.PostgresAsync(postgres!, "evidence_search");
            Log($"{database.Kind}: migrating, seeding places and element names");
            await database.PrepareAsync();
            await using (var scope = database.Services.CreateAsyncScope())
            {
                await new EvidenceSearchSeeder().SeedAsync(scope.ServiceProvider, CancellationToken.None);
            }
            Log($"{database.Kind}: loading {count:N0} items (the change-log triggers run on every row)");
            var load = Stopwatch.StartNew();
            await LoadAsync(database, corpus, count);
            Log($"{database.Kind}: loaded in {load.Elapsed.TotalSeconds:0.0} s ({count / load.Elapsed.TotalSeconds:N0} items/s)");
            Log($"{database.Kind}: building the baseline's full-text table (not timed)");
            await using (var scope = database.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<ObservatoryDbContext>().Database;
                db.SetCommandTimeout(TimeSpan.FromHours(1));
                await db.ExecuteSqlRawAsync(kind == "postgres" ? PostgreSqlBaselineTable : SqliteBaselineTable);
                await db.ExecuteSqlRawAsync(kind == "postgres" ? "VACUUM ANALYZE;" : "ANALYZE;");
            }
            builds.Add(await BuildIndexAsync(database, count, Log));
            foreach (var group in queries.GroupBy(q => q.Type))
            {
                var list = group.ToList();
                var raw = list[0].Raw ? await RawAsync(database, list) : null;
                foreach (var facets in new[] { false, true })
                {
                    var product = await ProductAsync(database.Services, list, facets);
                    rows.Add(new Row(database.Kind, group.Key, facets ? "yes" : "no", product, raw));
                    Log($"{database.Kind}: {group.Key}, facets {(facets ? "yes" : "no")}: p50 {product.P50:0.0} ms, p99 {product.P99:0.0} ms, mean matches {product.MeanTotal:N0}");
                }
            }
        }

        output.WriteLine($"load average at end: {LoadAverage()}");
        output.WriteLine();
        foreach (var build in builds)
        {
            output.WriteLine(build);
        }
        output.WriteLine();
        output.WriteLine("| Database | Query | Facets | Mean matches | p50 ms | p95 ms | p99 ms | Mean CPU ms (bench process) | Mean KB allocated | Raw p50 ms | Search ÷ raw (p50) | p99 ≤ 20 ms |");
        output.WriteLine("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var row in rows)
        {
            var ratio = row.Raw is { } r && r.P50 > 0 ? $"{row.Product.P50 / r.P50:0.00}×" : "–";
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {row.Provider} | {row.Type} | {row.Facets} | {row.Product.MeanTotal:N0} | {row.Product.P50:0.0} | {row.Product.P95:0.0} | {row.Product.P99:0.0} | {row.Product.CpuMs:0.0} | {row.Product.AllocatedKb:N0} | {(row.Raw is { } raw ? raw.P50.ToString("0.0", CultureInfo.InvariantCulture) : "–")} | {ratio} | {(row.Product.P99 <= TargetP99Ms ? "met" : "missed")} |"));
        }
    }

    private const int Warmup = 10;

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    /// <summary>
    /// Builds the in-memory index as the first search after start-up does, timing it, and measures the managed
    /// memory it holds: the heap after a full collection with a second, stand-alone index built, less the heap just
    /// before (so what the load and the first build left behind is not counted).
    /// </summary>
    private static async Task<string> BuildIndexAsync(BenchDatabase database, int count, Action<string> log)
    {
        var clock = Stopwatch.StartNew();
        Evidence.Search.Index.EvidenceIndex index;
        await using (var scope = database.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ObservatoryDbContext>();
            index = scope.ServiceProvider.GetRequiredService<Evidence.Search.Index.EvidenceIndexes>().For(db);
            await index.WarmAsync(db);
        }
        var took = clock.Elapsed;
        var (held, released) = await MeasureAsync(database);
        // The stand-alone index is garbage now: collect it before timing, or its collection lands in the first queries.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var size = index.Size;
        var memory = held - released;
        var line = string.Create(CultureInfo.InvariantCulture,
            $"{database.Kind}: index of {size.Items:N0} items built in {took.TotalSeconds:0.0} s (reading the rows and pruning the change log included); managed memory {memory / 1024.0 / 1024.0:0} MiB ({memory / (double)count:0} bytes an item): {size.Terms:N0} terms, {size.Postings:N0} postings, {size.PositionBytes / 1024.0 / 1024.0:0} MiB of positions");
        log(line);
        return line;
    }

    private static async Task<(long Held, long Before)> MeasureAsync(BenchDatabase database)
    {
        await using var scope = database.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ObservatoryDbContext>();
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        var standalone = new Evidence.Search.Index.EvidenceIndex(scope.ServiceProvider.GetRequiredService<PlaceRegistry>());
        await standalone.WarmAsync(db);
        var held = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(standalone);
        return (held, baseline);
    }

    // The baseline's full-text tables, as the product's database search had them (the columns weighted for bm25 in
    // RawAsync; PostgreSQL's title A, summary and the names B, body C), filled from the view the index reads.
    private const string SqliteBaselineTable =
        "CREATE VIRTUAL TABLE baseline_search USING fts5(title, summary, body, organisations, places, elements, tokenize = 'porter unicode61 remove_diacritics 2');"
        + "INSERT INTO baseline_search (rowid, title, summary, body, organisations, places, elements) SELECT id, title, summary, body, organisations, places, elements FROM evidence_index_source;";

    private const string PostgreSqlBaselineTable =
        "CREATE TABLE baseline_search AS SELECT id AS item_id, setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', summary), 'B') "
        + "|| setweight(to_tsvector('english', organisations), 'B') || setweight(to_tsvector('english', places), 'B') || setweight(to_tsvector('english', elements), 'B') "
        + "|| setweight(to_tsvector('english', body), 'C') AS document FROM evidence_index_source;"
        + "CREATE INDEX ix_baseline_search_document ON baseline_search USING gin (document);";

    private static async Task<Stats> ProductAsync(ServiceProvider services, List<BenchQuery> queries, bool facets)
    {
        var times = new List<double>();
        var totals = 0L;
        var process = Process.GetCurrentProcess();
        var cpu = TimeSpan.Zero;
        var allocated = 0L;
        for (var i = -Warmup; i < queries.Count; i++)
        {
            var query = queries[((i % queries.Count) + queries.Count) % queries.Count].Query with { WithFacets = facets };
            // A scope a query, as a web request has: a fresh context, the pooled connection reused.
            await using var scope = services.CreateAsyncScope();
            var search = scope.ServiceProvider.GetRequiredService<IEvidenceSearch>();
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var bytesBefore = GC.GetTotalAllocatedBytes(precise: true);
            var clock = Stopwatch.StartNew();
            var result = await search.SearchAsync(Actor.Anonymous, query);
            var ms = clock.Elapsed.TotalMilliseconds;
            var bytes = GC.GetTotalAllocatedBytes(precise: true) - bytesBefore;
            process.Refresh();
            if (i >= 0)
            {
                times.Add(ms);
                totals += result.Total;
                cpu += process.TotalProcessorTime - cpuBefore;
                allocated += bytes;
            }
        }
        return Summarise(times, totals / (double)queries.Count) with
        {
            CpuMs = cpu.TotalMilliseconds / queries.Count,
            AllocatedKb = allocated / 1024.0 / queries.Count,
        };
    }

    /// <summary>The database's own full-text query for the same words: the 20 best by rank, nothing else.</summary>
    private static async Task<Stats> RawAsync(BenchDatabase database, List<BenchQuery> queries)
    {
        var times = new List<double>();
        if (database.Settings.SqlitePath is not null)
        {
            await using var connection = new SqliteConnection(database.Settings.ConnectionString);
            await connection.OpenAsync();
            for (var i = -Warmup; i < queries.Count; i++)
            {
                // Every group a quoted string, so FTS5 reads none of it as syntax.
                var text = string.Join(' ', SearchText.Parse(queries[((i % queries.Count) + queries.Count) % queries.Count].Query.Text).Groups
                    .Select(g => "\"" + string.Join(' ', g) + "\""));
                await using var command = connection.CreateCommand();
                command.CommandText = "SELECT rowid FROM baseline_search WHERE baseline_search MATCH $q ORDER BY bm25(baseline_search, 10.0, 4.0, 1.0, 3.0, 3.0, 2.0) LIMIT 20";
                command.Parameters.AddWithValue("$q", text);
                var clock = Stopwatch.StartNew();
                await using (var reader = await command.ExecuteReaderAsync())
                {
                    while (await reader.ReadAsync())
                    {
                    }
                }
                if (i >= 0)
                {
                    times.Add(clock.Elapsed.TotalMilliseconds);
                }
            }
        }
        else
        {
            await using var connection = new NpgsqlConnection(database.Settings.ConnectionString);
            await connection.OpenAsync();
            for (var i = -Warmup; i < queries.Count; i++)
            {
                // Bare words and quoted phrases: nothing else survives websearch_to_tsquery's parsing.
                var text = string.Join(' ', SearchText.Parse(queries[((i % queries.Count) + queries.Count) % queries.Count].Query.Text).Groups
                    .Select(g => g.Count == 1 ? g[0] : "\"" + string.Join(' ', g) + "\""));
                await using var command = new NpgsqlCommand(
                    "SELECT item_id FROM baseline_search, websearch_to_tsquery('english', $1) q WHERE document @@ q ORDER BY ts_rank_cd(document, q) DESC LIMIT 20", connection);
                command.Parameters.AddWithValue(text);
                var clock = Stopwatch.StartNew();
                await using (var reader = await command.ExecuteReaderAsync())
                {
                    while (await reader.ReadAsync())
                    {
                    }
                }
                if (i >= 0)
                {
                    times.Add(clock.Elapsed.TotalMilliseconds);
                }
            }
        }
        return Summarise(times, 0);
    }

    private static Stats Summarise(List<double> times, double meanTotal)
    {
        times.Sort();
        double At(double p) => times[Math.Min(times.Count - 1, (int)Math.Ceiling(p * times.Count) - 1)];
        return new Stats(At(0.50), At(0.95), At(0.99), times.Average(), times.Count, meanTotal);
    }

    /// <summary>
    /// Plain parameterised INSERTs in transactions of 5,000 items, the columns set by <see cref="EvidenceRecord.From"/>,
    /// without EF's change tracking and the audit log in the way (those are the curation path's costs, not search's).
    /// The change-log triggers run on every row exactly as for any other write.
    /// </summary>
    private static async Task LoadAsync(BenchDatabase database, Corpus corpus, int count)
    {
        const int Batch = 5_000;
        var now = DateTime.UtcNow;
        await using DbConnection connection = database.Settings.SqlitePath is not null
            ? new SqliteConnection(database.Settings.ConnectionString)
            : new NpgsqlConnection(database.Settings.ConnectionString);
        await connection.OpenAsync();
        for (var start = 0; start < count; start += Batch)
        {
            await using var transaction = await connection.BeginTransactionAsync();
            var item = Command(connection, transaction,
                "INSERT INTO evidence_items (id, slug, title, kind, summary, body, year, strength, status, anonymous, organisations, document, visibility, shared_with, state, version, created_at, updated_at, published_at) "
                + "VALUES (@id, @slug, @title, @kind, @summary, @body, @year, @strength, @status, @anonymous, @organisations, @document, 'Public', '', @state, 1, @now, @now, @published)",
                "id", "slug", "title", "kind", "summary", "body", "year", "strength", "status", "anonymous", "organisations", "document", "state", "now", "published");
            var place = Command(connection, transaction, "INSERT INTO evidence_places (item_id, place_code) VALUES (@item, @code)", "item", "code");
            var element = Command(connection, transaction, "INSERT INTO evidence_elements (item_id, element, framework_id) VALUES (@item, @element, @framework)", "item", "element", "framework");
            for (var i = start; i < Math.Min(count, start + Batch); i++)
            {
                var (generated, published) = corpus.Item(i);
                var record = EvidenceRecord.From(generated, now);
                long id = i + 1;
                Set(item, id, record.Slug, record.Title, record.Kind.ToString(), record.Summary, record.Body, record.Year, record.Strength, record.Status.ToString(),
                    record.Anonymous, record.Organisations, record.Document, published ? "Published" : "Submitted", now, published ? now : null);
                await item.ExecuteNonQueryAsync();
                foreach (var code in generated.Places)
                {
                    Set(place, id, code);
                    await place.ExecuteNonQueryAsync();
                }
                foreach (var reference in generated.Elements)
                {
                    Set(element, id, reference.ToString(), reference.FrameworkId);
                    await element.ExecuteNonQueryAsync();
                }
            }
            await transaction.CommitAsync();
        }
    }

    private static DbCommand Command(DbConnection connection, DbTransaction transaction, string sql, params string[] names)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in names)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@" + name;
            command.Parameters.Add(parameter);
        }
        return command;
    }

    private static void Set(DbCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }
    }

    /// <summary>The generated library: deterministic from <see cref="Seed"/> and the item's number.</summary>
    private sealed partial class Corpus
    {
        private readonly string[] _words;
        private readonly string[] _common;
        private readonly string[] _rare;
        private readonly string[] _phrases;
        private readonly Place[] _councils;
        private readonly ElementRef[] _elements;
        private readonly EvidenceKind[] _kinds = Enum.GetValues<EvidenceKind>();

        public Corpus(ShippedEvidence shipped, FrameworkCatalogue frameworks, PlaceRegistry places)
        {
            var texts = shipped.Items.Select(i => $"{i.Title} {i.Summary} {i.Body}").ToList();
            var all = texts.SelectMany(t => Word().Matches(t).Select(m => m.Value.ToLowerInvariant())).ToList();
            _words = [.. all];
            var frequency = all.GroupBy(w => w).Select(g => (Word: g.Key, Count: g.Count())).OrderByDescending(g => g.Count).ThenBy(g => g.Word, StringComparer.Ordinal).ToList();
            // Common: frequent content words (5+ letters, so not "the" or "and"); rare: words seen once in the shipped set.
            _common = [.. frequency.Where(f => f.Word.Length >= 5).Take(30).Select(f => f.Word)];
            _rare = [.. frequency.Where(f => f.Count == 1 && f.Word.Length >= 6).Select(f => f.Word).Take(200)];
            _phrases = [.. shipped.Items.Select(i => Word().Matches(i.Summary).Select(m => m.Value).ToList()).Where(w => w.Count > 6)
                .Select((w, n) => $"\"{w[2 + n % 4]} {w[3 + n % 4]}\"")];
            _councils = [.. places.Councils];
            _elements = [.. frameworks.Frameworks.SelectMany(f => f.AllElements()).Select(e => e.Ref)];
        }

        public (EvidenceItem Item, bool Published) Item(int n)
        {
            var random = new Random(Seed + n);
            string Words(int min, int max) => string.Join(' ', Enumerable.Range(0, random.Next(min, max + 1)).Select(_ => _words[random.Next(_words.Length)]));
            var placeCount = random.Next(10) < 8 ? 1 : 2;
            var itemPlaces = Enumerable.Range(0, placeCount).Select(_ => _councils[random.Next(_councils.Length)]).DistinctBy(p => p.Code).ToList();
            var itemElements = Enumerable.Range(0, random.Next(1, 5)).Select(_ => _elements[random.Next(_elements.Length)]).Distinct().ToList();
            var anonymous = random.Next(10) == 0;
            var item = new EvidenceItem
            {
                Id = $"generated-{n}",
                Title = $"{itemPlaces[0].Name} – {Words(3, 7)}",
                Kind = _kinds[random.Next(_kinds.Length)],
                Summary = Words(30, 70),
                Body = random.Next(2) == 0 ? Words(50, 300) : null,
                Places = [.. itemPlaces.Select(p => p.Code)],
                Organisations = [$"{itemPlaces[0].Name} Council"],
                Year = 2015 + random.Next(11),
                Elements = itemElements,
                Strength = random.Next(10) switch { < 5 => 1, < 8 => 2, 8 => 3, _ => 4 + random.Next(2) },
                Status = WhatWorksStatus.Promising,
                Anonymous = anonymous,
            };
            return (item, random.Next(20) != 0);
        }

        public List<BenchQuery> Queries(int perType)
        {
            var random = new Random(Seed);
            var list = new List<BenchQuery>();
            for (var i = 0; i < perType; i++)
            {
                var common = _common[random.Next(_common.Length)];
                list.Add(new("single common word", new EvidenceQuery { Text = common }, true));
                list.Add(new("rare word", new EvidenceQuery { Text = _rare[random.Next(_rare.Length)] }, true));
                list.Add(new("two words", new EvidenceQuery { Text = $"{common} {_common[random.Next(_common.Length)]}" }, true));
                list.Add(new("phrase", new EvidenceQuery { Text = _phrases[random.Next(_phrases.Length)] }, true));
                list.Add(new("place name", new EvidenceQuery { Text = _councils[random.Next(_councils.Length)].Name }, true));
                list.Add(new("text + element", new EvidenceQuery { Text = common, Elements = [_elements[random.Next(_elements.Length)]] }, true));
                list.Add(new("filter only", new EvidenceQuery
                {
                    Kinds = [_kinds[random.Next(_kinds.Length)]],
                    MinimumStrength = 1 + random.Next(3),
                    Nation = AreaSearch.Nations[random.Next(AreaSearch.Nations.Count)],
                }, false));
            }
            return list;
        }

        [GeneratedRegex(@"\p{L}{3,}")]
        private static partial Regex Word();
    }
}
