using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Observatory.Accounts;
using Observatory.Places;
using Observatory.Storage;

namespace Observatory.Evidence.Search.Index;

/// <summary>
/// The in-memory evidence index of one database: every item's terms, facet values and visibility columns, derived
/// from the store of record and kept current from the change log M0007's triggers write. Before each search it
/// reads the log past the last change it has seen (an index range scan, empty almost always); when there are
/// changes it reloads just those items into a new snapshot under a lock, one refresh at a time, while other
/// searches go on reading the snapshot they hold. The first search builds it whole, as does a gap in the log
/// (pruned past this index, or emptied), a rebuild marker, or more changes than a rebuild costs.
/// </summary>
public sealed class EvidenceIndex(PlaceRegistry places)
{
    /// <summary>The log keeps this many of its newest rows; an index further behind than that rebuilds.</summary>
    public const int KeptChanges = 10_000;

    // More changed items than this at once (an import) load faster as a full build.
    private const int MaxIncremental = 5_000;

    // Refreshes add segments; past this many, or this many documents, the next refresh builds afresh.
    private const int MaxSegments = 16;
    private const double MaxAddedShare = 0.2;

    private readonly SemaphoreSlim _refresh = new(1, 1);
    private IndexSnapshot? _current;

    /// <summary>How many full builds this index has made: for the tests of when it rebuilds.</summary>
    public int FullBuilds { get; private set; }

    /// <summary>What the current snapshot holds: items, distinct terms, postings and bytes of positions (for the benchmark).</summary>
    public (int Items, int Terms, long Postings, long PositionBytes) Size
    {
        get
        {
            var snapshot = Volatile.Read(ref _current);
            if (snapshot is null)
            {
                return (0, 0, 0, 0);
            }
            var terms = snapshot.Segments.SelectMany(s => s.Terms.Values).ToList();
            return (snapshot.LiveCount, snapshot.Segments.Sum(s => s.Terms.Count), terms.Sum(t => (long)t.Docs.Length), terms.Sum(t => (long)t.Positions.Length));
        }
    }

    /// <summary>The snapshot that includes every change committed before this call.</summary>
    internal async Task<IndexSnapshot> CurrentAsync(ObservatoryDbContext db, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var seen = Volatile.Read(ref _current);
            if (seen is not null)
            {
                var log = await ReadLogAsync(connection, transaction, seen.Last, cancellationToken);
                if (log.UpToDate(seen.Last))
                {
                    return seen;
                }
            }
            await _refresh.WaitAsync(cancellationToken);
            try
            {
                // Another search may have refreshed while this one waited; then only what came after it is read.
                var current = Volatile.Read(ref _current);
                var next = current is null
                    ? await BuildAsync(connection, transaction, cancellationToken)
                    : await RefreshAsync(current, connection, transaction, cancellationToken);
                Volatile.Write(ref _current, next);
                return next;
            }
            finally
            {
                _refresh.Release();
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Builds the index now if it has never been built, so the first search does not wait for it.</summary>
    public async Task WarmAsync(ObservatoryDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        await CurrentAsync(db, cancellationToken);
    }

    private sealed record ChangeLog(List<(long Seq, long ItemId)> Changes, long? Oldest, long? Newest)
    {
        public bool UpToDate(long last) => Changes.Count == 0 && !Broken(last);

        /// <summary>
        /// Changes may have been missed: rows after <paramref name="last"/> were pruned (the oldest left is past the
        /// next one), or the log was emptied or restarted behind this index.
        /// </summary>
        public bool Broken(long last) => Newest is null ? last > 0 : Newest < last || Oldest > last + 1;
    }

    private static async Task<ChangeLog> ReadLogAsync(DbConnection connection, DbTransaction? transaction, long last, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        // The changes, and the log's two ends (item ids -1 and -2 mark them): all three are index look-ups.
        command.CommandText =
            "SELECT seq, item_id FROM evidence_search_changes WHERE seq > @last "
            + "UNION ALL SELECT min(seq), -1 FROM evidence_search_changes "
            + "UNION ALL SELECT max(seq), -2 FROM evidence_search_changes";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@last";
        parameter.Value = last;
        command.Parameters.Add(parameter);
        var changes = new List<(long, long)>();
        long? oldest = null, newest = null;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            long? seq = reader.IsDBNull(0) ? null : reader.GetInt64(0);
            var item = reader.GetInt64(1);
            if (item == -1)
            {
                oldest = seq;
            }
            else if (item == -2)
            {
                newest = seq;
            }
            else if (seq is { } s)
            {
                changes.Add((s, item));
            }
        }
        return new ChangeLog(changes, oldest, newest);
    }

    private async Task<IndexSnapshot> RefreshAsync(IndexSnapshot current, DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        var log = await ReadLogAsync(connection, transaction, current.Last, cancellationToken);
        if (log.UpToDate(current.Last))
        {
            return current;
        }
        var changed = log.Changes.Select(c => c.ItemId).ToHashSet();
        if (log.Broken(current.Last) || changed.Contains(0) || changed.Count > MaxIncremental
            || current.Segments.Length >= MaxSegments || current.Added + changed.Count > Math.Max(1_000, current.LiveCount * MaxAddedShare))
        {
            return await BuildAsync(connection, transaction, cancellationToken);
        }
        var last = log.Changes.Max(c => c.Seq);
        var reloaded = await LoadAsync(connection, transaction, changed, cancellationToken);
        var next = current.With(changed, reloaded, last, PlaceAreas);
        await PruneAsync(connection, transaction, log, cancellationToken);
        return next;
    }

    private async Task<IndexSnapshot> BuildAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        // The log's end is read before the items, so a write that commits during the load is read again next time.
        var log = await ReadLogAsync(connection, transaction, long.MaxValue, cancellationToken);
        var last = log.Newest ?? 0;
        var items = await LoadAsync(connection, transaction, null, cancellationToken);
        var snapshot = IndexSnapshot.Build(items, last, PlaceAreas);
        await PruneAsync(connection, transaction, log, cancellationToken);
        FullBuilds++;
        return snapshot;
    }

