using Microsoft.AspNetCore.Html;

namespace Observatory.Rendering.Components.GovUk;

public static partial class GovUk
{
    public static IHtmlContent Tag(TagOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var b = new HtmlBuilder();
        WriteTag(b, options);
        return b.ToHtml();
    }

    private static void WriteTag(HtmlBuilder b, TagOptions options) =>
        b.StartTag("strong").Class("govuk-tag", options.Classes).Attrs(options.Attributes).EndTag()
            .HtmlOrText(options.Html, options.Text).Close("strong");

    public static IHtmlContent InsetText(InsetTextOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var b = new HtmlBuilder();
        b.StartTag("div").AttrIf("id", options.Id).Class("govuk-inset-text", options.Classes).Attrs(options.Attributes).EndTag()
            .HtmlOrText(options.Html, options.Text)
            .Close("div");
        return b.ToHtml();
    }

    public static IHtmlContent Details(DetailsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var b = new HtmlBuilder();
        b.StartTag("details").AttrIf("id", options.Id).Class("govuk-details", options.Classes).Attrs(options.Attributes)
            .Flag("open", options.Open).EndTag();
        b.StartTag("summary").Class("govuk-details__summary").EndTag();
        b.StartTag("span").Class("govuk-details__summary-text").EndTag()
            .HtmlOrText(options.SummaryHtml, options.SummaryText).Close("span");
        b.Close("summary");
        b.StartTag("div").Class("govuk-details__text").EndTag().HtmlOrText(options.Html, options.Text).Close("div");
        b.Close("details");
        return b.ToHtml();
    }

    public static IHtmlContent WarningText(WarningTextOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var b = new HtmlBuilder();
        b.StartTag("div").Class("govuk-warning-text", options.Classes).Attrs(options.Attributes).EndTag();
        b.Raw("""<span class="govuk-warning-text__icon" aria-hidden="true">!</span>""");
        b.StartTag("strong").Class("govuk-warning-text__text").EndTag();
        b.StartTag("span").Class("govuk-visually-hidden").EndTag()
            .Text(HtmlBuilder.Has(options.IconFallbackText) ? options.IconFallbackText : "Warning")
            .Close("span");
        b.HtmlOrText(options.Html, options.Text);
        b.Close("strong").Close("div");
        return b.ToHtml();
    }

    public static IHtmlContent NotificationBanner(NotificationBannerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var isSuccess = options.Type == "success";

        // A success banner confirms something the reader just did, so it is announced at once (alert);
        // any other banner is a landmark the reader can navigate to (region).
        var role = HtmlBuilder.Has(options.Role) ? options.Role : isSuccess ? "alert" : "region";
        var titleId = HtmlBuilder.Has(options.TitleId) ? options.TitleId : "govuk-notification-banner-title";
        var headingTag = "h" + (options.TitleHeadingLevel is > 0 ? options.TitleHeadingLevel : 2);

        var b = new HtmlBuilder();
        b.StartTag("div")
            .Class("govuk-notification-banner", isSuccess ? "govuk-notification-banner--success" : null, options.Classes)
            .Attr("role", role)
            .Attr("aria-labelledby", titleId)
            .Attr("data-module", "govuk-notification-banner");
        if (options.DisableAutoFocus is { } disableAutoFocus)
        {
            b.Attr("data-disable-auto-focus", disableAutoFocus ? "true" : "false");
        }

        b.Attrs(options.Attributes).EndTag();
        b.StartTag("div").Class("govuk-notification-banner__header").EndTag();
        b.StartTag(headingTag).Class("govuk-notification-banner__title").Attr("id", titleId).EndTag();
        if (HtmlBuilder.Has(options.TitleHtml))
        {
            b.Raw(options.TitleHtml);
        }
        else
        {
            b.Text(HtmlBuilder.Has(options.TitleText) ? options.TitleText : isSuccess ? "Success" : "Important");
        }

        b.Close(headingTag).Close("div");
        b.StartTag("div").Class("govuk-notification-banner__content").EndTag();
        if (HtmlBuilder.Has(options.Html))
        {
            b.Raw(options.Html);
        }
        else if (HtmlBuilder.Has(options.Text))
        {
            b.StartTag("p").Class("govuk-notification-banner__heading").EndTag().Text(options.Text).Close("p");
        }

        b.Close("div").Close("div");
        return b.ToHtml();
    }

