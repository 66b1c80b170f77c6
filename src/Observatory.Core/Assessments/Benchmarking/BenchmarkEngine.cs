namespace Observatory.Assessments.Benchmarking;

/// <summary>What a benchmark figure is about: the whole template, a topic or section, a theme of a topic, or a question.</summary>
public enum BenchmarkItemKind
{
    Overall,
    Topic,
    Theme,
    Question,
}

/// <summary>
/// A part of the template with figures of its own. Ids are the template's: a question's or topic's id, a theme's
/// as <c>topic/theme</c> (themes of different topics share names), and <c>overall</c> for the whole.
/// </summary>
public sealed record BenchmarkItem(string Id, BenchmarkItemKind Kind, string Title);

/// <summary>
/// How the levels of a group's contributors are spread: how many, the median and the lower and upper quartiles
/// (linear interpolation between the sorted levels: Hyndman and Fan's type 7, as R, pandas and a spreadsheet's
/// QUARTILE.INC compute them). Never a mean, a name or a rank.
/// </summary>
public sealed record Distribution(int Count, double Median, double LowerQuartile, double UpperQuartile);

/// <summary>One item's figures for one group: its distribution, or why it is suppressed.</summary>
public sealed record BenchmarkFigure(string Item, Distribution? Distribution, SuppressionReason? Suppressed);

/// <summary>One peer group's figures: how many organisations contributed (unless suppressed) and each item's figures.</summary>
public sealed record GroupBenchmark(PeerGroup Group, int? Contributors, SuppressionReason? Suppressed, IReadOnlyList<BenchmarkFigure> Figures);

/// <summary>Everything a benchmark release publishes for a template and period: every item's figures in every peer group.</summary>
public sealed record BenchmarkStatistics(string TemplateId, string TemplateVersion, string Period, int MaxLevel,
    IReadOnlyList<BenchmarkItem> Items, IReadOnlyList<GroupBenchmark> Groups)
{
    public GroupBenchmark? Group(string id) => Groups.FirstOrDefault(g => string.Equals(g.Group.Id, id, StringComparison.OrdinalIgnoreCase));
}

/// <summary>
/// The statistics of a benchmark, pure and in memory. For each contributor it works out a level for every question
/// answered, every theme, topic (or section) and the whole, by the weakest-link rule <see cref="AssessmentScoring"/>
/// uses (a theme's level is its lowest answer, an unanswered question counting as no level, 0; a topic's the lowest
/// of its themes'; the whole's the lowest of its topics'); a contributor who answered none of a part's questions is
/// not counted for that part. It counts the levels of each item in each peer group the contributor belongs to, and
/// reads the median and quartiles off those counts (levels are whole numbers, so no sort is needed). Suppression
/// (<see cref="BenchmarkSuppression"/>) is decided for the release as a whole and again for each distinct set of
/// contributors an item has, so a question some organisations skipped is checked on its own.
/// </summary>
public static class BenchmarkEngine
{
    public const string OverallId = "overall";

    /// <summary>The items of a template in the order pages show them: the whole, then each topic with its themes and questions.</summary>
    public static IReadOnlyList<BenchmarkItem> Items(AssessmentTemplate template) => Plan.For(template).Items;

