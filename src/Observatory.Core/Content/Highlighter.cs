using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Observatory.Content;

/// <summary>Marks searched words in a snippet of plain text, producing safe HTML.</summary>
public static class Highlighter
{
    public static string Highlight(string text, string? query)
    {
        var terms = (query ?? "").Split([' ', ',', ';', '"'], StringSplitOptions.RemoveEmptyEntries)
            .Where(t => t.Length > 0)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .OrderByDescending(t => t.Length)
            .Select(Regex.Escape)
            .ToList();
        if (terms.Count == 0)
        {
            return WebUtility.HtmlEncode(text);
        }
        // One pass over the raw text, encoding between matches, so markup and entities are never matched.
        // Escaped words joined by "|" cannot backtrack badly, so the default (backtracking) engine is linear in the
        // text here. Not RegexOptions.NonBacktracking: it builds its automaton afresh for every new Regex, which cost
        // about a millisecond a snippet — 10 to 20 ms on every search page of twenty results — against some 15 µs
        // (docs/performance.md, evidence search). The timeout only guards a starved machine, where the snippet is
        // shown unmarked rather than failing a search.
        var pattern = new Regex(string.Join("|", terms), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(2));
        var html = new StringBuilder(text.Length + 32);
        var at = 0;
        try
        {
            foreach (Match match in pattern.Matches(text))
            {
                html.Append(WebUtility.HtmlEncode(text[at..match.Index]));
                html.Append("<mark>").Append(WebUtility.HtmlEncode(match.Value)).Append("</mark>");
                at = match.Index + match.Length;
            }
        }
        catch (RegexMatchTimeoutException)
        {
            return WebUtility.HtmlEncode(text);
        }
        html.Append(WebUtility.HtmlEncode(text[at..]));
        return html.ToString();
    }
}
