using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Observatory.Rendering.Components.GovUk;

/// <summary>What a component drawn by a tag helper takes from the element itself: its content and its attributes.</summary>
public interface IElementOptions
{
    /// <summary>The element's content, as trusted HTML.</summary>
    string? Html { get; set; }

    /// <summary>The <c>classes</c> attribute and any <c>class</c>, joined to the component's own.</summary>
    string? Classes { get; set; }

    /// <summary>The attributes the tag helper does not bind (id, data-*, aria-*…), passed through.</summary>
    Dictionary<string, string>? Attributes { get; set; }
}

/// <summary>
/// A GOV.UK tag helper whose element's content is the component's body (<c>&lt;govuk-panel&gt;…&lt;/govuk-panel&gt;</c>).
/// A subclass binds the component's own attributes and says how to turn them into its options
/// (<see cref="Options"/>); this class adds the element's content, classes and other attributes, draws the component
/// with the <see cref="GovUk"/> renderer given to it, and puts the markup in the element's place.
/// </summary>
public abstract class ComponentTagHelper<TOptions>(Func<TOptions, IHtmlContent> render) : TagHelper
    where TOptions : IElementOptions
{
    [HtmlAttributeName("classes")]
    public string? Classes { get; set; }

    /// <summary>The component's options from the attributes this tag helper binds.</summary>
    protected abstract TOptions Options();

    public sealed override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var options = Options();
        options.Html = await TagHelperSupport.ChildHtmlAsync(output);
        (options.Classes, options.Attributes) = TagHelperSupport.UnboundAttributes(output, Classes);
        TagHelperSupport.Replace(output, render(options));
    }
}
