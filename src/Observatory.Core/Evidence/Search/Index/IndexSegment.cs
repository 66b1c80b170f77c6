using Observatory.Accounts;

namespace Observatory.Evidence.Search.Index;

/// <summary>One item as the index loads it: the text of each indexed field, and the columns it filters and decides visibility on.</summary>
internal sealed record IndexedItem(
    long Id,
    string Title,
    string[] Fields,
    WorkflowState State,
    Visibility Visibility,
    long? OrganisationId,
    long? SubmittedById,
    long[] SharedWith,
    EvidenceKind Kind,
    int Strength,
    int? Year,
    List<string> Places,
    List<string> Elements);

/// <summary>A term's postings in one segment: documents ascending, the weighted frequency bm25 uses, and positions.</summary>
internal sealed class Postings(int[] docs, float[] weighted, int[] positionStarts, byte[] positions)
{
    public int[] Docs { get; } = docs;

    /// <summary>Per document, Σ over fields of (occurrences × the field's weight): FTS5's per-phrase frequency for one word.</summary>
    public float[] Weighted { get; } = weighted;

    /// <summary>Where each document's positions start in <see cref="Positions"/> (one more entry than documents).</summary>
    public int[] PositionStarts { get; } = positionStarts;

    /// <summary>Positions within the document, ascending, as variable-length deltas: a few bytes a word rather than an int.</summary>
    public byte[] Positions { get; } = positions;

    public void ReadPositions(int posting, List<int> into)
    {
        into.Clear();
        var at = PositionStarts[posting];
        var end = PositionStarts[posting + 1];
        var previous = 0;
        while (at < end)
        {
            var value = 0;
            var shift = 0;
            byte b;
            do
            {
                b = Positions[at++];
                value |= (b & 0x7F) << shift;
                shift += 7;
            }
            while ((b & 0x80) != 0);
            previous += value;
            into.Add(previous);
        }
    }
}

/// <summary>
/// An immutable part of the index: the items loaded together (all of them at a full build, the changed ones at a
/// refresh). Facet values are small ints into the snapshot's vocabularies; a document's positions run through its
/// fields in order with a gap of one between fields, so "consecutive" never crosses from one field into the next.
/// </summary>
internal sealed class IndexSegment
{
    public const int FieldCount = 6;

    /// <summary>bm25's weights, in the fields' order (the view evidence_index_source's): title, summary, body, organisations, places, elements.</summary>
    public static readonly float[] Weights = [10f, 4f, 1f, 3f, 3f, 2f];

    public required long[] ItemIds { get; init; }
    public required string[] Titles { get; init; }
    public required WorkflowState[] States { get; init; }
    public required Visibility[] Visibilities { get; init; }
    public required long?[] Organisations { get; init; }
    public required long?[] Submitters { get; init; }
    public required long[][] SharedWith { get; init; }
    public required EvidenceKind[] Kinds { get; init; }
    public required int[] Strengths { get; init; }
    public required int?[] Years { get; init; }
    public required Ragged Elements { get; init; }
    public required Ragged Places { get; init; }
    public required Ragged Regions { get; init; }
    public required Ragged Nations { get; init; }

    /// <summary>Tokens per document over every field: bm25's document length.</summary>
    public required int[] Lengths { get; init; }

    /// <summary>Per document, <see cref="FieldCount"/> starting positions, so a position tells its field.</summary>
    public required int[] FieldStarts { get; init; }

    public required Dictionary<string, Postings> Terms { get; init; }

    /// <summary>Documents per place id, ascending: the place rule's neighbours.</summary>
    public required Dictionary<int, int[]> DocsByPlace { get; init; }

    public int Count => ItemIds.Length;

    public long TotalLength { get; init; }

    public int FieldOf(int doc, int position)
    {
        var starts = FieldStarts.AsSpan(doc * FieldCount, FieldCount);
        for (var f = FieldCount - 1; f > 0; f--)
        {
            if (position >= starts[f])
            {
                return f;
            }
        }
        return 0;
    }