    public static IHtmlContent Panel(PanelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var isInterruption = options.Classes?.Contains("govuk-panel--interruption", StringComparison.Ordinal) == true;
        var headingTag = "h" + (options.HeadingLevel is > 0 ? options.HeadingLevel : 1);

        var b = new HtmlBuilder();
        b.StartTag("div")
            .Class("govuk-panel", isInterruption ? null : "govuk-panel--confirmation", options.Classes)
            .Attrs(options.Attributes)
            .EndTag();
        b.StartTag(headingTag).Class("govuk-panel__title").EndTag()
            .HtmlOrText(options.TitleHtml, options.TitleText)
            .Close(headingTag);
        if (HtmlBuilder.Has(options.Html) || HtmlBuilder.Has(options.Text))
        {
            b.StartTag("div").Class("govuk-panel__body").EndTag().HtmlOrText(options.Html, options.Text).Close("div");
        }

        if (isInterruption && options.Actions is { } actions)
        {
            b.StartTag("div").Class("govuk-panel__actions", actions.Classes).Attrs(actions.Attributes).EndTag();
            if (actions.Items is { Count: > 0 } items)
            {
                b.StartTag("div").Class("govuk-button-group").EndTag();
                foreach (var action in items)
                {
                    WritePanelAction(b, action);
                }

                b.Close("div");
            }

            b.Close("div");
        }

        b.Close("div");
        return b.ToHtml();
    }

    private static void WritePanelAction(HtmlBuilder b, PanelAction action)
    {
        if (!HtmlBuilder.Has(action.Href) || action.Type == "button")
        {
            WriteButton(b, new ButtonOptions
            {
                Text = action.Text,
                Type = HtmlBuilder.Has(action.Type) ? action.Type : "button",
                Classes = HtmlBuilder.Classes("govuk-button--inverse", action.Classes),
                Href = action.Href,
                Attributes = action.Attributes,
            });
        }
        else
        {
            b.StartTag("a").Class("govuk-link", "govuk-link--inverse", action.Classes).Attr("href", action.Href)
                .Attrs(action.Attributes).EndTag().Text(action.Text).Close("a");
        }
    }

    public static IHtmlContent Button(ButtonOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var b = new HtmlBuilder();
        WriteButton(b, options);
        return b.ToHtml();
    }

    private static void WriteButton(HtmlBuilder b, ButtonOptions options)
    {
        const string startIcon =
            """<svg class="govuk-button__start-icon" xmlns="http://www.w3.org/2000/svg" width="17.5" height="19" viewBox="0 0 33 40" aria-hidden="true" focusable="false"><path fill="currentColor" d="M0 0h13l20 20-20 20H0l20-20z"/></svg>""";
        var isLink = HtmlBuilder.Has(options.Href);
        var tag = isLink ? "a" : "button";

        b.StartTag(tag);
        if (isLink)
        {
            b.Attr("href", options.Href).Attr("role", "button").Attr("draggable", "false");
        }
        else
        {
            b.Attr("type", HtmlBuilder.Has(options.Type) ? options.Type : "submit")
                .AttrIf("value", options.Value)
                .AttrIf("name", options.Name);
            if (options.Disabled)
            {
                b.Flag("disabled", true).Attr("aria-disabled", "true");
            }

            if (options.PreventDoubleClick is { } preventDoubleClick)
            {
                b.Attr("data-prevent-double-click", preventDoubleClick ? "true" : "false");
            }
        }

        b.Class("govuk-button", options.Classes, options.IsStartButton ? "govuk-button--start" : null)
            .Attr("data-module", "govuk-button")
            .Attrs(options.Attributes)
            .AttrIf("id", options.Id)
            .EndTag();

        // Start buttons are flex containers, which would swallow the spaces between bits of HTML; a span keeps them.
        if (HtmlBuilder.Has(options.Html) && options.IsStartButton)
        {
            b.Raw("<span>").Raw(options.Html).Raw("</span>");
        }
        else
        {
            b.HtmlOrText(options.Html, options.Text);
        }

        if (options.IsStartButton)
        {
            b.Raw(startIcon);
        }

        b.Close(tag);
    }

