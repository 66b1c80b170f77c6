using System.Numerics;
using Observatory.Accounts;

namespace Observatory.Assessments.Benchmarking;

/// <summary>Why a figure is not published.</summary>
public enum SuppressionReason
{
    /// <summary>Primary suppression: fewer than five organisations are behind it.</summary>
    FewerThanFive,

    /// <summary>
    /// Secondary (complementary) suppression: it rests on five or more, but publishing it would let someone work out
    /// a figure for fewer than five by setting it against another published group.
    /// </summary>
    Complementary,
}

/// <summary>
/// Decides which peer groups' figures may be published so that no figure rests on fewer than
/// <see cref="MinimumContributors"/> organisations, directly or by difference:
/// <list type="number">
/// <item><b>Primary</b>: a group of fewer than five contributors is suppressed.</item>
/// <item><b>Pairs</b>: for any two published groups A and B, the organisations in A but not in B must number 0 or at
/// least five (and the same for B but not A), whether one is inside the other (England and its North West) or they
/// overlap (a region and a council type); otherwise the smaller of the two is suppressed too.</item>
/// <item><b>Remainders</b>: for a published group P and the published groups of one other kind inside it (the
/// regions inside England, the council types inside Wales, the nations inside "all"), the organisations of P in
/// none of them must number 0 or at least five, or "P minus the others" would give them away; otherwise the
/// smallest of those groups is suppressed too.</item>
/// </list>
/// Repeated until nothing changes; each round suppresses one more group, so it ends. Ties go against the group later
/// in the list (the list runs from "all" to the narrowest kinds), so the broadest figures are kept.
/// </summary>
public static class BenchmarkSuppression
{
    public const int MinimumContributors = Disclosure.MinimumOrganisations;

    /// <summary>A set of contributors (by their index) as the bit set <see cref="Decide"/> reads.</summary>
    public static ulong[] Members(IEnumerable<int> contributors, int contributorCount)
    {
        var bits = new ulong[(contributorCount + 63) / 64];
        foreach (var c in contributors)
        {
            bits[c >> 6] |= 1UL << (c & 63);
        }
        return bits;
    }

    /// <summary>
    /// The reason each group is suppressed, or null where its figures may be published. <paramref name="members"/>
    /// holds each group's contributors as a bit set of the same length; <paramref name="already"/> (optional) groups
    /// suppressed before this decision (a group hidden for the whole release stays hidden for every question).
    /// </summary>
    public static SuppressionReason?[] Decide(IReadOnlyList<PeerGroupKind> kinds, IReadOnlyList<ulong[]> members, IReadOnlyList<SuppressionReason?>? already = null)
    {
        var n = kinds.Count;
        var counts = new int[n];
        var reasons = new SuppressionReason?[n];
        for (var g = 0; g < n; g++)
        {
            counts[g] = Count(members[g]);
            reasons[g] = already?[g] ?? (counts[g] < MinimumContributors ? SuppressionReason.FewerThanFive : null);
        }
        var words = n == 0 ? 0 : members[0].Length;
        var union = new ulong[words];
        while ((FindPair(kinds, members, counts, reasons) ?? FindRemainder(kinds, members, counts, reasons, union)) is { } victim)
        {
            reasons[victim] = SuppressionReason.Complementary;
        }
        return reasons;
    }

    private static int? FindPair(IReadOnlyList<PeerGroupKind> kinds, IReadOnlyList<ulong[]> members, int[] counts, SuppressionReason?[] reasons)
    {
        for (var a = 0; a < kinds.Count; a++)
        {
            if (reasons[a] is not null)
            {
                continue;
            }
            for (var b = a + 1; b < kinds.Count; b++)
            {
                if (reasons[b] is not null)
                {
                    continue;
                }
                if (Revealing(Difference(members[a], members[b])) || Revealing(Difference(members[b], members[a])))
                {
                    return Smaller(counts, a, b);
                }
            }
        }
        return null;
    }

    private static int? FindRemainder(IReadOnlyList<PeerGroupKind> kinds, IReadOnlyList<ulong[]> members, int[] counts, SuppressionReason?[] reasons, ulong[] union)
    {
        for (var p = 0; p < kinds.Count; p++)
        {
            if (reasons[p] is not null)
            {
                continue;
            }
            foreach (var kind in Enum.GetValues<PeerGroupKind>())
            {
                if (kind == PeerGroupKind.All || kind == kinds[p])
                {
                    continue;
                }
                Array.Clear(union);
                int? smallest = null;
                for (var g = 0; g < kinds.Count; g++)
                {
                    if (g == p || kinds[g] != kind || reasons[g] is not null || counts[g] == 0 || Difference(members[g], members[p]) != 0)
                    {
                        continue;
                    }
                    var m = members[g];
                    for (var w = 0; w < union.Length; w++)
                    {
                        union[w] |= m[w];
                    }
                    smallest = smallest is { } s ? Smaller(counts, s, g) : g;
                }
                if (smallest is { } victim && Revealing(Difference(members[p], union)))
                {
                    return victim;
                }
            }
        }
        return null;
    }

    /// <summary>A difference of 1 to 4 organisations gives them away; none, or five or more, does not.</summary>
    private static bool Revealing(int difference) => difference is > 0 and < MinimumContributors;

    private static int Smaller(int[] counts, int a, int b) => counts[a] < counts[b] ? a : counts[b] < counts[a] ? b : Math.Max(a, b);

    /// <summary>How many are in <paramref name="a"/> and not in <paramref name="b"/>.</summary>
    public static int Difference(ulong[] a, ulong[] b)
    {
        var count = 0;
        for (var w = 0; w < a.Length; w++)
        {
            count += BitOperations.PopCount(a[w] & ~b[w]);
        }
        return count;
    }

    public static int Count(ulong[] a)
    {
        var count = 0;
        foreach (var w in a)
        {
            count += BitOperations.PopCount(w);
        }
        return count;
    }
}
