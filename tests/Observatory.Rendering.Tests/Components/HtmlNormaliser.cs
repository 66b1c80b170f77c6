using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Observatory.Rendering.Tests.Components;

/// <summary>
/// Turns HTML into an indented outline of elements, attributes and text, so that two pieces of markup
/// compare equal when a browser would build the same page from them: whitespace is collapsed, attribute
/// order ignored, classes compared as sets and boolean attributes by presence.
/// </summary>
internal static partial class HtmlNormaliser
{
    private static readonly HashSet<string> _booleanAttributes = new(StringComparer.OrdinalIgnoreCase)
    {
        "allowfullscreen", "async", "autofocus", "checked", "defer", "disabled", "formnovalidate", "hidden",
        "inert", "ismap", "multiple", "nomodule", "novalidate", "open", "readonly", "required", "reversed", "selected",
    };

    private static readonly HtmlParser _parser = new();

    public static string Normalise(string html)
    {
        var document = _parser.ParseDocument("<!DOCTYPE html><html><head></head><body></body></html>");
        var nodes = _parser.ParseFragment(html, document.Body!);
        var outline = new StringBuilder();
        foreach (var node in nodes)
        {
            Write(node, 0, outline);
        }

        return outline.ToString();
    }

    private static void Write(INode node, int depth, StringBuilder outline)
    {
        var indent = new string(' ', depth * 2);
        switch (node)
        {
            case IElement element:
                outline.Append(indent).Append('<').Append(element.LocalName);
                foreach (var attribute in element.Attributes.OrderBy(a => a.Name, StringComparer.Ordinal))
                {
                    outline.Append(' ').Append(attribute.Name);
                    if (attribute.Name == "class")
                    {
                        var tokens = attribute.Value.Split(' ', '\t', '\n', '\r', '\f')
                            .Where(t => t.Length > 0)
                            .Distinct(StringComparer.Ordinal)
                            .Order(StringComparer.Ordinal);
                        outline.Append("=\"").Append(string.Join(' ', tokens)).Append('"');
                    }
                    else if (!_booleanAttributes.Contains(attribute.Name))
                    {
                        outline.Append("=\"").Append(attribute.Value).Append('"');
                    }
                }

                outline.AppendLine(">");
                var children = element is AngleSharp.Html.Dom.IHtmlTemplateElement template
                    ? template.Content.ChildNodes
                    : element.ChildNodes;
                foreach (var child in children)
                {
                    Write(child, depth + 1, outline);
                }

                break;
            case IText text:
                var collapsed = Whitespace().Replace(text.Data, " ").Trim();
                if (collapsed.Length > 0)
                {
                    outline.Append(indent).Append('"').Append(collapsed).AppendLine("\"");
                }

                break;
            default:
                // Comments and the like do not reach the reader.
                break;
        }
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
