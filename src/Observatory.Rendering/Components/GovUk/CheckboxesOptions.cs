using System.Text.Json.Serialization;

namespace Observatory.Rendering.Components.GovUk;

public sealed class CheckboxesOptions : ChoicesOptions
{
    /// <summary>Ids the group's <c>aria-describedby</c> names besides its hint and error (a fieldset's own, if set, wins).</summary>
    public string? DescribedBy { get; set; }

    [JsonConverter(typeof(FalsyItemsJsonConverter<CheckboxesItem>))]
    public IReadOnlyList<CheckboxesItem?>? Items { get; set; }

    /// <summary>Checks every item whose value is in this list.</summary>
    public IReadOnlyList<string>? Values { get; set; }
}

public sealed class CheckboxesItem : ChoiceItemOptions
{
    /// <summary>Defaults to <see cref="ChoicesOptions.Name"/>.</summary>
    public string? Name { get; set; }

    /// <summary><c>exclusive</c> makes this a "none of these" option that clears the others.</summary>
    public string? Behaviour { get; set; }
}
