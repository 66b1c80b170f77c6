using System.Numerics;
using System.Runtime.CompilerServices;

namespace Observatory.Similarity;

/// <summary>
/// The exhaustive comparison behind <see cref="NeighbourEngine.Nearest(double[][], ReadOnlySpan{double}, IReadOnlyList{int}, int, ReadOnlySpan{bool})"/>:
/// every area against every candidate, giving bit for bit the distances of <see cref="NeighbourEngine.Distance"/>
/// and the order of sorting them all, in a fraction of the time. The candidates are copied into blocks that hold
/// each indicator's values for 64 consecutive areas side by side, so one SIMD vector holds one indicator of
/// several candidates and the sum over indicators runs down the block in the same order, with the same roundings,
/// as the scalar distance. Each area keeps only its k best so far (a max-heap); a block's vector of distances is
/// looked at lane by lane only when one of them beats the k-th, or when a pair has a missing value, which goes
/// through <see cref="NeighbourEngine.Distance"/> itself.
/// </summary>
internal sealed class NeighbourSearch
{
    /// <summary>Areas searched together, so a block read into the cache serves all of them before the next is read.</summary>
    public const int Batch = 32;

    // 64 candidates × 30 indicators × 8 bytes is 15 KiB: a block stays in the L1 cache across a batch. A multiple
    // of four vectors at any width up to 512 bits, so the kernel never reads past a block.
    private const int Block = 64;

    private readonly double[][] _z;
    private readonly double[] _weights;
    private readonly bool[] _candidates;
    private readonly int _areas;
    private readonly int _indicators;
    private readonly int _blocks;
    private readonly bool _unitWeights;

    /// <summary>Whether a pair with every value can be compared from the blocks: there is a weight to share out.</summary>
    private readonly bool _comparable;

    /// <summary>[block][indicator][slot]; slots past the last area hold 0.</summary>
    private readonly double[] _values;

    /// <summary>[slot]: all bits set for a candidate with every value, whose distance can be read off its block.</summary>
    private readonly long[] _complete;

    public NeighbourSearch(double[][] z, ReadOnlySpan<double> weights, ReadOnlySpan<bool> candidates)
    {
        _z = z;
        _indicators = z.Length;
        _weights = weights[.._indicators].ToArray();
        _candidates = candidates.ToArray();
        _areas = candidates.Length;
        _blocks = (_areas + Block - 1) / Block;
        // The total weight summed as Distance sums it, so a pair sharing every indicator is scaled by exactly 1.
        double total = 0;
        foreach (var w in _weights)
        {
            total += w;
        }
        _comparable = total > 0 && double.IsFinite(total);
        _unitWeights = _weights.All(w => w == 1);
        _values = new double[_blocks * _indicators * Block];
        _complete = new long[_blocks * Block];
        for (var a = 0; a < _areas; a++)
        {
            var complete = _comparable && _candidates[a];
            var at = ((a / Block) * _indicators * Block) + (a % Block);
            for (var r = 0; r < _indicators; r++)
            {
                var v = z[r][a];
                _values[at + (r * Block)] = v;
                complete &= !double.IsNaN(v);
            }
            _complete[a] = complete ? -1 : 0;
        }
    }

    /// <summary>The nearest of <c>areas[from..from + Batch]</c>, written to the same slots of <paramref name="into"/>.</summary>
    public void Nearest(IReadOnlyList<int> areas, int from, int k, IReadOnlyList<Neighbour>[] into)
    {
        var count = Math.Min(Batch, areas.Count - from);
        var best = new Best[count];
        var queries = new double[count * _indicators];
        var complete = new bool[count];
        for (var i = 0; i < count; i++)
        {
            var area = areas[from + i];
            best[i] = new Best(k);
            complete[i] = _comparable;
            for (var r = 0; r < _indicators; r++)
            {
                queries[(i * _indicators) + r] = _z[r][area];
                complete[i] &= !double.IsNaN(_z[r][area]);
            }
        }
        for (var block = 0; block < _blocks; block++)
        {
            for (var i = 0; i < count; i++)
            {
                var area = areas[from + i];
                if (!complete[i])
                {
                    Pairwise(block, area, best[i]);
                }
                else if (_unitWeights)
                {
                    Scan<UnitWeights>(block, queries.AsSpan(i * _indicators, _indicators), area, best[i]);
                }
                else
                {
                    Scan<Weighted>(block, queries.AsSpan(i * _indicators, _indicators), area, best[i]);
                }
            }
        }
        for (var i = 0; i < count; i++)
        {
            into[from + i] = best[i].Neighbours();
        }
    }