    /// <summary>Keeps the newest <see cref="KeptChanges"/> rows; done now and then, when twice as many have gathered.</summary>
    private static async Task PruneAsync(DbConnection connection, DbTransaction? transaction, ChangeLog log, CancellationToken cancellationToken)
    {
        if (log.Oldest is not { } oldest || log.Newest is not { } newest || newest - oldest < 2 * KeptChanges)
        {
            return;
        }
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = string.Create(CultureInfo.InvariantCulture, $"DELETE FROM evidence_search_changes WHERE seq <= {newest - KeptChanges}");
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private (string? Region, string? Nation) PlaceAreas(string code) =>
        places.Find(code) is { } place ? (EvidenceSearch.RegionOf(place), place.Nation) : (null, null);

    /// <summary>Every item (or only <paramref name="ids"/>) with its indexed text, facet values and visibility columns.</summary>
    private static async Task<List<IndexedItem>> LoadAsync(DbConnection connection, DbTransaction? transaction, IReadOnlyCollection<long>? ids, CancellationToken cancellationToken)
    {
        // Ids are numbers from the log, so they can be written into the statement; there are never very many.
        var only = ids is null ? "" : ids.Count == 0 ? " WHERE 1 = 0" : " WHERE {0} IN (" + string.Join(',', ids.Select(i => i.ToString(CultureInfo.InvariantCulture))) + ")";
        var placesById = new Dictionary<long, List<string>>();
        var elementsById = new Dictionary<long, List<string>>();
        await ReadAsync("SELECT item_id, place_code FROM evidence_places" + string.Format(CultureInfo.InvariantCulture, only, "item_id"), reader =>
        {
            var id = reader.GetInt64(0);
            if (!placesById.TryGetValue(id, out var list))
            {
                placesById[id] = list = [];
            }
            list.Add(reader.GetString(1));
        });
        await ReadAsync("SELECT item_id, element FROM evidence_elements" + string.Format(CultureInfo.InvariantCulture, only, "item_id"), reader =>
        {
            var id = reader.GetInt64(0);
            if (!elementsById.TryGetValue(id, out var list))
            {
                elementsById[id] = list = [];
            }
            list.Add(reader.GetString(1));
        });
        var items = new List<IndexedItem>();
        await ReadAsync(
            "SELECT id, title, summary, body, organisations, places, elements, state, visibility, organisation_id, submitted_by_id, shared_with, kind, strength, year FROM evidence_index_source"
            + string.Format(CultureInfo.InvariantCulture, only, "id") + " ORDER BY id",
            reader =>
            {
                var id = reader.GetInt64(0);
                string Text(int column) => reader.IsDBNull(column) ? "" : reader.GetString(column);
                items.Add(new IndexedItem(
                    id,
                    Text(1),
                    [Text(1), Text(2), Text(3), Text(4), Text(5), Text(6)],
                    Enum.Parse<WorkflowState>(reader.GetString(7)),
                    Enum.Parse<Visibility>(reader.GetString(8)),
                    reader.IsDBNull(9) ? null : reader.GetInt64(9),
                    reader.IsDBNull(10) ? null : reader.GetInt64(10),
                    [.. AccessPolicy.SharedWith(Text(11))],
                    Enum.Parse<EvidenceKind>(reader.GetString(12)),
                    reader.GetInt32(13),
                    reader.IsDBNull(14) ? null : reader.GetInt32(14),
                    placesById.GetValueOrDefault(id) ?? [],
                    elementsById.GetValueOrDefault(id) ?? []));
            });
        return items;

        async Task ReadAsync(string sql, Action<DbDataReader> row)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            command.CommandTimeout = 0;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                row(reader);
            }
        }
    }
}

/// <summary>One <see cref="EvidenceIndex"/> per database (by connection string), for the life of the process.</summary>
public sealed class EvidenceIndexes(PlaceRegistry places)
{
    private readonly ConcurrentDictionary<string, EvidenceIndex> _indexes = new(StringComparer.Ordinal);

    public EvidenceIndex For(ObservatoryDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var key = db.Database.GetConnectionString() ?? throw new InvalidOperationException("The database context has no connection string.");
        return _indexes.GetOrAdd(key, _ => new EvidenceIndex(places));
    }
}
