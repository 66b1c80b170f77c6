using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using Observatory.Accounts;

namespace Observatory.Evidence.Search.Index;

/// <summary>
/// The index as of one point in the change log: its segments, which of their documents are still current (a changed
/// item's old document is dropped and its new one lives in a later segment), and the totals bm25 needs. Never
/// changed once published, so any number of searches read it without locks while a refresh builds the next one.
/// </summary>
internal sealed class IndexSnapshot
{
    private const double K1 = 1.2;
    private const double B = 0.75;

    public required IndexSegment[] Segments { get; init; }

    /// <summary>Per segment, whether each document is current.</summary>
    public required bool[][] Live { get; init; }

    /// <summary>Where each item's current document is.</summary>
    public required Dictionary<long, (int Segment, int Doc)> Docs { get; init; }

    public required IndexVocabularies Vocabularies { get; init; }

    /// <summary>The last change-log sequence number this snapshot includes.</summary>
    public required long Last { get; init; }

    public int LiveCount => Docs.Count;

    public required long LiveLength { get; init; }

    /// <summary>The snapshot with <paramref name="changed"/> items replaced by <paramref name="reloaded"/> (those still in the store) in a new segment.</summary>
    public IndexSnapshot With(IReadOnlyCollection<long> changed, IReadOnlyList<IndexedItem> reloaded, long last, Func<string, (string? Region, string? Nation)> placeAreas)
    {
        var vocabularies = Vocabularies.Copy();
        var segment = IndexSegment.Build(reloaded, vocabularies, placeAreas);
        var live = (bool[][])Live.Clone();
        var copied = new bool[live.Length];
        var docs = new Dictionary<long, (int Segment, int Doc)>(Docs);
        var length = LiveLength;
        foreach (var id in changed)
        {
            if (!docs.Remove(id, out var at))
            {
                continue;
            }
            if (!copied[at.Segment])
            {
                live[at.Segment] = (bool[])live[at.Segment].Clone();
                copied[at.Segment] = true;
            }
            live[at.Segment][at.Doc] = false;
            length -= Segments[at.Segment].Lengths[at.Doc];
        }
        var index = Segments.Length;
        for (var d = 0; d < segment.Count; d++)
        {
            docs[segment.ItemIds[d]] = (index, d);
            length += segment.Lengths[d];
        }
        return new IndexSnapshot
        {
            Segments = [.. Segments, segment],
            Live = [.. live, Enumerable.Repeat(true, segment.Count).ToArray()],
            Docs = docs,
            Vocabularies = vocabularies,
            Last = last,
            LiveLength = length,
        };
    }

    public static IndexSnapshot Build(IReadOnlyList<IndexedItem> items, long last, Func<string, (string? Region, string? Nation)> placeAreas)
    {
        var vocabularies = new IndexVocabularies();
        var segment = IndexSegment.Build(items, vocabularies, placeAreas);
        var docs = new Dictionary<long, (int Segment, int Doc)>(segment.Count);
        for (var d = 0; d < segment.Count; d++)
        {
            docs[segment.ItemIds[d]] = (0, d);
        }
        return new IndexSnapshot
        {
            Segments = [segment],
            Live = [Enumerable.Repeat(true, segment.Count).ToArray()],
            Docs = docs,
            Vocabularies = vocabularies,
            Last = last,
            LiveLength = segment.TotalLength,
        };
    }

    /// <summary>Documents in segments after the first: how much a refresh has added since the last full build.</summary>
    public int Added => Segments.Skip(1).Sum(s => s.Count);

    private enum Filter
    {
        Element,
        Place,
        Region,
        Nation,
        Kind,
        Strength,
        Year,
    }

    /// <summary>The matches in one segment for one phrase: documents ascending and bm25's frequency for each.</summary>
    private readonly record struct PhraseHits(int[] Docs, float[] Frequencies, int Count);

    /// <summary>What a search gives: the total, the page's rows, and the facets (or none).</summary>
    public sealed record Outcome(int Total, List<EvidenceSearch.PageRow> Rows, EvidenceFacets Facets);

