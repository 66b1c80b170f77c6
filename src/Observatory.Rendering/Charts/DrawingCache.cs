using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Observatory.Rendering.Charts;

/// <summary>
/// Drawings kept between requests (a singleton): a map of every UK council is the slowest thing most pages do, and
/// it depends only on what it is drawn from. The caller's key must name everything the drawing depends on — the
/// area, the indicator and period, and for anything drawn from stored data the data it was read from (the import
/// or data version) — so a drawing of older data is never found for newer. Bounded: when full it starts again,
/// which also lets go of drawings of data since replaced.
/// </summary>
public sealed class DrawingCache(int capacity = DrawingCache.DefaultCapacity)
{
    /// <summary>Enough for every council's locator map and a few hundred data-drawn maps and charts.</summary>
    public const int DefaultCapacity = 2_000;

    private readonly ConcurrentDictionary<string, Lazy<object?>> _drawings = new(StringComparer.Ordinal);

    public int Count => _drawings.Count;

    /// <summary>
    /// A key naming exactly what a drawing is drawn from: <paramref name="kind"/> and a digest of every part
    /// (values, labels, links), so two requests share a drawing only when they would draw the same thing, whichever
    /// data version or actor they read it for.
    /// </summary>
    public static string KeyOf(string kind, IEnumerable<object?> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var text = new StringBuilder();
        foreach (var part in parts)
        {
            text.Append(Convert.ToString(part, CultureInfo.InvariantCulture)).Append('\u001f');
        }
        return $"{kind}:{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))}";
    }

    /// <summary>The drawing kept under <paramref name="key"/>, drawn now (once, however many ask at the same time) if there is none.</summary>
    public T GetOrDraw<T>(string key, Func<T> draw) where T : class?
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(draw);
        if (_drawings.Count >= capacity && !_drawings.ContainsKey(key))
        {
            _drawings.Clear();
        }
        var drawing = _drawings.GetOrAdd(key, _ => new Lazy<object?>(() => draw(), LazyThreadSafetyMode.ExecutionAndPublication));
        try
        {
            return (T)drawing.Value!;
        }
        catch
        {
            // A drawing that failed is not kept: the next request tries again.
            _drawings.TryRemove(new KeyValuePair<string, Lazy<object?>>(key, drawing));
            throw;
        }
    }
}
