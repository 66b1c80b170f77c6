namespace Observatory.Assessments.Benchmarking;

/// <summary>Where one organisation's level sits in a published distribution.</summary>
public enum BenchmarkPosition
{
    /// <summary>At or below the lower quartile, and below the median.</summary>
    LowerQuartile,

    /// <summary>Above the lower quartile and below the median.</summary>
    BelowMedian,

    /// <summary>Exactly the median.</summary>
    AtMedian,

    /// <summary>Above the median and below the upper quartile.</summary>
    AboveMedian,

    /// <summary>At or above the upper quartile, and above the median.</summary>
    UpperQuartile,
}

/// <summary>
/// An organisation's own position against a distribution, in words for the page ("your level is in the upper quartile
/// of metropolitan districts"). Levels are whole numbers and quartiles often coincide with the median, so a level
/// equal to the median is "at the median" before it is in either quartile.
/// </summary>
public static class BenchmarkPositions
{
    public static BenchmarkPosition Position(int level, Distribution distribution)
    {
        ArgumentNullException.ThrowIfNull(distribution);
        if (level == distribution.Median)
        {
            return BenchmarkPosition.AtMedian;
        }
        if (level > distribution.Median)
        {
            return level >= distribution.UpperQuartile ? BenchmarkPosition.UpperQuartile : BenchmarkPosition.AboveMedian;
        }
        return level <= distribution.LowerQuartile ? BenchmarkPosition.LowerQuartile : BenchmarkPosition.BelowMedian;
    }

    public static string Describe(BenchmarkPosition position) => position switch
    {
        BenchmarkPosition.LowerQuartile => "in the lower quartile",
        BenchmarkPosition.BelowMedian => "below the median",
        BenchmarkPosition.AtMedian => "at the median",
        BenchmarkPosition.AboveMedian => "above the median",
        _ => "in the upper quartile",
    };

    /// <summary>"Your level is in the upper quartile of metropolitan districts."</summary>
    public static string Sentence(int level, Distribution distribution, PeerGroup group)
    {
        ArgumentNullException.ThrowIfNull(group);
        // Lower-case the first word unless it is a name ("London boroughs", "ONS cluster B").
        var first = group.Name.Split(' ')[0];
        var name = first is "London" or "Welsh" or "Scottish" or "Northern" or "ONS" ? group.Name : char.ToLowerInvariant(group.Name[0]) + group.Name[1..];
        return $"Your level is {Describe(Position(level, distribution))} of {name}.";
    }
}
