using System.Text.Json.Serialization;

namespace Observatory.Rendering.Components.GovUk;

/// <summary>
/// The <c>govuk-form-group</c> wrapper around a form control. Single controls (input, textarea, select,
/// file upload, character count) read <see cref="BeforeInput"/> and <see cref="AfterInput"/>; grouped controls
/// (radios, checkboxes, date input) read <see cref="BeforeInputs"/> and <see cref="AfterInputs"/>, as the macros do.
/// </summary>
public sealed class FormGroupOptions
{
    public string? Classes { get; set; }

    [JsonConverter(typeof(AttributesJsonConverter))]
    public Dictionary<string, string>? Attributes { get; set; }

    public ContentOptions? BeforeInput { get; set; }

    public ContentOptions? AfterInput { get; set; }

    public ContentOptions? BeforeInputs { get; set; }

    public ContentOptions? AfterInputs { get; set; }
}
