using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Metadata.Conventions;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Observatory.Storage;

/// <summary>Reads every stored DateTime as UTC (SQLite keeps no kind; PostgreSQL timestamptz needs UTC).</summary>
public sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

/// <summary>
/// Names tables and columns in snake_case (<c>ImportedFramework.FrameworkId</c> → <c>imported_frameworks.framework_id</c>)
/// unless a mapping names them explicitly. Keys, indexes and foreign keys follow.
/// </summary>
public sealed class SnakeCaseNamingConvention : IModelFinalizingConvention
{
    public void ProcessModelFinalizing(IConventionModelBuilder modelBuilder, IConventionContext<IConventionModelBuilder> context)
    {
        foreach (var entity in modelBuilder.Metadata.GetEntityTypes())
        {
            if (entity.GetTableNameConfigurationSource() is null or ConfigurationSource.Convention && entity.GetTableName() is { } table && entity.BaseType is null)
            {
                entity.SetTableName(ToSnakeCase(table));
            }
            foreach (var property in entity.GetProperties())
            {
                if (property.GetColumnNameConfigurationSource() is null or ConfigurationSource.Convention)
                {
                    property.SetColumnName(ToSnakeCase(property.GetColumnName()));
                }
            }
        }
        // Constraint names follow the tables: pk_table, ix_table_col, fk_table_col — as the migrations spell them.
        foreach (var entity in modelBuilder.Metadata.GetEntityTypes().Where(e => e.GetTableName() is not null))
        {
            var table = entity.GetTableName()!;
            foreach (var key in entity.GetDeclaredKeys())
            {
                key.SetName(key.IsPrimaryKey() ? $"pk_{table}" : $"ak_{table}_{string.Join("_", key.Properties.Select(p => p.GetColumnName()))}");
            }
            foreach (var index in entity.GetDeclaredIndexes())
            {
                if (index.GetDatabaseNameConfigurationSource() is null or ConfigurationSource.Convention)
                {
                    index.SetDatabaseName($"ix_{table}_{string.Join("_", index.Properties.Select(p => p.GetColumnName()))}");
                }
            }
            foreach (var foreignKey in entity.GetDeclaredForeignKeys())
            {
                foreignKey.SetConstraintName($"fk_{table}_{string.Join("_", foreignKey.Properties.Select(p => p.GetColumnName()))}");
            }
        }
    }

    public static string ToSnakeCase(string name)
    {
        var sb = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                var previousIsLowerOrDigit = i > 0 && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]));
                var nextIsLower = i + 1 < name.Length && char.IsLower(name[i + 1]) && i > 0 && char.IsUpper(name[i - 1]);
                if (previousIsLowerOrDigit || nextIsLower)
                {
                    sb.Append('_');
                }
                sb.Append(char.ToLowerInvariant(c));
            }
            else
            {
                sb.Append(c);
            }
        }
        return sb.ToString();
    }
}