    public static IHtmlContent Table(TableOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var b = new HtmlBuilder();
        b.StartTag("table").Class("govuk-table", options.Classes).Attrs(options.Attributes).EndTag();
        if (HtmlBuilder.Has(options.Caption))
        {
            b.StartTag("caption").Class("govuk-table__caption", options.CaptionClasses).EndTag().Text(options.Caption).Close("caption");
        }

        if (options.Head is { } head)
        {
            b.StartTag("thead").Class("govuk-table__head").EndTag();
            b.StartTag("tr").Class("govuk-table__row").EndTag();
            foreach (var cell in head)
            {
                b.StartTag("th").Attr("scope", "col")
                    .Class("govuk-table__header", HtmlBuilder.Has(cell.Format) ? "govuk-table__header--" + cell.Format : null, cell.Classes);
                WriteTableCellAttributes(b, cell);
                b.EndTag().HtmlOrText(cell.Html, cell.Text).Close("th");
            }

            b.Close("tr").Close("thead");
        }

        b.StartTag("tbody").Class("govuk-table__body").EndTag();
        foreach (var row in options.Rows ?? [])
        {
            if (row is null)
            {
                continue;
            }

            b.StartTag("tr").Class("govuk-table__row").EndTag();
            for (var i = 0; i < row.Count; i++)
            {
                var cell = row[i];
                if (i == 0 && options.FirstCellIsHeader)
                {
                    b.StartTag("th").Attr("scope", "row").Class("govuk-table__header", cell.Classes);
                    WriteTableCellAttributes(b, cell);
                    b.EndTag().HtmlOrText(cell.Html, cell.Text).Close("th");
                }
                else
                {
                    b.StartTag("td")
                        .Class("govuk-table__cell", HtmlBuilder.Has(cell.Format) ? "govuk-table__cell--" + cell.Format : null, cell.Classes);
                    WriteTableCellAttributes(b, cell);
                    b.EndTag().HtmlOrText(cell.Html, cell.Text).Close("td");
                }
            }

            b.Close("tr");
        }

        b.Close("tbody").Close("table");
        return b.ToHtml();
    }

