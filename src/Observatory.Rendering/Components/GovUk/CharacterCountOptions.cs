using System.Text.Json.Serialization;

namespace Observatory.Rendering.Components.GovUk;

[JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
public sealed class CharacterCountOptions
{
    /// <summary>Defaults to <see cref="Name"/>.</summary>
    public string? Id { get; set; }

    public string? Name { get; set; }

    public int? Rows { get; set; }

    public string? Value { get; set; }

    public int? Maxlength { get; set; }

    public int? Maxwords { get; set; }

    /// <summary>The percentage of the limit at which the count message appears.</summary>
    public int? Threshold { get; set; }

    /// <summary><c>words</c> or <c>characters</c>; defaults to words when <see cref="Maxwords"/> is set.</summary>
    public string? CountType { get; set; }

    public LabelOptions? Label { get; set; }

    public HintOptions? Hint { get; set; }

    public ErrorMessageOptions? ErrorMessage { get; set; }

    public FormGroupOptions? FormGroup { get; set; }

    public string? Classes { get; set; }

    [JsonConverter(typeof(AttributesJsonConverter))]
    public Dictionary<string, string>? Attributes { get; set; }

    public bool? Spellcheck { get; set; }

    public CharacterCountMessage? CountMessage { get; set; }

    /// <summary>Shown before JavaScript runs; <c>%{count}</c> is replaced by the limit.</summary>
    public string? TextareaDescriptionText { get; set; }

    // The remaining messages are handed to GOV.UK Frontend's JavaScript. Pluralised ones are keyed
    // by plural rule (`one`, `other`) and may contain %{count}.
    [JsonConverter(typeof(LooseStringMapJsonConverter))]
    public Dictionary<string, string>? CharactersUnderLimitText { get; set; }

    public string? CharactersAtLimitText { get; set; }

    [JsonConverter(typeof(LooseStringMapJsonConverter))]
    public Dictionary<string, string>? CharactersOverLimitText { get; set; }

    [JsonConverter(typeof(LooseStringMapJsonConverter))]
    public Dictionary<string, string>? WordsUnderLimitText { get; set; }

    public string? WordsAtLimitText { get; set; }

    [JsonConverter(typeof(LooseStringMapJsonConverter))]
    public Dictionary<string, string>? WordsOverLimitText { get; set; }
}

public sealed class CharacterCountMessage
{
    public string? Classes { get; set; }
}