    private readonly record struct Ranked(int Tier, double Score, int Year, string Title, long Id);

    /// <summary>Results first to last: tier, then score (or, with no words, year) descending, then title and id.</summary>
    private sealed class Order : IComparer<Ranked>
    {
        public static readonly Order Instance = new();

        public int Compare(Ranked x, Ranked y)
        {
            var c = x.Tier.CompareTo(y.Tier);
            if (c != 0)
            {
                return c;
            }
            c = y.Score.CompareTo(x.Score);
            if (c != 0)
            {
                return c;
            }
            c = y.Year.CompareTo(x.Year);
            if (c != 0)
            {
                return c;
            }
            c = string.CompareOrdinal(x.Title, y.Title);
            return c != 0 ? c : x.Id.CompareTo(y.Id);
        }
    }

    /// <summary>
    /// One search: match the words (every group, AND; a group of several words as a phrase), add the place rule's
    /// items, then in one pass over the candidates apply visibility and the filters, count the facets (a document
    /// failing exactly one filter counts only in that filter's facet) and keep the best <c>skip + take</c> in a heap.
    /// Compiled fully optimised from the first call: a search is one call with long loops, so tiered compilation
    /// would run the first few dozen searches after start-up in unoptimised code.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public Outcome Search(Actor actor, EvidenceQuery query, SearchText text, EvidenceSearch.NamedPlace? place, SearchText? rest, int skip, int take)
    {
        var phrases = Phrases(text);
        var restPhrases = rest is { IsEmpty: false } ? Phrases(rest) : null;
        // Each phrase is looked up once per segment: for its IDF over every current item, then to match.
        var textHits = Segments.Select((segment, s) => phrases.Select(p => Phrase(segment, Live[s], p)).ToArray()).ToArray();
        var idf = Idf(textHits, phrases.Count);
        var avgdl = LiveCount == 0 ? 1.0 : LiveLength / (double)LiveCount;
        var vocabularies = Vocabularies;

        var elementWanted = Wanted(query.Elements.Select(e => e.ToString()), vocabularies.Elements);
        var allElements = query.AllElements.Select(e => vocabularies.Elements.Find(e.ToString())).Distinct().ToArray();
        var placeWanted = Wanted(query.Places, vocabularies.Places);
        var region = query.Region is null ? -2 : vocabularies.Regions.Find(query.Region);
        var nation = query.Nation is null ? -2 : vocabularies.Nations.Find(query.Nation);
        bool[]? kinds = null;
        if (query.Kinds.Count > 0)
        {
            kinds = new bool[Enum.GetValues<EvidenceKind>().Length];
            foreach (var kind in query.Kinds)
            {
                kinds[(int)kind] = true;
            }
        }
        var minimum = query.MinimumStrength;
        var year = query.Year;
        var facets = query.WithFacets;

        var elementCounts = new int[vocabularies.Elements.Count];
        var placeCounts = new int[vocabularies.Places.Count];
        var regionCounts = new int[vocabularies.Regions.Count];
        var nationCounts = new int[vocabularies.Nations.Count];
        var kindCounts = new int[Enum.GetValues<EvidenceKind>().Length];
        // Counted in arrays for the usual values (a dictionary a document is most of a large search's time).
        var strengthCounts = new SmallCounts(0, 16);
        var yearCounts = new SmallCounts(EvidenceQueryReader.EarliestYear, EvidenceQueryReader.LatestYear - EvidenceQueryReader.EarliestYear + 1);

        var namedPlace = place is null ? -1 : vocabularies.Places.Find(place.Place.Code);
        var nearPlaces = place is null ? [] : place.Codes.Select(vocabularies.Places.Find).Where(id => id >= 0).Distinct().ToArray();
        var keep = skip + take;
        var heap = new PriorityQueue<Ranked, Ranked>(Comparer<Ranked>.Create((x, y) => Order.Instance.Compare(y, x)));
        var total = 0;
        var noText = text.IsEmpty || phrases.Count == 0 && place is null;

        for (var s = 0; s < Segments.Length; s++)
        {
            var segment = Segments[s];
            var live = Live[s];
            using var matched = noText ? Matches.None : Match(segment, live, textHits[s], idf, avgdl, wantScores: true);
            var (textDocs, scores, matchCount) = (matched.Docs, matched.Scores, matched.Count);
            int[] candidates;
            var candidateCount = 0;
            if (noText)
            {
                candidates = [];
            }
            else if (place is null)
            {
                candidates = textDocs;
                candidateCount = matchCount;
            }
            else
            {
                var near = Near(segment, nearPlaces);
                if (restPhrases is not null)
                {
                    using var restMatched = Match(segment, live, [.. restPhrases.Select(p => Phrase(segment, live, p))], [], avgdl, wantScores: false);
                    near = Intersect(near, restMatched.Docs.AsSpan(0, restMatched.Count));
                }
                candidates = Union(textDocs.AsSpan(0, matchCount), near);
                candidateCount = candidates.Length;
            }
            var count = noText ? segment.Count : candidateCount;
            var t = 0;
            for (var i = 0; i < count; i++)
            {
                var d = noText ? i : candidates[i];
                // A published public item is everyone's; only the others need the whole rule.
                if (!live[d] || segment.States[d] != WorkflowState.Published
                    || segment.Visibilities[d] != Visibility.Public
                       && !EvidenceLibrary.IsVisible(actor, segment.States[d], segment.Visibilities[d], segment.Organisations[d], segment.Submitters[d], segment.SharedWith[d]))
                {
                    continue;
                }
                var docElements = segment.Elements[d];
                if (allElements.Length > 0 && !HasAll(docElements, allElements))
                {
                    continue;
                }
                // Which filters the document fails, as bits: none, it is a result and counts in every facet; exactly
                // one, it counts only in that filter's facet (each facet applies every filter but its own); more, neither.
                var failed = 0;
                if (elementWanted is not null && !AnyIn(docElements, elementWanted))
                {
                    failed |= 1 << (int)Filter.Element;
                }
                if (placeWanted is not null && !AnyIn(segment.Places[d], placeWanted))
                {
                    failed |= 1 << (int)Filter.Place;
                }
                if (region != -2 && segment.Regions[d].IndexOf(region) < 0)
                {
                    failed |= 1 << (int)Filter.Region;
                }
                if (nation != -2 && segment.Nations[d].IndexOf(nation) < 0)
                {
                    failed |= 1 << (int)Filter.Nation;
                }
                if (kinds is not null && !kinds[(int)segment.Kinds[d]])
                {
                    failed |= 1 << (int)Filter.Kind;
                }
                if (minimum is { } m && segment.Strengths[d] < m)
                {
                    failed |= 1 << (int)Filter.Strength;
                }
                if (year is { } y && segment.Years[d] != y)
                {
                    failed |= 1 << (int)Filter.Year;
                }
                if ((failed & (failed - 1)) != 0)
                {
                    continue;
                }
                if (facets)
                {
                    if (Counts(failed, Filter.Element))
                    {
                        foreach (var e in docElements)
                        {
                            elementCounts[e]++;
                        }
                    }
                    if (Counts(failed, Filter.Place))
                    {
                        foreach (var p in segment.Places[d])
                        {
                            placeCounts[p]++;
                        }
                    }
                    if (Counts(failed, Filter.Region))
                    {
                        foreach (var r in segment.Regions[d])
                        {
                            regionCounts[r]++;
                        }
                    }
                    if (Counts(failed, Filter.Nation))
                    {
                        foreach (var n in segment.Nations[d])
                        {
                            nationCounts[n]++;
                        }
                    }
                    if (Counts(failed, Filter.Kind))
                    {
                        kindCounts[(int)segment.Kinds[d]]++;
                    }
                    if (Counts(failed, Filter.Strength))
                    {
                        strengthCounts.Add(segment.Strengths[d]);
                    }
                    if (Counts(failed, Filter.Year) && segment.Years[d] is { } itemYear)
                    {
                        yearCounts.Add(itemYear);
                    }
                }
                if (failed != 0)
                {
                    continue;
                }
                total++;
                // The text's score, when the words matched; textDocs and candidates are both ascending.
                double? score = null;
                if (!noText)
                {
                    while (t < matchCount && textDocs[t] < d)
                    {
                        t++;
                    }
                    if (t < matchCount && textDocs[t] == d)
                    {
                        score = scores[t];
                    }
                }
                var tier = place is null || score is not null || segment.Places[d].Contains(namedPlace) ? 0 : 1;
                var ranked = new Ranked(tier, score ?? 0.0, noText ? segment.Years[d] ?? 0 : 0, segment.Titles[d], segment.ItemIds[d]);
                if (heap.Count < keep)
                {
                    heap.Enqueue(ranked, ranked);
                }
                else if (keep > 0 && Order.Instance.Compare(ranked, heap.Peek()) < 0)
                {
                    heap.EnqueueDequeue(ranked, ranked);
                }
            }
        }

        var best = new List<Ranked>(heap.Count);
        while (heap.Count > 0)
        {
            best.Add(heap.Dequeue());
        }
        best.Reverse();
        var rows = best.Skip(skip).Take(take).Select(r => new EvidenceSearch.PageRow(r.Id, r.Score)).ToList();
        var result = facets ? Facets(elementCounts, placeCounts, regionCounts, nationCounts, kindCounts, strengthCounts.ToDictionary(), yearCounts.ToDictionary()) : EvidenceFacets.None;
        return new Outcome(total, rows, result);
    }