    // Type arguments, not a flag, so the JIT compiles the kernel twice, the unweighted one a multiply shorter. It
    // is optimised from the first call: a search makes millions of them, and waiting for tiering costs seconds.
    private readonly struct UnitWeights;

    private readonly struct Weighted;

    /// <summary>
    /// One area (every value present) against one block, four vectors of candidates at a time. The squared
    /// distance is Σ w·(q − c)·(q − c) in indicator order, as in <see cref="NeighbourEngine.Distance"/>; with
    /// every value shared its scale W / W_shared is exactly 1, so it is that distance squared to the last bit.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Scan<TWeights>(int block, ReadOnlySpan<double> query, int area, Best best)
    {
        var width = Vector<double>.Count;
        ref var values = ref _values[block * _indicators * Block];
        ref var complete = ref _complete[block * Block];
        for (var slot = 0; slot < Block; slot += 4 * width)
        {
            Vector<double> s0 = default, s1 = default, s2 = default, s3 = default;
            for (var r = 0; r < query.Length; r++)
            {
                var q = new Vector<double>(query[r]);
                ref var row = ref Unsafe.Add(ref values, (r * Block) + slot);
                var d0 = q - Vector.LoadUnsafe(ref row);
                var d1 = q - Vector.LoadUnsafe(ref row, (nuint)width);
                var d2 = q - Vector.LoadUnsafe(ref row, (nuint)(2 * width));
                var d3 = q - Vector.LoadUnsafe(ref row, (nuint)(3 * width));
                if (typeof(TWeights) == typeof(UnitWeights))
                {
                    s0 += d0 * d0;
                    s1 += d1 * d1;
                    s2 += d2 * d2;
                    s3 += d3 * d3;
                }
                else
                {
                    var w = new Vector<double>(_weights[r]);
                    s0 += w * d0 * d0;
                    s1 += w * d1 * d1;
                    s2 += w * d2 * d2;
                    s3 += w * d3 * d3;
                }
            }
            var c0 = Vector.LoadUnsafe(ref complete, (nuint)slot);
            var c1 = Vector.LoadUnsafe(ref complete, (nuint)(slot + width));
            var c2 = Vector.LoadUnsafe(ref complete, (nuint)(slot + (2 * width)));
            var c3 = Vector.LoadUnsafe(ref complete, (nuint)(slot + (3 * width)));
            best.Farthest = Vector.Max(best.Farthest, Vector.Max(
                Vector.Max(Vector.ConditionalSelect(c0, s0, default), Vector.ConditionalSelect(c1, s1, default)),
                Vector.Max(Vector.ConditionalSelect(c2, s2, default), Vector.ConditionalSelect(c3, s3, default))));
            var bound = new Vector<double>(best.Bound);
            var look = (Vector.LessThan(s0, bound) | ~c0) | (Vector.LessThan(s1, bound) | ~c1)
                | (Vector.LessThan(s2, bound) | ~c2) | (Vector.LessThan(s3, bound) | ~c3);
            if (look != Vector<long>.Zero)
            {
                Lanes((block * Block) + slot, [s0, s1, s2, s3], area, best);
            }
        }
    }

    /// <summary>A group of candidates one at a time, for the few whose distance may enter the k best or has to be read pairwise.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Lanes(int first, ReadOnlySpan<Vector<double>> squares, int area, Best best)
    {
        var width = Vector<double>.Count;
        for (var lane = 0; lane < squares.Length * width; lane++)
        {
            var b = first + lane;
            if (b == area)
            {
                continue;
            }
            if (_complete[b] != 0)
            {
                var e = squares[lane / width][lane % width];
                if (e < best.Bound)
                {
                    best.Offer(b, Math.Sqrt(e));
                }
            }
            else
            {
                Pair(area, b, best);
            }
        }
    }

