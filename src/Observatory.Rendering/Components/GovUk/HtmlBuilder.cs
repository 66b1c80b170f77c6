using System.Text;
using Microsoft.AspNetCore.Html;

namespace Observatory.Rendering.Components.GovUk;

/// <summary>
/// Writes component markup into one buffer. Text is escaped the way Nunjucks autoescaping does it
/// (only the five significant characters), so non-ASCII text such as "©" stays readable in the page source.
/// </summary>
internal sealed class HtmlBuilder
{
    private static readonly HashSet<string> _lineBreakBefore = new(StringComparer.Ordinal)
    {
        "caption", "dd", "details", "div", "dl", "dt", "fieldset", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "input",
        "label", "legend", "li", "nav", "ol", "option", "p", "section", "select", "summary", "table", "tbody", "td",
        "textarea", "th", "thead", "tr", "ul",
    };

    private readonly StringBuilder _buffer = new();

    /// <summary>Mirrors Nunjucks truthiness for strings: null and "" both count as "not given".</summary>
    public static bool Has(string? value) => !string.IsNullOrEmpty(value);

    public static string Encode(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        // Most values need no escaping; avoid allocating for them.
        if (value.AsSpan().IndexOfAny("&<>\"'") < 0)
        {
            return value;
        }

        var encoded = new StringBuilder(value.Length + 16);
        foreach (var c in value)
        {
            encoded.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => c.ToString(),
            });
        }

        return encoded.ToString();
    }

    /// <summary>Joins class names, dropping empty ones, so callers can pass optional modifiers inline.</summary>
    public static string Classes(params string?[] names) =>
        string.Join(' ', names.Where(Has).Select(n => n!.Trim()).Where(Has));

    public HtmlBuilder Raw(string? html)
    {
        _buffer.Append(html);
        return this;
    }

    public HtmlBuilder Text(string? text)
    {
        _buffer.Append(Encode(text));
        return this;
    }

    /// <summary>The pattern used by nearly every component: trusted HTML wins over text.</summary>
    public HtmlBuilder HtmlOrText(string? html, string? text) => Has(html) ? Raw(html) : Text(text);

    /// <summary>Starts an element; the caller adds attributes and then calls <see cref="EndTag"/>.</summary>
    public HtmlBuilder StartTag(string name)
    {
        // The templates put line breaks between these elements. Between blocks that changes nothing, but between
        // inline-block items (footer links, pagination, the phase tag) a browser draws it as a space, so keep it.
        if (_buffer.Length > 0 && _lineBreakBefore.Contains(name))
        {
            _buffer.Append('\n');
        }

        _buffer.Append('<').Append(name);
        return this;
    }

    public HtmlBuilder EndTag()
    {
        _buffer.Append('>');
        return this;
    }

    public HtmlBuilder Close(string name)
    {
        _buffer.Append("</").Append(name).Append('>');
        return this;
    }

    /// <summary>Always written, even when empty, matching templates that interpolate the value unconditionally.</summary>
    public HtmlBuilder Attr(string name, string? value)
    {
        _buffer.Append(' ').Append(name).Append("=\"").Append(Encode(value)).Append('"');
        return this;
    }

    /// <summary>Written only when the value is non-empty, matching <c>{% if params.x %}</c> guards.</summary>
    public HtmlBuilder AttrIf(string name, string? value) => Has(value) ? Attr(name, value) : this;

    /// <summary>Written unless null, matching the macros' <c>optional: true</c> attributes, which keep empty strings.</summary>
    public HtmlBuilder AttrIfNotNull(string name, string? value) => value is null ? this : Attr(name, value);

    /// <summary>A boolean attribute such as <c>disabled</c>, written by name only.</summary>
    public HtmlBuilder Flag(string name, bool on)
    {
        if (on)
        {
            _buffer.Append(' ').Append(name);
        }

        return this;
    }

    public HtmlBuilder Class(params string?[] names) => Attr("class", Classes(names));

    /// <summary>The consumer-supplied attributes (the macros' <c>govukAttributes</c>).</summary>
    public HtmlBuilder Attrs(IReadOnlyDictionary<string, string>? attributes)
    {
        if (attributes is null)
        {
            return this;
        }

        foreach (var (name, value) in attributes)
        {
            Attr(Encode(name), value);
        }

        return this;
    }

    public IHtmlContent ToHtml() => new HtmlString(_buffer.ToString());

    public override string ToString() => _buffer.ToString();
}