    private EvidenceFacets Facets(int[] elements, int[] places, int[] regions, int[] nations, int[] kinds, Dictionary<int, int> strengths, Dictionary<int, int> years)
    {
        static IReadOnlyList<FacetValue> Sorted(int[] counts, Vocabulary names) =>
        [
            .. counts.Select((count, id) => new FacetValue(names[id], count)).Where(v => v.Count > 0)
                .OrderByDescending(v => v.Count).ThenBy(v => v.Value, StringComparer.Ordinal),
        ];
        var v = Vocabularies;
        var atLeast = Enumerable.Range(StrengthOfEvidence.Lowest, StrengthOfEvidence.Highest)
            .Select(level => new FacetValue(level.ToString(CultureInfo.InvariantCulture), strengths.Where(s => s.Key >= level).Sum(s => s.Value)))
            .Where(f => f.Count > 0);
        return new EvidenceFacets(
            Sorted(elements, v.Elements),
            Sorted(places, v.Places),
            Sorted(regions, v.Regions),
            Sorted(nations, v.Nations),
            [.. kinds.Select((count, kind) => new FacetValue(EvidenceSpellings.Of((EvidenceKind)kind), count)).Where(f => f.Count > 0)
                .OrderByDescending(f => f.Count).ThenBy(f => f.Value, StringComparer.Ordinal)],
            [.. atLeast],
            [.. years.OrderByDescending(y => y.Key).Select(y => new FacetValue(y.Key.ToString(CultureInfo.InvariantCulture), y.Value))]);
    }

