using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using Observatory.Content;
using Observatory.Outcomes;
using Observatory.Places;
using Observatory.Storage;

namespace Observatory.Indicators.Importing;

public sealed record ImportRequest(string FileName, string Source, string? ImportedBy = null, DataFormat? Format = null, string? OpenSdgIndicator = null);

/// <summary>What an import did. <see cref="AlreadyImported"/>: the same file was imported before, so nothing changed.</summary>
public sealed record ImportOutcome(IndicatorImport Import, bool AlreadyImported, long Skipped, IReadOnlyCollection<string> Unplaced);

/// <summary>
/// Imports indicator data all-or-nothing: the whole file is read and checked first; with any problem nothing is
/// written and the import is refused with every problem (up to <see cref="ObservationReader.MaxProblemsReported"/>),
/// each naming its file, line and column. A clean file is written in one transaction. The same file twice changes nothing; a revised
/// file adds and updates only what differs.
/// </summary>
public sealed class ObservationImporter(ObservatoryDbContext db, PlaceRegistry places, IndicatorCatalogue catalogue, TimeProvider clock)
{
    public async Task<Outcome<ImportOutcome>> ImportFileAsync(string path, ImportRequest request, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        return await ImportAsync(stream, request, progress, cancellationToken);
    }

    /// <summary>The import, or a refusal (invalid) listing the file's problems; nothing is written when refused.</summary>
    public async Task<Outcome<ImportOutcome>> ImportAsync(Stream content, ImportRequest request, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        if (content.CanSeek)
        {
            // Hashing is far quicker than parsing: a file imported before is recognised without reading its rows,
            // which keeps start-up quick when the shipped data is already in.
            var start = content.Position;
            var known = Convert.ToHexStringLower(await SHA256.HashDataAsync(content, cancellationToken));
            content.Position = start;
            if (await db.IndicatorImports.AsNoTracking().FirstOrDefaultAsync(i => i.FileHash == known, cancellationToken) is { } before)
            {
                return new ImportOutcome(before, AlreadyImported: true, 0, []);
            }
        }
        var (read, hash) = Read(content, request, progress);
        if (read.ProblemCount > 0)
        {
            var problems = read.Problems.ToList();
            if (read.ProblemCount > problems.Count)
            {
                problems.Add(new ContentProblem(request.FileName, 0, 0, "", $"and {read.ProblemCount - problems.Count} more problems"));
            }
            return Refusal.Invalid(problems);
        }
        if (NothingToImport(read, request.FileName) is { } empty)
        {
            return Refusal.Invalid([empty]);
        }
        if (await db.IndicatorImports.AsNoTracking().FirstOrDefaultAsync(i => i.FileHash == hash, cancellationToken) is { } earlier)
        {
            return new ImportOutcome(earlier, AlreadyImported: true, read.Skipped, read.Unplaced);
        }
        var record = new IndicatorImport
        {
            FileName = request.FileName,
            Format = read.Format switch { DataFormat.Els => "els", DataFormat.OpenSdg => "opensdg", _ => "tidy" },
            FileHash = hash,
            Source = request.Source,
            ImportedAt = clock.GetUtcNow().UtcDateTime,
            ImportedBy = request.ImportedBy,
            Indicators = string.Join(',', read.Indicators.Order(StringComparer.Ordinal)),
            RowsRead = read.RowsRead,
            Merged = read.Merged,
            Recoded = read.Recoded,
        };
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            db.IndicatorImports.Add(record);
            await db.SaveChangesAsync(cancellationToken);
            await WriteAsync(read.Batch, record, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        });
        db.ChangeTracker.Clear();
        return new ImportOutcome(record, AlreadyImported: false, read.Skipped, read.Unplaced);
    }

    /// <summary>
    /// The problem with a file that reads cleanly but holds nothing to import (a header alone, or only series the
    /// catalogue does not describe); null when it has values. Checking and importing refuse such a file alike.
    /// </summary>
    public static ContentProblem? NothingToImport(ObservationReader.Result read, string fileName) =>
        read.ProblemCount > 0 || read.Batch.Count > 0 ? null
        : new ContentProblem(fileName, 0, 0, "", read.Skipped > 0 ? $"none of its {read.Skipped} rows is a series the indicator catalogue describes" : "it holds no data rows");

    /// <summary>Parses and checks a file without writing anything: what `observatory import --check` reports.</summary>
    public ObservationReader.Result Check(Stream content, ImportRequest request, IProgress<long>? progress = null) => Read(content, request, progress).Result;

    private (ObservationReader.Result Result, string Hash) Read(Stream content, ImportRequest request, IProgress<long>? progress)
    {
        using var sha = SHA256.Create();
        using var hashing = new CryptoStream(content, sha, CryptoStreamMode.Read, leaveOpen: true);
        using var text = new StreamReader(hashing, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16, leaveOpen: true);
        var result = ObservationReader.Read(request.FileName, text, places, catalogue, request.Format, progress, request.OpenSdgIndicator);
        // Read to the end so the hash covers the whole file even if the reader stopped early.
        hashing.CopyTo(Stream.Null);
        if (!hashing.HasFlushedFinalBlock)
        {
            hashing.FlushFinalBlock();
        }
        return (result, Convert.ToHexStringLower(sha.Hash!));
    }

    private sealed record Existing(long Id, double? Value, double? Lci95, double? Uci95, string? Status, string? Note, string? OriginalCode);

    private async Task WriteAsync(ObservationBatch batch, IndicatorImport record, CancellationToken cancellationToken)
    {
        var indicatorIds = batch.Indicator.AsSpan(0, batch.Count).ToArray().Distinct().Select(i => batch.Strings[i]).ToList();
        var existing = new Dictionary<(int, int, int, int), Existing>();
        var rows = db.Observations.AsNoTracking().Where(o => indicatorIds.Contains(o.IndicatorId))
            .Select(o => new { o.Id, o.IndicatorId, o.AreaCode, o.PeriodStart, o.PeriodDuration, o.Disaggregation, o.Value, o.Lci95, o.Uci95, o.Status, o.Note, o.OriginalCode })
            .AsAsyncEnumerable();
        await foreach (var o in rows.WithCancellation(cancellationToken))
        {
            var key = (batch.Intern(o.IndicatorId), batch.Intern(o.AreaCode), batch.InternPeriod(new Period(o.PeriodStart, o.PeriodDuration)), batch.Intern(o.Disaggregation));
            existing[key] = new Existing(o.Id, o.Value, o.Lci95, o.Uci95, o.Status, o.Note, o.OriginalCode);
        }
        var inserts = new List<int>(existing.Count == 0 ? batch.Count : 1024);
        var updates = new List<(long Id, int Row)>();
        for (var r = 0; r < batch.Count; r++)
        {
            var key = (batch.Indicator[r], batch.Area[r], batch.PeriodOf[r], batch.Disaggregation[r]);
            if (!existing.TryGetValue(key, out var e))
            {
                inserts.Add(r);
            }
            else if (e.Value != ObservationBatch.Nullable(batch.Value[r]) || e.Lci95 != ObservationBatch.Nullable(batch.Lci[r]) || e.Uci95 != ObservationBatch.Nullable(batch.Uci[r])
                || e.Status != batch.StringOrNull(batch.Status[r]) || e.Note != batch.StringOrNull(batch.Note[r]) || e.OriginalCode != batch.StringOrNull(batch.Original[r]))
            {
                updates.Add((e.Id, r));
            }
        }
        record.Added = inserts.Count;
        record.Changed = updates.Count;
        record.Unchanged = batch.Count - inserts.Count - updates.Count;
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction!.GetDbTransaction();
        if (connection is NpgsqlConnection npgsql)
        {
            await CopyInsertAsync(npgsql, batch, inserts, record.Id, cancellationToken);
        }
        else
        {
            await InsertAsync(connection, transaction, batch, inserts, record.Id, cancellationToken);
        }
        await UpdateAsync(connection, transaction, batch, updates, record.Id, cancellationToken);
    }

    private const string Columns = "indicator_id, area_code, original_code, period_start, period_duration, disaggregation, value, lci95, uci95, status, note, import_id";

    /// <summary>PostgreSQL's binary COPY: the server's own bulk path.</summary>
    private static async Task CopyInsertAsync(NpgsqlConnection connection, ObservationBatch batch, List<int> rows, long importId, CancellationToken cancellationToken)
    {
        await using var writer = await connection.BeginBinaryImportAsync($"COPY observations ({Columns}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var r in rows)
        {
            await writer.StartRowAsync(cancellationToken);
            await writer.WriteAsync(batch.Strings[batch.Indicator[r]], NpgsqlDbType.Text, cancellationToken);
            await writer.WriteAsync(batch.Strings[batch.Area[r]], NpgsqlDbType.Text, cancellationToken);
            await WriteNullableAsync(writer, batch.StringOrNull(batch.Original[r]), NpgsqlDbType.Text, cancellationToken);
            var period = batch.Periods[batch.PeriodOf[r]];
            await writer.WriteAsync(period.Start, NpgsqlDbType.Date, cancellationToken);
            await writer.WriteAsync(period.Duration, NpgsqlDbType.Text, cancellationToken);
            await writer.WriteAsync(batch.Strings[batch.Disaggregation[r]], NpgsqlDbType.Text, cancellationToken);
            await WriteNullableAsync(writer, ObservationBatch.Nullable(batch.Value[r]), NpgsqlDbType.Double, cancellationToken);
            await WriteNullableAsync(writer, ObservationBatch.Nullable(batch.Lci[r]), NpgsqlDbType.Double, cancellationToken);
            await WriteNullableAsync(writer, ObservationBatch.Nullable(batch.Uci[r]), NpgsqlDbType.Double, cancellationToken);
            await WriteNullableAsync(writer, batch.StringOrNull(batch.Status[r]), NpgsqlDbType.Text, cancellationToken);
            await WriteNullableAsync(writer, batch.StringOrNull(batch.Note[r]), NpgsqlDbType.Text, cancellationToken);
            await writer.WriteAsync(importId, NpgsqlDbType.Bigint, cancellationToken);
        }
        await writer.CompleteAsync(cancellationToken);
    }

    private static Task WriteNullableAsync<T>(NpgsqlBinaryImporter writer, T? value, NpgsqlDbType type, CancellationToken cancellationToken) =>
        value is null ? writer.WriteNullAsync(cancellationToken) : writer.WriteAsync(value, type, cancellationToken);

    /// <summary>
    /// SQLite: one prepared single-row INSERT, re-bound for each row inside the import's transaction. Measured
    /// faster than multi-row INSERTs here: Microsoft.Data.Sqlite finds each parameter by name on every execution,
    /// so a statement of 64 rows × 12 parameters spends its time searching (docs/performance.md). Dates are
    /// written as EF Core writes DateOnly (yyyy-MM-dd) so EF reads them back.
    /// </summary>
    private static async Task InsertAsync(DbConnection connection, DbTransaction transaction, ObservationBatch batch, List<int> rows, long importId, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO observations ({Columns}) VALUES (@p0,@p1,@p2,@p3,@p4,@p5,@p6,@p7,@p8,@p9,@p10,@p11)";
        for (var f = 0; f < 12; f++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@p" + f;
            command.Parameters.Add(parameter);
        }
        command.Prepare();
        var p = command.Parameters;
        var dates = new Dictionary<DateOnly, string>();
        foreach (var r in rows)
        {
            var period = batch.Periods[batch.PeriodOf[r]];
            if (!dates.TryGetValue(period.Start, out var start))
            {
                dates[period.Start] = start = period.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            }
            p[0].Value = batch.Strings[batch.Indicator[r]];
            p[1].Value = batch.Strings[batch.Area[r]];
            p[2].Value = (object?)batch.StringOrNull(batch.Original[r]) ?? DBNull.Value;
            p[3].Value = start;
            p[4].Value = period.Duration;
            p[5].Value = batch.Strings[batch.Disaggregation[r]];
            p[6].Value = double.IsNaN(batch.Value[r]) ? DBNull.Value : batch.Value[r];
            p[7].Value = double.IsNaN(batch.Lci[r]) ? DBNull.Value : batch.Lci[r];
            p[8].Value = double.IsNaN(batch.Uci[r]) ? DBNull.Value : batch.Uci[r];
            p[9].Value = (object?)batch.StringOrNull(batch.Status[r]) ?? DBNull.Value;
            p[10].Value = (object?)batch.StringOrNull(batch.Note[r]) ?? DBNull.Value;
            p[11].Value = importId;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static async Task UpdateAsync(DbConnection connection, DbTransaction transaction, ObservationBatch batch, List<(long Id, int Row)> updates, long importId, CancellationToken cancellationToken)
    {
        if (updates.Count == 0)
        {
            return;
        }
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "UPDATE observations SET value = @value, lci95 = @lci, uci95 = @uci, status = @status, note = @note, original_code = @original, import_id = @import WHERE id = @id";
        string[] names = ["@value", "@lci", "@uci", "@status", "@note", "@original", "@import", "@id"];
        foreach (var name in names)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            command.Parameters.Add(parameter);
        }
        foreach (var (id, r) in updates)
        {
            var p = command.Parameters;
            p[0].Value = double.IsNaN(batch.Value[r]) ? DBNull.Value : batch.Value[r];
            p[1].Value = double.IsNaN(batch.Lci[r]) ? DBNull.Value : batch.Lci[r];
            p[2].Value = double.IsNaN(batch.Uci[r]) ? DBNull.Value : batch.Uci[r];
            p[3].Value = (object?)batch.StringOrNull(batch.Status[r]) ?? DBNull.Value;
            p[4].Value = (object?)batch.StringOrNull(batch.Note[r]) ?? DBNull.Value;
            p[5].Value = (object?)batch.StringOrNull(batch.Original[r]) ?? DBNull.Value;
            p[6].Value = importId;
            p[7].Value = id;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
