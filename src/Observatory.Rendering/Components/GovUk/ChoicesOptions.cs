using System.Text.Json.Serialization;

namespace Observatory.Rendering.Components.GovUk;

/// <summary>What radios and checkboxes have in common: a group of choices in a form group, usually in a fieldset.</summary>
public abstract class ChoicesOptions
{
    /// <summary>Without a fieldset the choices have no group label; use one unless the page heading does that job.</summary>
    public FieldsetOptions? Fieldset { get; set; }

    public HintOptions? Hint { get; set; }

    public ErrorMessageOptions? ErrorMessage { get; set; }

    public FormGroupOptions? FormGroup { get; set; }

    /// <summary>The first item's id, later ones get <c>-2</c>, <c>-3</c>…; defaults to <see cref="Name"/>.</summary>
    public string? IdPrefix { get; set; }

    public string? Name { get; set; }

    public string? Classes { get; set; }

    [JsonConverter(typeof(AttributesJsonConverter))]
    public Dictionary<string, string>? Attributes { get; set; }
}

/// <summary>What a radio and a checkbox have in common.</summary>
public abstract class ChoiceItemOptions
{
    public string? Text { get; set; }

    public string? Html { get; set; }

    public string? Id { get; set; }

    [JsonConverter(typeof(LooseStringJsonConverter))]
    public string? Value { get; set; }

    /// <summary>Only the label's classes and attributes are used.</summary>
    public LabelOptions? Label { get; set; }

    public HintOptions? Hint { get; set; }

    /// <summary>When set, this entry is a divider (for example "or") rather than a choice.</summary>
    public string? Divider { get; set; }

    /// <summary>Overrides the group's value or values.</summary>
    public bool? Checked { get; set; }

    public ConditionalReveal? Conditional { get; set; }

    public bool Disabled { get; set; }

    [JsonConverter(typeof(AttributesJsonConverter))]
    public Dictionary<string, string>? Attributes { get; set; }
}

/// <summary>Content revealed when the item is chosen.</summary>
public sealed class ConditionalReveal
{
    [JsonConverter(typeof(FalsyHtmlJsonConverter))]
    public string? Html { get; set; }
}