    /// <summary>Counts per int value: an array over a range, a dictionary for anything outside it.</summary>
    private sealed class SmallCounts(int lowest, int size)
    {
        private readonly int[] _counts = new int[size];
        private Dictionary<int, int>? _others;

        public void Add(int value)
        {
            var at = value - lowest;
            if ((uint)at < (uint)_counts.Length)
            {
                _counts[at]++;
            }
            else
            {
                _others ??= [];
                _others[value] = _others.GetValueOrDefault(value) + 1;
            }
        }

        public Dictionary<int, int> ToDictionary()
        {
            var all = new Dictionary<int, int>(_others ?? []);
            for (var i = 0; i < _counts.Length; i++)
            {
                if (_counts[i] > 0)
                {
                    all[i + lowest] = _counts[i];
                }
            }
            return all;
        }
    }

    private static bool Counts(int failed, Filter facet) => failed == 0 || failed == 1 << (int)facet;

    private static bool[]? Wanted(IEnumerable<string> values, Vocabulary vocabulary)
    {
        var list = values.ToList();
        if (list.Count == 0)
        {
            return null;
        }
        var wanted = new bool[vocabulary.Count];
        foreach (var value in list)
        {
            if (vocabulary.Find(value) is var id and >= 0)
            {
                wanted[id] = true;
            }
        }
        return wanted;
    }