    private static void WriteTableCellAttributes(HtmlBuilder b, TableCell cell)
    {
        if (cell.Colspan is > 0)
        {
            b.Attr("colspan", cell.Colspan.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (cell.Rowspan is > 0)
        {
            b.Attr("rowspan", cell.Rowspan.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        b.Attrs(cell.Attributes);
    }

    public static IHtmlContent SummaryList(SummaryListOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var b = new HtmlBuilder();
        if (options.Card is { } card)
        {
            WriteSummaryCard(b, card, () => WriteSummaryListBody(b, options, card.Title));
        }
        else
        {
            WriteSummaryListBody(b, options, null);
        }

        return b.ToHtml();
    }

    private static void WriteSummaryListBody(HtmlBuilder b, SummaryListOptions options, SummaryCardTitle? cardTitle)
    {
        var rows = options.Rows ?? [];

        // Rows without actions get a modifier only when some other row has actions, so the columns still line up.
        var anyRowHasActions = rows.Any(r => r?.Actions?.Items is { Count: > 0 });

        b.StartTag("dl").Class("govuk-summary-list", options.Classes).Attrs(options.Attributes).EndTag();
        foreach (var row in rows)
        {
            if (row is null)
            {
                continue;
            }

            var actionItems = row.Actions?.Items;
            b.StartTag("div")
                .Class(
                    "govuk-summary-list__row",
                    anyRowHasActions && actionItems is null ? "govuk-summary-list__row--no-actions" : null,
                    row.Classes)
                .EndTag();
            b.StartTag("dt").Class("govuk-summary-list__key", row.Key?.Classes).EndTag()
                .HtmlOrText(row.Key?.Html, row.Key?.Text).Close("dt");
            b.StartTag("dd").Class("govuk-summary-list__value", row.Value?.Classes).EndTag()
                .HtmlOrText(row.Value?.Html, row.Value?.Text).Close("dd");
            if (actionItems is { Count: > 0 })
            {
                b.StartTag("dd").Class("govuk-summary-list__actions", row.Actions!.Classes).EndTag();
                if (actionItems.Count == 1)
                {
                    WriteSummaryAction(b, actionItems[0], cardTitle);
                }
                else
                {
                    b.StartTag("ul").Class("govuk-summary-list__actions-list").EndTag();
                    foreach (var action in actionItems)
                    {
                        b.StartTag("li").Class("govuk-summary-list__actions-list-item").EndTag();
                        WriteSummaryAction(b, action, cardTitle);
                        b.Close("li");
                    }

                    b.Close("ul");
                }

                b.Close("dd");
            }

            b.Close("div");
        }

        b.Close("dl");
    }

    private static void WriteSummaryCard(HtmlBuilder b, SummaryCard card, Action writeContent)
    {
        var title = card.Title;
        b.StartTag("div").Class("govuk-summary-card", card.Classes).Attrs(card.Attributes).EndTag();
        b.StartTag("div").Class("govuk-summary-card__title-wrapper").EndTag();
        if (title is not null)
        {
            var headingTag = "h" + (title.HeadingLevel is > 0 ? title.HeadingLevel : 2);
            b.StartTag(headingTag).Class("govuk-summary-card__title", title.Classes).EndTag()
                .HtmlOrText(title.Html, title.Text).Close(headingTag);
        }

        if (card.Actions?.Items is { Count: > 0 } actions)
        {
            if (actions.Count == 1)
            {
                b.StartTag("div").Class("govuk-summary-card__actions", card.Actions.Classes).EndTag();
                WriteSummaryAction(b, actions[0], title);
                b.Close("div");
            }
            else
            {
                b.StartTag("ul").Class("govuk-summary-card__actions", card.Actions.Classes).EndTag();
                foreach (var action in actions)
                {
                    b.StartTag("li").Class("govuk-summary-card__action").EndTag();
                    WriteSummaryAction(b, action, title);
                    b.Close("li");
                }

                b.Close("ul");
            }
        }

        b.Close("div");
        b.StartTag("div").Class("govuk-summary-card__content").EndTag();
        writeContent();
        b.Close("div").Close("div");
    }

    private static void WriteSummaryAction(HtmlBuilder b, SummaryListAction action, SummaryCardTitle? cardTitle)
    {
        b.StartTag("a").Class("govuk-link", action.Classes).Attr("href", action.Href).Attrs(action.Attributes).EndTag()
            .HtmlOrText(action.Html, action.Text);

        // "Change" alone is ambiguous to screen reader users, who may hear links out of context;
        // the hidden text says what changes, and in which card.
        if (HtmlBuilder.Has(action.VisuallyHiddenText) || cardTitle is not null)
        {
            b.StartTag("span").Class("govuk-visually-hidden").EndTag();
            if (HtmlBuilder.Has(action.VisuallyHiddenText))
            {
                b.Raw(" ").Text(action.VisuallyHiddenText);
            }

            if (cardTitle is not null)
            {
                b.Raw(" (").HtmlOrText(cardTitle.Html, cardTitle.Text).Raw(")");
            }

            b.Close("span");
        }

        b.Close("a");
    }
}
