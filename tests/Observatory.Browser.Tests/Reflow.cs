using Microsoft.Playwright;

namespace Observatory.Browser.Tests;

/// <summary>
/// WCAG 2.2, 1.4.10 Reflow: at 320 CSS pixels wide (a 1280 px screen zoomed to 400 %, or a small phone) the page
/// scrolls only up and down. A wide table may scroll sideways in a region of its own; the page may not.
/// </summary>
public static class Reflow
{
    public const int Width = 320;

    /// <summary>
    /// Null when the page fits <see cref="Width"/>; otherwise what overflows. A page opened wider is laid out again at
    /// 320 px and its viewport is put back afterwards; a page opened at 320 px is measured as it is.
    /// </summary>
    public static async Task<string?> ProblemAsync(IPage page, string where)
    {
        var before = page.ViewportSize;
        if (before?.Width == Width)
        {
            before = null;
        }
        else
        {
            await page.SetViewportSizeAsync(Width, before?.Height ?? 720);
        }
        try
        {
            // The widest things that stick out of the page, outermost first, so the message points at the cause.
            var result = await page.EvaluateAsync<string[]>(
                """
                () => {
                  const width = document.documentElement.clientWidth;
                  if (document.documentElement.scrollWidth <= width) return [];
                  const name = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + [...e.classList].map(c => '.' + c).join('');
                  const outside = e => e.getBoundingClientRect().right > width + 1;
                  const all = [...document.body.querySelectorAll('*')].filter(outside);
                  // Inside a scrolling region is allowed, unless it escapes the region (absolutely positioned text, say).
                  const first = all.filter(e => !e.closest('.app-table-region, .app-gap-map') && e.parentElement && !outside(e.parentElement));
                  const over = first.length > 0 ? first : all.filter(e => getComputedStyle(e).position === 'absolute' || getComputedStyle(e).position === 'fixed');
                  return [String(document.documentElement.scrollWidth), ...over.slice(0, 5).map(e => name(e) + ' (' + Math.round(e.getBoundingClientRect().right) + ' px)')];
                }
                """);
            return result.Length == 0 ? null : $"{where}: {result[0]} px wide at {Width} px (WCAG 1.4.10 Reflow); sticking out: {string.Join(", ", result.Skip(1))}";
        }
        finally
        {
            if (before is not null)
            {
                await page.SetViewportSizeAsync(before.Width, before.Height);
            }
        }
    }
}
