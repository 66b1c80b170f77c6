using System.Text.Json.Serialization;

namespace Observatory.Rendering.Components.GovUk;

public sealed class CheckboxesOptions
{
    public string? DescribedBy { get; set; }

    public FieldsetOptions? Fieldset { get; set; }

    public HintOptions? Hint { get; set; }

    public ErrorMessageOptions? ErrorMessage { get; set; }

    public FormGroupOptions? FormGroup { get; set; }

    /// <summary>The first item's id, later ones get <c>-2</c>, <c>-3</c>…; defaults to <see cref="Name"/>.</summary>
    public string? IdPrefix { get; set; }

    public string? Name { get; set; }

    [JsonConverter(typeof(FalsyItemsJsonConverter<CheckboxesItem>))]
    public IReadOnlyList<CheckboxesItem?>? Items { get; set; }

    /// <summary>Checks every item whose value is in this list.</summary>
    public IReadOnlyList<string>? Values { get; set; }

    public string? Classes { get; set; }

    [JsonConverter(typeof(AttributesJsonConverter))]
    public Dictionary<string, string>? Attributes { get; set; }
}

public sealed class CheckboxesItem
{
    public string? Text { get; set; }

    public string? Html { get; set; }

    public string? Id { get; set; }

    /// <summary>Defaults to <see cref="CheckboxesOptions.Name"/>.</summary>
    public string? Name { get; set; }

    [JsonConverter(typeof(LooseStringJsonConverter))]
    public string? Value { get; set; }

    /// <summary>Only the label's classes and attributes are used.</summary>
    public LabelOptions? Label { get; set; }

    public HintOptions? Hint { get; set; }

    /// <summary>When set, this entry is a divider (for example "or") rather than a checkbox.</summary>
    public string? Divider { get; set; }

    /// <summary>Overrides <see cref="CheckboxesOptions.Values"/>.</summary>
    public bool? Checked { get; set; }

    public ConditionalReveal? Conditional { get; set; }

    /// <summary><c>exclusive</c> makes this a "none of these" option that clears the others.</summary>
    public string? Behaviour { get; set; }

    public bool Disabled { get; set; }

    [JsonConverter(typeof(AttributesJsonConverter))]
    public Dictionary<string, string>? Attributes { get; set; }
}
