using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Html;
using Observatory.Rendering.Components;
using Observatory.Rendering.Components.GovUk;

namespace Observatory.Rendering.Tests.Components;

/// <summary>
/// A wide table scrolls in a region of its own, which a keyboard can reach and a screen reader names, so the page
/// fits a 320 px screen.
/// </summary>
public sealed class TableRegionTests
{
    [Fact]
    public void A_table_scrolls_in_a_focusable_region_named_by_its_caption()
    {
        var region = Parse(TableRegion.Table(new TableOptions
        {
            Caption = "Wigan & its neighbours",
            Head = [new TableCell { Text = "Council" }, new TableCell { Text = "Value", Format = "numeric" }],
            Rows = [[new TableCell { Text = "Wigan" }, new TableCell { Text = "1", Format = "numeric" }]],
        }));

        region.ClassList.ShouldContain(TableRegion.ClassName);
        region.GetAttribute("role").ShouldBe("region");
        region.GetAttribute("aria-label").ShouldBe("Wigan & its neighbours");
        region.GetAttribute("tabindex").ShouldBe("0");
        region.QuerySelector("table.govuk-table caption")!.TextContent.ShouldBe("Wigan & its neighbours");
    }

    [Fact]
    public void A_label_names_a_table_without_a_caption_and_one_without_either_is_refused()
    {
        Parse(TableRegion.Table(new TableOptions { Rows = [] }, "Members")).GetAttribute("aria-label").ShouldBe("Members");
        Should.Throw<ArgumentException>(() => TableRegion.Table(new TableOptions { Rows = [] }));
    }

    [Fact]
    public void Table_markup_written_out_in_a_page_is_wrapped_alike()
    {
        var region = Parse(TableRegion.Wrap("Versions", _ => new HtmlString("<table class=\"govuk-table\"><tr><td>1</td></tr></table>")));

        region.GetAttribute("aria-label").ShouldBe("Versions");
        region.QuerySelector("td")!.TextContent.ShouldBe("1");
    }

    private static AngleSharp.Dom.IElement Parse(IHtmlContent content) =>
        new HtmlParser().ParseDocument(content.ToHtmlString()).Body!.FirstElementChild!;
}
