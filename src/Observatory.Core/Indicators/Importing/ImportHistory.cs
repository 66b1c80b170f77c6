using Microsoft.EntityFrameworkCore;
using Observatory.Storage;

namespace Observatory.Indicators.Importing;

/// <summary>The record of every import of indicator data: which file, from whom, and what it changed.</summary>
public sealed class ImportHistory(ObservatoryDbContext db)
{
    /// <summary>Every import, newest first.</summary>
    public Task<List<IndicatorImport>> AllAsync(CancellationToken cancellationToken = default) =>
        db.IndicatorImports.AsNoTracking().OrderByDescending(i => i.Id).ToListAsync(cancellationToken);

    public Task<IndicatorImport?> FindAsync(long id, CancellationToken cancellationToken = default) =>
        db.IndicatorImports.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, cancellationToken);
}