    private static bool HasAll(ReadOnlySpan<int> values, int[] wanted)
    {
        foreach (var w in wanted)
        {
            if (w < 0 || values.IndexOf(w) < 0)
            {
                return false;
            }
        }
        return true;
    }

    private static bool AnyIn(ReadOnlySpan<int> values, bool[] wanted)
    {
        foreach (var v in values)
        {
            if (wanted[v])
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Each group's terms, as FTS5 reads a quoted string: the group's words tokenised and stemmed.</summary>
    private static List<string[]> Phrases(SearchText text) =>
        [.. text.Groups.Select(g => SearchTokeniser.Terms(string.Join(' ', g)).ToArray()).Where(terms => terms.Length > 0)];

    /// <summary>FTS5's IDF per phrase: log((N − n + 0.5) / (n + 0.5)), n the current items with the phrase, at least 1e-6.</summary>
    private double[] Idf(PhraseHits[][] bySegment, int phrases)
    {
        var idf = new double[phrases];
        for (var i = 0; i < phrases; i++)
        {
            long hits = 0;
            foreach (var segment in bySegment)
            {
                hits += segment[i].Count;
            }
            var value = Math.Log((LiveCount - hits + 0.5) / (hits + 0.5));
            idf[i] = value <= 0 ? 1e-6 : value;
        }
        return idf;
    }

    /// <summary>The current documents with every phrase, ascending, with bm25 scores (higher is better) when wanted.</summary>
    /// <summary>
    /// A segment's matches: the first <see cref="Count"/> documents (ascending) and scores, in arrays from the shared
    /// pool, since a common word's are large enough to go to the large object heap on every search otherwise.
    /// </summary>
    private readonly record struct Matches(int[] Docs, double[] Scores, int Count) : IDisposable
    {
        public static Matches None => new([], [], 0);

        public void Dispose()
        {
            if (Docs.Length > 0)
            {
                ArrayPool<int>.Shared.Return(Docs);
            }
            if (Scores.Length > 0)
            {
                ArrayPool<double>.Shared.Return(Scores);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static Matches Match(IndexSegment segment, bool[] live, PhraseHits[] hits, double[] idf, double avgdl, bool wantScores)
    {
        if (hits.Length == 0 || hits.Any(h => h.Count == 0))
        {
            return Matches.None;
        }
        // Rarest first: the shortest list drives, the others are probed by binary search from where the last probe ended.
        var order = Enumerable.Range(0, hits.Length).OrderBy(i => hits[i].Count).ToArray();
        var lead = hits[order[0]];
        var cursors = new int[hits.Length];
        var docs = ArrayPool<int>.Shared.Rent(lead.Count);
        var scores = wantScores ? ArrayPool<double>.Shared.Rent(lead.Count) : [];
        var count = 0;
        var frequency = new float[hits.Length];
        for (var i = 0; i < lead.Docs.Length; i++)
        {
            var d = lead.Docs[i];
            if (!live[d] || float.IsNaN(lead.Frequencies[i]))
            {
                continue;
            }
            frequency[order[0]] = lead.Frequencies[i];
            var all = true;
            for (var k = 1; k < order.Length && all; k++)
            {
                var other = hits[order[k]];
                var at = Array.BinarySearch(other.Docs, cursors[order[k]], other.Docs.Length - cursors[order[k]], d);
                if (at < 0)
                {
                    cursors[order[k]] = ~at;
                    all = false;
                }
                else
                {
                    cursors[order[k]] = at;
                    all = !float.IsNaN(other.Frequencies[at]);
                    frequency[order[k]] = other.Frequencies[at];
                }
            }
            if (!all)
            {
                continue;
            }
            docs[count] = d;
            if (wantScores)
            {
                var score = 0.0;
                var norm = K1 * (1 - B + B * segment.Lengths[d] / avgdl);
                for (var p = 0; p < hits.Length; p++)
                {
                    score += idf[p] * (frequency[p] * (K1 + 1.0) / (frequency[p] + norm));
                }
                scores[count] = score;
            }
            count++;
        }
        return new Matches(docs, scores, count);
    }

    /// <summary>
    /// A phrase's documents in a segment with bm25's frequency (instances × field weight). A single word is its
    /// postings as they are; a phrase keeps the documents where its words stand consecutively in one field, with
    /// NaN for those where they do not, so the arrays line up with the first word's postings. Count is current documents.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static PhraseHits Phrase(IndexSegment segment, bool[] live, string[] terms)
    {
        var postings = new Postings[terms.Length];
        for (var i = 0; i < terms.Length; i++)
        {
            if (!segment.Terms.TryGetValue(terms[i], out var p))
            {
                return new PhraseHits([], [], 0);
            }
            postings[i] = p;
        }
        var first = postings[0];
        if (terms.Length == 1)
        {
            var current = 0;
            foreach (var d in first.Docs)
            {
                if (live[d])
                {
                    current++;
                }
            }
            return new PhraseHits(first.Docs, first.Weighted, current);
        }
        var frequencies = new float[first.Docs.Length];
        var count = 0;
        var positions = new List<int>[terms.Length];
        for (var i = 0; i < terms.Length; i++)
        {
            positions[i] = [];
        }
        var cursors = new int[terms.Length];
        var postingAt = new int[terms.Length];
        for (var i = 0; i < first.Docs.Length; i++)
        {
            frequencies[i] = float.NaN;
            var d = first.Docs[i];
            if (!live[d])
            {
                continue;
            }
            postingAt[0] = i;
            var all = true;
            for (var k = 1; k < terms.Length && all; k++)
            {
                var at = Array.BinarySearch(postings[k].Docs, cursors[k], postings[k].Docs.Length - cursors[k], d);
                if (at < 0)
                {
                    cursors[k] = ~at;
                    all = false;
                }
                else
                {
                    cursors[k] = at;
                    postingAt[k] = at;
                }
            }
            if (!all)
            {
                continue;
            }
            for (var k = 0; k < terms.Length; k++)
            {
                postings[k].ReadPositions(postingAt[k], positions[k]);
            }
            var weighted = 0f;
            foreach (var start in positions[0])
            {
                var whole = true;
                for (var k = 1; k < terms.Length && whole; k++)
                {
                    whole = positions[k].BinarySearch(start + k) >= 0;
                }
                if (whole)
                {
                    weighted += IndexSegment.Weights[segment.FieldOf(d, start)];
                }
            }
            if (weighted > 0)
            {
                frequencies[i] = weighted;
                count++;
            }
        }
        return new PhraseHits(first.Docs, frequencies, count);
    }

    private static int[] Near(IndexSegment segment, int[] places)
    {
        if (places.Length == 0)
        {
            return [];
        }
        var set = new SortedSet<int>();
        foreach (var place in places)
        {
            if (segment.DocsByPlace.TryGetValue(place, out var docs))
            {
                set.UnionWith(docs);
            }
        }
        return [.. set];
    }

    private static int[] Intersect(int[] a, ReadOnlySpan<int> b)
    {
        var result = new List<int>();
        int i = 0, j = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] < b[j])
            {
                i++;
            }
            else if (a[i] > b[j])
            {
                j++;
            }
            else
            {
                result.Add(a[i]);
                i++;
                j++;
            }
        }
        return [.. result];
    }

    private static int[] Union(ReadOnlySpan<int> a, int[] b)
    {
        var result = new List<int>(a.Length + b.Length);
        int i = 0, j = 0;
        while (i < a.Length || j < b.Length)
        {
            if (j >= b.Length || i < a.Length && a[i] < b[j])
            {
                result.Add(a[i++]);
            }
            else if (i >= a.Length || b[j] < a[i])
            {
                result.Add(b[j++]);
            }
            else
            {
                result.Add(a[i]);
                i++;
                j++;
            }
        }
        return [.. result];
    }
}
