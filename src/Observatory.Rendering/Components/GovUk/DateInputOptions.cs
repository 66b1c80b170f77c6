using System.Text.Json.Serialization;

namespace Observatory.Rendering.Components.GovUk;

public sealed class DateInputOptions
{
    /// <summary>Prefixes the fields' ids (<c>{id}-day</c>…) and the hint and error ids.</summary>
    public string? Id { get; set; }

    /// <summary>Prefixes the fields' names (<c>{namePrefix}-day</c>…).</summary>
    public string? NamePrefix { get; set; }

    /// <summary>Replaces the day, month and year fields altogether.</summary>
    public IReadOnlyList<DateInputItem>? Items { get; set; }

    public HintOptions? Hint { get; set; }

    public ErrorMessageOptions? ErrorMessage { get; set; }

    public FormGroupOptions? FormGroup { get; set; }

    public FieldsetOptions? Fieldset { get; set; }

    [JsonConverter(typeof(DateInputFieldJsonConverter))]
    public DateInputItem? Day { get; set; }

    [JsonConverter(typeof(DateInputFieldJsonConverter))]
    public DateInputItem? Month { get; set; }

    [JsonConverter(typeof(DateInputFieldJsonConverter))]
    public DateInputItem? Year { get; set; }

    /// <summary>Field values keyed by field name (<c>day</c>, or <c>{namePrefix}-day</c> when prefixed).</summary>
    [JsonConverter(typeof(LooseStringMapJsonConverter))]
    public Dictionary<string, string>? Values { get; set; }

    public string? Classes { get; set; }

    [JsonConverter(typeof(AttributesJsonConverter))]
    public Dictionary<string, string>? Attributes { get; set; }
}

public sealed class DateInputItem
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    /// <summary>Defaults to the capitalised name.</summary>
    public string? Label { get; set; }

    [JsonConverter(typeof(LooseStringJsonConverter))]
    public string? Value { get; set; }

    /// <summary>Marks this field as in error; <c>false</c> keeps it clear even when the date as a whole is in error.</summary>
    public bool? Error { get; set; }

    public string? Autocomplete { get; set; }

    public string? Pattern { get; set; }

    /// <summary>Defaults to <c>numeric</c>.</summary>
    public string? Inputmode { get; set; }

    public string? Classes { get; set; }

    [JsonConverter(typeof(AttributesJsonConverter))]
    public Dictionary<string, string>? Attributes { get; set; }

    /// <summary>Our equivalent of the macro's <c>day: false</c>: leave this field out, for example a month-and-year date.</summary>
    [JsonIgnore]
    public bool Omit { get; set; }
}