    /// <summary>
    /// One organisation's level for every item it is counted in (item id → level), by the same rule the figures are
    /// made by, so its own position can be read against a published distribution.
    /// </summary>
    public static IReadOnlyDictionary<string, int> LevelsOf(AssessmentTemplate template, IReadOnlyDictionary<string, int> levels)
    {
        var plan = Plan.For(template);
        var row = new int[plan.Items.Count];
        plan.Levels(levels, row);
        var result = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < row.Length; i++)
        {
            if (row[i] >= 0)
            {
                result[plan.Items[i].Id] = row[i];
            }
        }
        return result;
    }

    public static BenchmarkStatistics Compute(AssessmentTemplate template, string period, IReadOnlyList<BenchmarkContribution> contributions, PeerGroupDirectory directory)
    {
        // One contribution per organisation: should a source give two, the later stands.
        var unique = contributions.GroupBy(c => c.OrganisationId).Select(g => g.Last()).ToList();
        var groups = directory.Groups;
        var index = groups.Select((g, i) => (g.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
        var memberships = unique.Select(c => directory.GroupsOf(c.PlaceCodes).Select(g => index[g.Id]).ToArray()).ToList();
        return Compute(template, period, unique, groups, memberships);
    }

    /// <summary>
    /// The statistics over any groups: <paramref name="membership"/> gives, for each contribution, the indexes of the
    /// groups it belongs to. The fixed peer groups come from <see cref="PeerGroupDirectory"/>; tests use their own.
    /// </summary>
    public static BenchmarkStatistics Compute(AssessmentTemplate template, string period, IReadOnlyList<BenchmarkContribution> contributions,
        IReadOnlyList<PeerGroup> groups, IReadOnlyList<int[]> membership)
    {
        var plan = Plan.For(template);
        var items = plan.Items.Count;
        var n = contributions.Count;
        var g = groups.Count;
        var words = (n + 63) / 64;
        var kinds = groups.Select(x => x.Kind).ToArray();

        // Each contributor's level for every item (-1: not counted), read once.
        var levels = new int[n * items];
        var maxLevel = Math.Max(template.MaxLevel, 0);
        for (var c = 0; c < n; c++)
        {
            var top = plan.Levels(contributions[c].Levels, levels.AsSpan(c * items, items));
            maxLevel = Math.Max(maxLevel, top);
        }
        var width = maxLevel + 1;

        var groupMembers = new ulong[g][];
        for (var k = 0; k < g; k++)
        {
            groupMembers[k] = new ulong[words];
        }
        var counts = new int[g * items * width];
        for (var c = 0; c < n; c++)
        {
            var mine = membership[c];
            foreach (var k in mine)
            {
                groupMembers[k][c >> 6] |= 1UL << (c & 63);
            }
            var row = levels.AsSpan(c * items, items);
            foreach (var k in mine)
            {
                var baseIndex = k * items * width;
                for (var i = 0; i < items; i++)
                {
                    if (row[i] >= 0)
                    {
                        counts[baseIndex + i * width + row[i]]++;
                    }
                }
            }
        }

        var releaseLevel = BenchmarkSuppression.Decide(kinds, groupMembers);

        // Suppression per distinct set of counted contributors; with complete answers there is one, shared by all items.
        var decisions = new Dictionary<ulong[], SuppressionReason?[]>(BitsComparer.Instance);
        var itemReasons = new SuppressionReason?[items][];
        for (var i = 0; i < items; i++)
        {
            var counted = new ulong[words];
            for (var c = 0; c < n; c++)
            {
                if (levels[c * items + i] >= 0)
                {
                    counted[c >> 6] |= 1UL << (c & 63);
                }
            }
            if (!decisions.TryGetValue(counted, out var reasons))
            {
                var members = new ulong[g][];
                for (var k = 0; k < g; k++)
                {
                    members[k] = new ulong[words];
                    for (var w = 0; w < words; w++)
                    {
                        members[k][w] = groupMembers[k][w] & counted[w];
                    }
                }
                reasons = BenchmarkSuppression.Decide(kinds, members, releaseLevel);
                decisions[counted] = reasons;
            }
            itemReasons[i] = reasons;
        }

        var result = new List<GroupBenchmark>(g);
        for (var k = 0; k < g; k++)
        {
            var figures = new BenchmarkFigure[items];
            for (var i = 0; i < items; i++)
            {
                var id = plan.Items[i].Id;
                figures[i] = itemReasons[i][k] is { } reason
                    ? new BenchmarkFigure(id, null, reason)
                    : new BenchmarkFigure(id, Spread(counts.AsSpan((k * items + i) * width, width)), null);
            }
            var contributors = BenchmarkSuppression.Count(groupMembers[k]);
            result.Add(new GroupBenchmark(groups[k], releaseLevel[k] is null ? contributors : null, releaseLevel[k], figures));
        }
        return new BenchmarkStatistics(template.Id, template.Version, period, template.MaxLevel, plan.Items, result);
    }

    /// <summary>The distribution of levels given as counts per level (index = level).</summary>
    public static Distribution Spread(ReadOnlySpan<int> countsByLevel)
    {
        var n = 0;
        foreach (var c in countsByLevel)
        {
            n += c;
        }
        return new Distribution(n, Quantile(countsByLevel, n, 0.5), Quantile(countsByLevel, n, 0.25), Quantile(countsByLevel, n, 0.75));
    }

    /// <summary>Hyndman and Fan's type 7: h = (n − 1)p; x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋ + 1] − x[⌊h⌋]) over the sorted levels.</summary>
    private static double Quantile(ReadOnlySpan<int> countsByLevel, int n, double p)
    {
        if (n == 0)
        {
            return double.NaN;
        }
        var h = (n - 1) * p;
        var lo = (int)Math.Floor(h);
        var fraction = h - lo;
        double a = OrderStatistic(countsByLevel, lo);
        if (fraction == 0)
        {
            return a;
        }
        double b = OrderStatistic(countsByLevel, Math.Min(lo + 1, n - 1));
        return a + (fraction * (b - a));
    }

    /// <summary>The k-th smallest level (0-based).</summary>
    private static int OrderStatistic(ReadOnlySpan<int> countsByLevel, int k)
    {
        var seen = 0;
        for (var level = 0; level < countsByLevel.Length; level++)
        {
            seen += countsByLevel[level];
            if (seen > k)
            {
                return level;
            }
        }
        return countsByLevel.Length - 1;
    }

    /// <summary>The template's items and how each one's level is made from the questions'.</summary>
    private sealed class Plan
    {
        public required IReadOnlyList<BenchmarkItem> Items { get; init; }
        public required string[] QuestionIds { get; init; }

        /// <summary>For each item, what it is the minimum of: question indexes (a theme, or a section) or item indexes (a topic, the whole).</summary>
        public required (BenchmarkItemKind Kind, int[] Of, bool OfQuestions)[] Parts { get; init; }

        /// <summary>Item index of each question.</summary>
        public required int[] QuestionItem { get; init; }

        public static Plan For(AssessmentTemplate template)
        {
            // Answers in words beside scored questions have no level: left out, they neither count as 0 in their
            // theme's weakest link nor appear as items.
            template = template.Scored();
            var items = new List<BenchmarkItem> { new(OverallId, BenchmarkItemKind.Overall, "Whole assessment") };
            var parts = new List<(BenchmarkItemKind, int[], bool)> { (BenchmarkItemKind.Overall, [], false) };
            var questionIds = new List<string>();
            var questionItem = new List<int>();
            var topicItems = new List<int>();
            var themed = template.Structure == TemplateStructure.Topics;
            foreach (var topic in template.Topics)
            {
                var topicIndex = items.Count;
                topicItems.Add(topicIndex);
                items.Add(new BenchmarkItem(topic.Id, BenchmarkItemKind.Topic, topic.Title));
                parts.Add((BenchmarkItemKind.Topic, [], !themed));
                var themeItems = new List<int>();
                var topicQuestions = new List<int>();
                foreach (var theme in topic.Themes)
                {
                    var themeIndex = -1;
                    if (themed)
                    {
                        themeIndex = items.Count;
                        themeItems.Add(themeIndex);
                        items.Add(new BenchmarkItem($"{topic.Id}/{theme.Id}", BenchmarkItemKind.Theme, theme.Title));
                        parts.Add((BenchmarkItemKind.Theme, [], true));
                    }
                    var themeQuestions = new List<int>();
                    foreach (var question in theme.Questions)
                    {
                        themeQuestions.Add(questionIds.Count);
                        topicQuestions.Add(questionIds.Count);
                        questionIds.Add(question.Id);
                        questionItem.Add(items.Count);
                        items.Add(new BenchmarkItem(question.Id, BenchmarkItemKind.Question, question.Text));
                        parts.Add((BenchmarkItemKind.Question, [], true));
                    }
                    if (themed)
                    {
                        parts[themeIndex] = (BenchmarkItemKind.Theme, [.. themeQuestions], true);
                    }
                }
                parts[topicIndex] = themed ? (BenchmarkItemKind.Topic, [.. themeItems], false) : (BenchmarkItemKind.Topic, [.. topicQuestions], true);
            }
            parts[0] = (BenchmarkItemKind.Overall, [.. topicItems], false);
            return new Plan { Items = items, QuestionIds = [.. questionIds], Parts = [.. parts], QuestionItem = [.. questionItem] };
        }

        /// <summary>Fills one contributor's level for every item (-1: not counted) and returns the highest level seen.</summary>
        public int Levels(IReadOnlyDictionary<string, int> answers, Span<int> row)
        {
            row.Fill(-1);
            var top = 0;
            for (var q = 0; q < QuestionIds.Length; q++)
            {
                if (answers.TryGetValue(QuestionIds[q], out var level) && level >= 0)
                {
                    row[QuestionItem[q]] = level;
                    top = Math.Max(top, level);
                }
            }
            // Parts come after their questions in the list except where they sum up items; work from the end so a
            // theme is known before its topic, and a topic before the whole.
            for (var i = Parts.Length - 1; i >= 0; i--)
            {
                var (kind, of, ofQuestions) = Parts[i];
                if (kind == BenchmarkItemKind.Question)
                {
                    continue;
                }
                var any = false;
                var min = int.MaxValue;
                foreach (var j in of)
                {
                    var level = row[ofQuestions ? QuestionItem[j] : j];
                    any |= level >= 0;
                    min = Math.Min(min, Math.Max(level, 0));
                }
                row[i] = any ? min : -1;
            }
            return top;
        }
    }

    private sealed class BitsComparer : IEqualityComparer<ulong[]>
    {
        public static readonly BitsComparer Instance = new();

        public bool Equals(ulong[]? x, ulong[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(ulong[] bits)
        {
            var hash = new HashCode();
            foreach (var w in bits)
            {
                hash.Add(w);
            }
            return hash.ToHashCode();
        }
    }
}