    /// <summary>One area with a missing value against one block, pair by pair.</summary>
    private void Pairwise(int block, int area, Best best)
    {
        var end = Math.Min(_areas, (block + 1) * Block);
        for (var b = block * Block; b < end; b++)
        {
            if (b != area)
            {
                Pair(area, b, best);
            }
        }
    }

    private void Pair(int area, int b, Best best)
    {
        if (b >= _areas || !_candidates[b])
        {
            return;
        }
        var d = NeighbourEngine.Distance(_z, _weights, area, b);
        if (!double.IsNaN(d))
        {
            best.FarthestPairwise = Math.Max(best.FarthestPairwise, d);
            best.Offer(b, d);
        }
    }

    /// <summary>
    /// One area's k nearest so far, a max-heap on (distance, slot) with the worst at the root, and its farthest
    /// comparable candidate. Candidates come in slot order, so one as far as the root comes after it and loses.
    /// </summary>
    private sealed class Best(int k)
    {
        private readonly double[] _distance = new double[k];
        private readonly int[] _area = new int[k];
        private int _count;

        /// <summary>The largest squared distance, lane by lane, of the pairs read off the blocks.</summary>
        public Vector<double> Farthest;

        /// <summary>The largest distance of the pairs read through <see cref="NeighbourEngine.Distance"/>.</summary>
        public double FarthestPairwise;

        /// <summary>
        /// A squared distance at or above which a candidate cannot enter: just above the k-th distance squared, so
        /// that its square root, which is what is ranked, is no less than the k-th. +∞ until k are held.
        /// </summary>
        public double Bound = double.PositiveInfinity;

        public void Offer(int area, double distance)
        {
            int i;
            if (_count < _distance.Length)
            {
                for (i = _count++; i > 0 && After(distance, area, (i - 1) / 2); i = (i - 1) / 2)
                {
                    Move((i - 1) / 2, i);
                }
            }
            else if (distance < _distance[0])
            {
                i = 0;
                while ((2 * i) + 1 < _count)
                {
                    var child = (2 * i) + 1;
                    if (child + 1 < _count && After(_distance[child + 1], _area[child + 1], child))
                    {
                        child++;
                    }
                    if (!After(_distance[child], _area[child], distance, area))
                    {
                        break;
                    }
                    Move(child, i);
                    i = child;
                }
            }
            else
            {
                return;
            }
            _distance[i] = distance;
            _area[i] = area;
            if (_count == _distance.Length)
            {
                Bound = Math.BitIncrement(_distance[0] * _distance[0]);
            }
        }

        private bool After(double distance, int area, int entry) => After(distance, area, _distance[entry], _area[entry]);

        /// <summary>Whether (distance, area) ranks after (is farther than, or as far with a higher slot than) the other.</summary>
        private static bool After(double distance, int area, double otherDistance, int otherArea) =>
            distance > otherDistance || (distance == otherDistance && area > otherArea);

        private void Move(int from, int to)
        {
            _distance[to] = _distance[from];
            _area[to] = _area[from];
        }

        public Neighbour[] Neighbours()
        {
            if (_count == 0)
            {
                return [];
            }
            var farthest = 0.0;
            for (var i = 0; i < Vector<double>.Count; i++)
            {
                farthest = Math.Max(farthest, Farthest[i]);
            }
            // The square root of the largest square is the largest root: what d_max was over every distance.
            var max = Math.Max(Math.Sqrt(farthest), FarthestPairwise);
            var order = Enumerable.Range(0, _count).OrderBy(i => _distance[i]).ThenBy(i => _area[i]);
            return [.. order.Select(i => new Neighbour(_area[i], _distance[i],
                max > 0 ? Math.Round(100 * (1 - (_distance[i] / max)), 1, MidpointRounding.AwayFromZero) : 100))];
        }
    }
}
