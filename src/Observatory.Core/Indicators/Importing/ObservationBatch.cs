namespace Observatory.Indicators.Importing;

/// <summary>
/// Parsed, validated observations held as compact columns (one array per field, strings interned to small
/// integers) rather than one object per row: an import of tens of millions of rows stays within memory and the
/// writer streams straight from the arrays.
/// </summary>
public sealed class ObservationBatch
{
    private readonly Dictionary<string, int> _stringIndex = new(StringComparer.Ordinal);
    private readonly Dictionary<Period, int> _periodIndex = [];
    private int _capacity;

    public ObservationBatch(int capacity = 1024)
    {
        _capacity = Math.Max(16, capacity);
        Indicator = new int[_capacity];
        Area = new int[_capacity];
        Original = new int[_capacity];
        PeriodOf = new int[_capacity];
        Disaggregation = new int[_capacity];
        Value = new double[_capacity];
        Lci = new double[_capacity];
        Uci = new double[_capacity];
        Status = new int[_capacity];
        Note = new int[_capacity];
        Line = new int[_capacity];
        Label = new int[_capacity];
        Strings.Add("");
        _stringIndex[""] = 0;
    }

    public int Count { get; private set; }

    /// <summary>Interned strings; index 0 is the empty string, used for "none".</summary>
    public List<string> Strings { get; } = [];

    public List<Period> Periods { get; } = [];

    public int[] Indicator { get; private set; }
    public int[] Area { get; private set; }

    /// <summary>The code the file used, when it was recoded to <see cref="Area"/>; 0 otherwise.</summary>
    public int[] Original { get; private set; }

    public int[] PeriodOf { get; private set; }
    public int[] Disaggregation { get; private set; }

    /// <summary>NaN for a missing value.</summary>
    public double[] Value { get; private set; }

    public double[] Lci { get; private set; }
    public double[] Uci { get; private set; }
    public int[] Status { get; private set; }
    public int[] Note { get; private set; }
    public int[] Line { get; private set; }

    /// <summary>The geography label the file gave (ELS), to tell a repeat under another label from a true duplicate.</summary>
    public int[] Label { get; private set; }

    public int Intern(string s)
    {
        if (_stringIndex.TryGetValue(s, out var i))
        {
            return i;
        }
        i = Strings.Count;
        Strings.Add(s);
        _stringIndex[s] = i;
        return i;
    }

    public int Intern(ReadOnlySpan<char> s)
    {
        if (s.IsEmpty)
        {
            return 0;
        }
        var lookup = _stringIndex.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(s, out var i))
        {
            return i;
        }
        return Intern(new string(s));
    }

    public int InternPeriod(Period period)
    {
        if (_periodIndex.TryGetValue(period, out var i))
        {
            return i;
        }
        i = Periods.Count;
        Periods.Add(period);
        _periodIndex[period] = i;
        return i;
    }

    public int Add(int line, int indicator, int area, int original, int period, int disaggregation, double value, double lci, double uci, int status, int note, int label = 0)
    {
        if (Count == _capacity)
        {
            Grow();
        }
        var r = Count++;
        Line[r] = line;
        Indicator[r] = indicator;
        Area[r] = area;
        Original[r] = original;
        PeriodOf[r] = period;
        Disaggregation[r] = disaggregation;
        Value[r] = value;
        Lci[r] = lci;
        Uci[r] = uci;
        Status[r] = status;
        Note[r] = note;
        Label[r] = label;
        return r;
    }

    /// <summary>Stores <paramref name="area"/> in place of a recoded row's area (used when the current code already has the row).</summary>
    public void Restore(int row, int area)
    {
        Area[row] = area;
        Original[row] = 0;
    }

    public string? StringOrNull(int index) => index == 0 ? null : Strings[index];

    public static double? Nullable(double d) => double.IsNaN(d) ? null : d;

    private void Grow()
    {
        _capacity *= 2;
        Indicator = Resize(Indicator);
        Area = Resize(Area);
        Original = Resize(Original);
        PeriodOf = Resize(PeriodOf);
        Disaggregation = Resize(Disaggregation);
        Value = Resize(Value);
        Lci = Resize(Lci);
        Uci = Resize(Uci);
        Status = Resize(Status);
        Note = Resize(Note);
        Line = Resize(Line);
        Label = Resize(Label);
    }

    private T[] Resize<T>(T[] array)
    {
        var bigger = GC.AllocateUninitializedArray<T>(_capacity);
        Array.Copy(array, bigger, Count);
        return bigger;
    }
}
