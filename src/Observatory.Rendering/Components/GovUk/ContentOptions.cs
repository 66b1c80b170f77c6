namespace Observatory.Rendering.Components.GovUk;

/// <summary>A piece of text or trusted HTML; <see cref="Html"/> wins when both are given.</summary>
public sealed class ContentOptions
{
    public string? Text { get; set; }

    public string? Html { get; set; }
}