    /// <summary>Builds a segment; <paramref name="vocabularies"/> grows with any facet value not seen before.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static IndexSegment Build(IReadOnlyList<IndexedItem> items, IndexVocabularies vocabularies, Func<string, (string? Region, string? Nation)> placeAreas)
    {
        var n = items.Count;
        var terms = new Dictionary<string, TermBuilder>(StringComparer.Ordinal);
        var stems = new Dictionary<string, TermBuilder>(StringComparer.Ordinal);
        var stemLookup = stems.GetAlternateLookup<ReadOnlySpan<char>>();
        var touched = new List<TermBuilder>();
        var lengths = new int[n];
        var fieldStarts = new int[n * FieldCount];
        var docsByPlace = new Dictionary<int, List<int>>();
        long total = 0;
        var doc = 0;
        var position = 0;
        var field = 0;

        void Add(ReadOnlySpan<char> token)
        {
            if (!stemLookup.TryGetValue(token, out var builder))
            {
                var raw = token.ToString();
                var stem = PorterStemmer.Stem(raw);
                if (!terms.TryGetValue(stem, out builder))
                {
                    builder = new TermBuilder();
                    terms.Add(stem, builder);
                }
                stems.Add(raw, builder);
            }
            if (builder.CurrentDoc != doc)
            {
                builder.CurrentDoc = doc;
                builder.CurrentWeighted = 0;
                builder.CurrentPositions.Clear();
                touched.Add(builder);
            }
            builder.CurrentWeighted += Weights[field];
            builder.CurrentPositions.Add(position);
            position++;
        }

        var elements = new int[n][];
        var places = new int[n][];
        var regions = new int[n][];
        var nations = new int[n][];
        for (doc = 0; doc < n; doc++)
        {
            var item = items[doc];
            position = 0;
            var length = 0;
            for (field = 0; field < FieldCount; field++)
            {
                fieldStarts[doc * FieldCount + field] = position;
                var before = position;
                SearchTokeniser.Tokens(item.Fields[field] ?? "", Add);
                length += position - before;
                position++;
            }
            lengths[doc] = length;
            total += length;
            foreach (var builder in touched)
            {
                builder.Close(doc);
            }
            touched.Clear();
            elements[doc] = [.. item.Elements.Select(vocabularies.Elements.Intern).Distinct()];
            places[doc] = [.. item.Places.Select(vocabularies.Places.Intern).Distinct()];
            var areas = item.Places.Select(placeAreas).ToList();
            regions[doc] = [.. areas.Select(a => a.Region).OfType<string>().Distinct(StringComparer.Ordinal).Select(vocabularies.Regions.Intern)];
            nations[doc] = [.. areas.Select(a => a.Nation).OfType<string>().Distinct(StringComparer.Ordinal).Select(vocabularies.Nations.Intern)];
            foreach (var place in places[doc])
            {
                if (!docsByPlace.TryGetValue(place, out var list))
                {
                    docsByPlace[place] = list = [];
                }
                list.Add(doc);
            }
        }
        return new IndexSegment
        {
            ItemIds = [.. items.Select(i => i.Id)],
            Titles = [.. items.Select(i => i.Title)],
            States = [.. items.Select(i => i.State)],
            Visibilities = [.. items.Select(i => i.Visibility)],
            Organisations = [.. items.Select(i => i.OrganisationId)],
            Submitters = [.. items.Select(i => i.SubmittedById)],
            SharedWith = [.. items.Select(i => i.SharedWith)],
            Kinds = [.. items.Select(i => i.Kind)],
            Strengths = [.. items.Select(i => i.Strength)],
            Years = [.. items.Select(i => i.Year)],
            Elements = Ragged.From(elements),
            Places = Ragged.From(places),
            Regions = Ragged.From(regions),
            Nations = Ragged.From(nations),
            Lengths = lengths,
            FieldStarts = fieldStarts,
            TotalLength = total,
            Terms = terms.ToDictionary(t => t.Key, t => t.Value.ToPostings(), StringComparer.Ordinal),
            DocsByPlace = docsByPlace.ToDictionary(p => p.Key, p => p.Value.ToArray()),
        };
    }

    private sealed class TermBuilder
    {
        private readonly List<int> _docs = [];
        private readonly List<float> _weighted = [];
        private readonly List<int> _starts = [];
        private readonly List<byte> _positions = [];

        public int CurrentDoc { get; set; } = -1;
        public float CurrentWeighted { get; set; }
        public List<int> CurrentPositions { get; } = [];

        public void Close(int doc)
        {
            _docs.Add(doc);
            _weighted.Add(CurrentWeighted);
            _starts.Add(_positions.Count);
            var previous = 0;
            foreach (var p in CurrentPositions)
            {
                var delta = (uint)(p - previous);
                previous = p;
                while (delta >= 0x80)
                {
                    _positions.Add((byte)(delta | 0x80));
                    delta >>= 7;
                }
                _positions.Add((byte)delta);
            }
        }

        public Postings ToPostings() => new([.. _docs], [.. _weighted], [.. _starts, _positions.Count], [.. _positions]);
    }
}

/// <summary>
/// Each document's few values (its elements, say) end to end in one array, with where each document's start: a
/// search reads them in document order, so from memory in sequence, and the collector has two arrays to trace
/// rather than one small array a document.
/// </summary>
internal sealed class Ragged(int[] starts, int[] values)
{
    public ReadOnlySpan<int> this[int doc] => values.AsSpan(starts[doc], starts[doc + 1] - starts[doc]);

    public static Ragged From(int[][] perDocument)
    {
        var starts = new int[perDocument.Length + 1];
        for (var d = 0; d < perDocument.Length; d++)
        {
            starts[d + 1] = starts[d] + perDocument[d].Length;
        }
        var values = new int[starts[^1]];
        for (var d = 0; d < perDocument.Length; d++)
        {
            perDocument[d].CopyTo(values, starts[d]);
        }
        return new Ragged(starts, values);
    }
}

/// <summary>Facet values as small ints. Append-only and shared by a snapshot's segments; a new snapshot copies before adding.</summary>
internal sealed class Vocabulary
{
    private readonly List<string> _names;
    private readonly Dictionary<string, int> _ids;

    public Vocabulary() : this([], new Dictionary<string, int>(StringComparer.Ordinal))
    {
    }

    private Vocabulary(List<string> names, Dictionary<string, int> ids)
    {
        _names = names;
        _ids = ids;
    }

    public int Count => _names.Count;

    public string this[int id] => _names[id];

    public int Intern(string name)
    {
        if (!_ids.TryGetValue(name, out var id))
        {
            id = _names.Count;
            _names.Add(name);
            _ids.Add(name, id);
        }
        return id;
    }

    /// <summary>The id of a value, or -1 when no item has it.</summary>
    public int Find(string? name) => name is not null && _ids.TryGetValue(name, out var id) ? id : -1;

    public Vocabulary Copy() => new([.. _names], new Dictionary<string, int>(_ids, StringComparer.Ordinal));
}

internal sealed class IndexVocabularies
{
    public Vocabulary Elements { get; init; } = new();
    public Vocabulary Places { get; init; } = new();
    public Vocabulary Regions { get; init; } = new();
    public Vocabulary Nations { get; init; } = new();

    public IndexVocabularies Copy() => new() { Elements = Elements.Copy(), Places = Places.Copy(), Regions = Regions.Copy(), Nations = Nations.Copy() };
}
