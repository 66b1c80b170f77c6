using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Observatory.Storage;
using Observatory.Testing;

namespace Observatory.Core.Tests.Storage;

/// <summary>
/// Builds a fresh database from the hand-written migrations and stores and reloads one of every entity type
/// with every property set. It walks the model, so entity types added later are covered without editing it; a
/// migration that misses a column, or gives it the wrong type, fails here.
/// </summary>
public sealed class StorageRoundTripTests
{
    [Fact]
    public Task Every_entity_round_trips_on_sqlite() => RoundTrip(TestProvider.Sqlite);

    [PostgresFact]
    public Task Every_entity_round_trips_on_postgresql() => RoundTrip(TestProvider.PostgreSql);

    [Fact]
    public async Task Migrating_twice_changes_nothing()
    {
        await using var database = TestDatabase.CreateSqlite();
        await using var db = database.CreateContext();

        var first = await StorageSetup.MigrateAsync(db);
        var second = await StorageSetup.MigrateAsync(db);

        first.ShouldNotBeEmpty();
        second.ShouldBeEmpty();
    }

    private static async Task RoundTrip(TestProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var migrate = database.CreateContext())
        {
            await StorageSetup.MigrateAsync(migrate);
        }
        await using var model = database.CreateContext();
        var entityTypes = Ordered(model.Model.GetEntityTypes().Where(e => !e.IsOwned() && e.FindPrimaryKey() is not null && e.ClrType != typeof(Dictionary<string, object>)).ToList());
        entityTypes.ShouldNotBeEmpty();

        var saved = new Dictionary<IEntityType, object>();
        var seed = 1;
        foreach (var entityType in entityTypes)
        {
            await using (var write = database.CreateContext())
            {
                var instance = Activator.CreateInstance(entityType.ClrType, nonPublic: true)!;
                foreach (var property in entityType.GetProperties().Where(p => p.PropertyInfo is not null))
                {
                    if (property.IsPrimaryKey() && property.ValueGenerated == ValueGenerated.OnAdd && IsInteger(property.ClrType))
                    {
                        continue;
                    }
                    var value = property.GetContainingForeignKeys().FirstOrDefault() is { } fk
                        ? PrincipalKey(fk, property, saved)
                        : Sample(property, seed++);
                    property.PropertyInfo!.SetValue(instance, value);
                }
                write.Add(instance);
                await write.SaveChangesAsync();
                saved[entityType] = instance;
            }

            await using var read = database.CreateContext();
            var keyValues = entityType.FindPrimaryKey()!.Properties.Select(p => p.PropertyInfo!.GetValue(saved[entityType])).ToArray();
            var loaded = await read.FindAsync(entityType.ClrType, keyValues);
            loaded.ShouldNotBeNull($"{entityType.DisplayName()} was not found again by its key");
            foreach (var property in entityType.GetProperties().Where(p => p.PropertyInfo is not null))
            {
                var expected = property.PropertyInfo!.GetValue(saved[entityType]);
                var actual = property.PropertyInfo.GetValue(loaded);
                Normalise(actual).ShouldBe(Normalise(expected), $"{entityType.DisplayName()}.{property.Name} on {provider}");
            }
        }
    }

    private static object? PrincipalKey(IForeignKey fk, IProperty property, Dictionary<IEntityType, object> saved)
    {
        if (!saved.TryGetValue(fk.PrincipalEntityType, out var principal))
        {
            // A reference to its own type (a tree) or to a type not yet saved: leave it empty where allowed.
            return property.IsNullable ? null : throw new InvalidOperationException($"{property.DeclaringType.DisplayName()}.{property.Name} needs a principal saved first.");
        }
        var index = fk.Properties.ToList().IndexOf(property);
        return fk.PrincipalKey.Properties[index].PropertyInfo!.GetValue(principal);
    }

    /// <summary>Principals before dependents.</summary>
    private static List<IEntityType> Ordered(List<IEntityType> types)
    {
        var ordered = new List<IEntityType>();
        var remaining = new List<IEntityType>(types);
        while (remaining.Count > 0)
        {
            var next = remaining.FirstOrDefault(t => t.GetForeignKeys().All(fk => fk.PrincipalEntityType == t || ordered.Contains(fk.PrincipalEntityType) || !types.Contains(fk.PrincipalEntityType)))
                ?? throw new InvalidOperationException("The entity model has a cycle of required relationships: " + string.Join(", ", remaining.Select(r => r.DisplayName())));
            ordered.Add(next);
            remaining.Remove(next);
        }
        return ordered;
    }

    private static object? Sample(IProperty property, int seed)
    {
        var type = Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType;
        if (type == typeof(string))
        {
            var text = $"{property.Name}-{seed}-Ynys Môn “quoted” ✓";
            return property.GetMaxLength() is { } max && text.Length > max ? text[..max] : text;
        }
        if (type == typeof(int))
        {
            return 1000 + seed;
        }
        if (type == typeof(long))
        {
            return 10_000_000_000L + seed;
        }
        if (type == typeof(short))
        {
            return (short)(100 + seed);
        }
        if (type == typeof(byte))
        {
            return (byte)(seed % 250);
        }
        if (type == typeof(double))
        {
            return 1234.5678 + seed;
        }
        if (type == typeof(float))
        {
            return 12.5f + seed;
        }
        if (type == typeof(decimal))
        {
            return 12.34m + seed;
        }
        if (type == typeof(bool))
        {
            return true;
        }
        if (type == typeof(DateTime))
        {
            // Microsecond precision: what PostgreSQL keeps.
            return new DateTime(2026, 11, 22, 10, 30, 15, DateTimeKind.Utc).AddTicks(1234560 + seed * 10);
        }
        if (type == typeof(DateOnly))
        {
            return new DateOnly(2024, 4, 1).AddDays(seed);
        }
        if (type == typeof(Guid))
        {
            return Guid.NewGuid();
        }
        if (type == typeof(byte[]))
        {
            return new byte[] { 0, 1, 2, 254, 255, (byte)seed };
        }
        if (type.IsEnum)
        {
            var values = Enum.GetValues(type);
            return values.GetValue(values.Length - 1);
        }
        throw new NotSupportedException($"No sample value for {property.DeclaringType.DisplayName()}.{property.Name} of type {type.Name}; add one to {nameof(StorageRoundTripTests)}.");
    }

    private static bool IsInteger(Type type) => type == typeof(int) || type == typeof(long) || type == typeof(short);

    private static object? Normalise(object? value) => value switch
    {
        byte[] bytes => Convert.ToBase64String(bytes),
        _ => value,
    };
}
