using System.Text.Json.Serialization;

namespace Observatory.Rendering.Components.GovUk;

public sealed class FileUploadOptions
{
    public string? Name { get; set; }

    /// <summary>Defaults to <see cref="Name"/>.</summary>
    public string? Id { get; set; }

    public bool Disabled { get; set; }

    public bool Multiple { get; set; }

    public string? DescribedBy { get; set; }

    public LabelOptions? Label { get; set; }

    public HintOptions? Hint { get; set; }

    public ErrorMessageOptions? ErrorMessage { get; set; }

    public FormGroupOptions? FormGroup { get; set; }

    /// <summary>Wraps the input for the drop-zone enhancement done by GOV.UK Frontend's JavaScript.</summary>
    public bool Javascript { get; set; }

    public string? ChooseFilesButtonText { get; set; }

    public string? DropInstructionText { get; set; }

    /// <summary>Pluralised message keyed by plural rule (<c>one</c>, <c>other</c>).</summary>
    [JsonConverter(typeof(LooseStringMapJsonConverter))]
    public Dictionary<string, string>? MultipleFilesChosenText { get; set; }

    public string? NoFileChosenText { get; set; }

    public string? EnteredDropZoneText { get; set; }

    public string? LeftDropZoneText { get; set; }

    public string? Classes { get; set; }

    [JsonConverter(typeof(AttributesJsonConverter))]
    public Dictionary<string, string>? Attributes { get; set; }

    public string? WrapperClasses { get; set; }

    [JsonConverter(typeof(AttributesJsonConverter))]
    public Dictionary<string, string>? WrapperAttributes { get; set; }
}
