using Microsoft.AspNetCore.Html;

namespace Observatory.Rendering.Components.GovUk;

public static partial class GovUk
{
    // The Tudor crown from GOV.UK Frontend's logo macro; only the footer uses it here.
    private const string TudorCrownSvg =
        """
        <svg focusable="false" role="presentation" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 60" height="30" width="32" fill="currentcolor" class="govuk-footer__crown"><g><circle cx="20" cy="17.6" r="3.7"/><circle cx="10.2" cy="23.5" r="3.7"/><circle cx="3.7" cy="33.2" r="3.7"/><circle cx="31.7" cy="30.6" r="3.7"/><circle cx="43.3" cy="17.6" r="3.7"/><circle cx="53.2" cy="23.5" r="3.7"/><circle cx="59.7" cy="33.2" r="3.7"/><circle cx="31.7" cy="30.6" r="3.7"/><path d="M33.1,9.8c.2-.1.3-.3.5-.5l4.6,2.4v-6.8l-4.6,1.5c-.1-.2-.3-.3-.5-.5l1.9-5.9h-6.7l1.9,5.9c-.2.1-.3.3-.5.5l-4.6-1.5v6.8l4.6-2.4c.1.2.3.3.5.5l-2.6,8c-.9,2.8,1.2,5.7,4.1,5.7h0c3,0,5.1-2.9,4.1-5.7l-2.6-8ZM37,37.9s-3.4,3.8-4.1,6.1c2.2,0,4.2-.5,6.4-2.8l-.7,8.5c-2-2.8-4.4-4.1-5.7-3.8.1,3.1.5,6.7,5.8,7.2,3.7.3,6.7-1.5,7-3.8.4-2.6-2-4.3-3.7-1.6-1.4-4.5,2.4-6.1,4.9-3.2-1.9-4.5-1.8-7.7,2.4-10.9,3,4,2.6,7.3-1.2,11.1,2.4-1.3,6.2,0,4,4.6-1.2-2.8-3.7-2.2-4.2.2-.3,1.7.7,3.7,3,4.2,1.9.3,4.7-.9,7-5.9-1.3,0-2.4.7-3.9,1.7l2.4-8c.6,2.3,1.4,3.7,2.2,4.5.6-1.6.5-2.8,0-5.3l5,1.8c-2.6,3.6-5.2,8.7-7.3,17.5-7.4-1.1-15.7-1.7-24.5-1.7h0c-8.8,0-17.1.6-24.5,1.7-2.1-8.9-4.7-13.9-7.3-17.5l5-1.8c-.5,2.5-.6,3.7,0,5.3.8-.8,1.6-2.3,2.2-4.5l2.4,8c-1.5-1-2.6-1.7-3.9-1.7,2.3,5,5.2,6.2,7,5.9,2.3-.4,3.3-2.4,3-4.2-.5-2.4-3-3.1-4.2-.2-2.2-4.6,1.6-6,4-4.6-3.7-3.7-4.2-7.1-1.2-11.1,4.2,3.2,4.3,6.4,2.4,10.9,2.5-2.8,6.3-1.3,4.9,3.2-1.8-2.7-4.1-1-3.7,1.6.3,2.3,3.3,4.1,7,3.8,5.4-.5,5.7-4.2,5.8-7.2-1.3-.2-3.7,1-5.7,3.8l-.7-8.5c2.2,2.3,4.2,2.7,6.4,2.8-.7-2.3-4.1-6.1-4.1-6.1h10.6,0Z"/></g></svg>
        """;

    private const string OpenGovernmentLicenceSvg =
        """
        <svg aria-hidden="true" focusable="false" class="govuk-footer__licence-logo" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 483.2 195.7" height="17" width="41"><path fill="currentColor" d="M421.5 142.8V.1l-50.7 32.3v161.1h112.4v-50.7zm-122.3-9.6A47.12 47.12 0 0 1 221 97.8c0-26 21.1-47.1 47.1-47.1 16.7 0 31.4 8.7 39.7 21.8l42.7-27.2A97.63 97.63 0 0 0 268.1 0c-36.5 0-68.3 20.1-85.1 49.7A98 98 0 0 0 97.8 0C43.9 0 0 43.9 0 97.8s43.9 97.8 97.8 97.8c36.5 0 68.3-20.1 85.1-49.7a97.76 97.76 0 0 0 149.6 25.4l19.4 22.2h3v-87.8h-80l24.3 27.5zM97.8 145c-26 0-47.1-21.1-47.1-47.1s21.1-47.1 47.1-47.1 47.2 21 47.2 47S123.8 145 97.8 145"/></svg>
        """;

    private const string CrownCopyrightHref =
        "https://www.nationalarchives.gov.uk/information-management/re-using-public-sector-information/uk-government-licensing-framework/crown-copyright/";

    public static IHtmlContent SkipLink(SkipLinkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var b = new HtmlBuilder();
        b.StartTag("a")
            .Attr("href", HtmlBuilder.Has(options.Href) ? options.Href : "#content")
            .Class("govuk-skip-link", options.Classes)
            .Attrs(options.Attributes)
            .Attr("data-module", "govuk-skip-link")
            .EndTag()
            .HtmlOrText(options.Html, options.Text)
            .Close("a");
        return b.ToHtml();
    }

    public static IHtmlContent GenericHeader(GenericHeaderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var b = new HtmlBuilder();
        b.StartTag("div").Class("govuk-generic-header", options.Classes).Attrs(options.Attributes).EndTag();
        b.StartTag("div")
            .Class(
                "govuk-generic-header__container",
                HtmlBuilder.Has(options.ContainerClasses) ? options.ContainerClasses : "govuk-width-container")
            .EndTag();
        b.StartTag("div").Class("govuk-generic-header__logo").EndTag();
        b.StartTag("a")
            .Attr("href", HtmlBuilder.Has(options.Url) ? options.Url : "/")
            .Class("govuk-generic-header__homepage-link")
            .EndTag()
            .HtmlOrText(options.LogoHtml, options.LogoText)
            .Close("a");
        b.Close("div").Close("div").Close("div");
        return b.ToHtml();
    }

    public static IHtmlContent ServiceNavigation(ServiceNavigationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var menuButtonText = HtmlBuilder.Has(options.MenuButtonText) ? options.MenuButtonText! : "Menu";
        var navigationId = HtmlBuilder.Has(options.NavigationId) ? options.NavigationId! : "navigation";
        var slots = options.Slots;
        var endSlotHtml = slots?.End?.Html;
        var endSlotInline = slots?.End?.Align == "inline";
        var items = (options.Navigation ?? []).Where(i => i is not null).Select(i => i!).ToList();
        var collapseOnMobile = options.CollapseNavigationOnMobile ?? items.Count > 1;

        // A service name (or slotted content) needs its own landmark; otherwise the <nav> is landmark enough.
        var isSection = HtmlBuilder.Has(options.ServiceName) || HtmlBuilder.Has(slots?.Start) || HtmlBuilder.Has(endSlotHtml);
        var outerTag = isSection ? "section" : "div";

        var b = new HtmlBuilder();
        b.StartTag(outerTag);
        if (isSection)
        {
            b.Attr("aria-label", options.AriaLabel ?? "Service information");
        }

        b.Class("govuk-service-navigation", options.Classes)
            .Attr("data-module", "govuk-service-navigation")
            .Attrs(options.Attributes)
            .EndTag();

        b.StartTag("div")
            .Class("govuk-width-container", endSlotInline ? "govuk-service-navigation__inlining-container" : null)
            .EndTag();
        b.Raw(slots?.Start);
        b.StartTag("div").Class("govuk-service-navigation__container").EndTag();

        if (HtmlBuilder.Has(options.ServiceName))
        {
            b.StartTag("span").Class("govuk-service-navigation__service-name").EndTag();
            if (HtmlBuilder.Has(options.ServiceUrl))
            {
                b.StartTag("a").Attr("href", options.ServiceUrl).Class("govuk-service-navigation__link").EndTag()
                    .Text(options.ServiceName).Close("a");
            }
            else
            {
                b.StartTag("span").Class("govuk-service-navigation__text").EndTag().Text(options.ServiceName).Close("span");
            }

            b.Close("span");
        }

        if (items.Count > 0 || HtmlBuilder.Has(slots?.NavigationStart) || HtmlBuilder.Has(slots?.NavigationEnd))
        {
            b.StartTag("nav")
                .Attr("aria-label", HtmlBuilder.Has(options.NavigationLabel) ? options.NavigationLabel : menuButtonText)
                .Class("govuk-service-navigation__wrapper", options.NavigationClasses)
                .EndTag();
            if (collapseOnMobile)
            {
                b.StartTag("button")
                    .Attr("type", "button")
                    .Class("govuk-service-navigation__toggle", "govuk-js-service-navigation-toggle")
                    .Attr("aria-controls", navigationId);
                if (HtmlBuilder.Has(options.MenuButtonLabel) && options.MenuButtonLabel != menuButtonText)
                {
                    b.Attr("aria-label", options.MenuButtonLabel);
                }

                b.Flag("hidden", true).Attr("aria-hidden", "true").EndTag().Text(menuButtonText).Close("button");
            }

            b.StartTag("ul").Class("govuk-service-navigation__list").Attr("id", navigationId).EndTag();
            b.Raw(slots?.NavigationStart);
            foreach (var item in items)
            {
                WriteServiceNavigationItem(b, item);
            }

            b.Raw(slots?.NavigationEnd);
            b.Close("ul").Close("nav");
        }

        b.Close("div");
        b.Raw(endSlotHtml);
        b.Close("div");
        b.Close(outerTag);
        return b.ToHtml();
    }

    private static void WriteServiceNavigationItem(HtmlBuilder b, ServiceNavigationItem item)
    {
        var isActive = item.Active || item.Current;
        var ariaCurrent = isActive ? (item.Current ? "page" : "true") : null;

        b.StartTag("li")
            .Class("govuk-service-navigation__item", isActive ? "govuk-service-navigation__item--active" : null)
            .EndTag();
        if (HtmlBuilder.Has(item.Href))
        {
            b.StartTag("a").Class("govuk-service-navigation__link").Attr("href", item.Href)
                .AttrIfNotNull("aria-current", ariaCurrent).Attrs(item.Attributes).EndTag();
            WriteServiceNavigationLinkContent(b, item, isActive);
            b.Close("a");
        }
        else if (HtmlBuilder.Has(item.Html) || HtmlBuilder.Has(item.Text))
        {
            b.StartTag("span").Class("govuk-service-navigation__text").AttrIfNotNull("aria-current", ariaCurrent).EndTag();
            WriteServiceNavigationLinkContent(b, item, isActive);
            b.Close("span");
        }

        b.Close("li");
    }

    private static void WriteServiceNavigationLinkContent(HtmlBuilder b, ServiceNavigationItem item, bool isActive)
    {
        // Strong keeps the current item distinguishable for people who override colours.
        if (isActive)
        {
            b.StartTag("strong").Class("govuk-service-navigation__active-fallback").EndTag()
                .HtmlOrText(item.Html, item.Text).Close("strong");
        }
        else
        {
            b.HtmlOrText(item.Html, item.Text);
        }
    }

    public static IHtmlContent PhaseBanner(PhaseBannerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var b = new HtmlBuilder();
        b.StartTag("div").Class("govuk-phase-banner", "govuk-width-container", options.Classes).Attrs(options.Attributes).EndTag();
        b.StartTag("p").Class("govuk-phase-banner__content").EndTag();
        WriteTag(b, new TagOptions
        {
            Text = options.Tag?.Text,
            Html = options.Tag?.Html,
            Classes = HtmlBuilder.Classes("govuk-phase-banner__content__tag", options.Tag?.Classes),
        });
        b.Raw("\n").StartTag("span").Class("govuk-phase-banner__text").EndTag().HtmlOrText(options.Html, options.Text).Close("span");
        b.Close("p").Close("div");
        return b.ToHtml();
    }

    public static IHtmlContent Footer(FooterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var b = new HtmlBuilder();
        b.StartTag("div").Class("govuk-footer", options.Classes).Attrs(options.Attributes).EndTag();
        b.StartTag("div").Class("govuk-width-container", options.ContainerClasses).EndTag();
        if (!options.HideCrown)
        {
            b.Raw(TudorCrownSvg);
        }

        if (options.Navigation is { Count: > 0 } navigation)
        {
            b.StartTag("div").Class("govuk-footer__navigation").EndTag();
            foreach (var section in navigation)
            {
                var width = HtmlBuilder.Has(section.Width) ? section.Width : "full";
                b.StartTag("div").Class("govuk-footer__section", "govuk-grid-column-" + width).EndTag();
                b.StartTag("h2").Class("govuk-footer__heading", "govuk-heading-m").EndTag().Text(section.Title).Close("h2");
                if (section.Items is { Count: > 0 } links)
                {
                    var columns = section.Columns is > 0 ? $"govuk-footer__list--columns-{section.Columns}" : null;
                    b.StartTag("ul").Class("govuk-footer__list", columns).EndTag();
                    foreach (var link in links.Where(l => HtmlBuilder.Has(l.Href) && HtmlBuilder.Has(l.Text)))
                    {
                        b.StartTag("li").Class("govuk-footer__list-item").EndTag();
                        WriteFooterLink(b, link);
                        b.Close("li");
                    }

                    b.Close("ul");
                }

                b.Close("div");
            }

            b.Close("div");
            b.StartTag("hr").Class("govuk-footer__section-break").EndTag();
        }

        b.StartTag("div").Class("govuk-footer__meta").EndTag();
        b.StartTag("div").Class("govuk-footer__meta-item", "govuk-footer__meta-item--grow").EndTag();
        if (options.Meta is { } meta)
        {
            b.StartTag("h2").Class("govuk-visually-hidden").EndTag()
                .Text(HtmlBuilder.Has(meta.VisuallyHiddenTitle) ? meta.VisuallyHiddenTitle : "Support links")
                .Close("h2");
            if (meta.Items is { Count: > 0 } metaItems)
            {
                b.StartTag("ul").Class("govuk-footer__inline-list").EndTag();
                foreach (var link in metaItems)
                {
                    b.StartTag("li").Class("govuk-footer__inline-list-item").EndTag();
                    WriteFooterLink(b, link);
                    b.Close("li");
                }

                b.Close("ul");
            }

            if (HtmlBuilder.Has(meta.Text) || HtmlBuilder.Has(meta.Html))
            {
                b.StartTag("div").Class("govuk-footer__meta-custom").EndTag().HtmlOrText(meta.Html, meta.Text).Close("div");
            }
        }

        if (!options.HideContentLicence)
        {
            var licence = options.ContentLicence;
            if (!options.HideLicenceLogo)
            {
                b.Raw(OpenGovernmentLicenceSvg);
            }

            b.StartTag("span").Class("govuk-footer__licence-description").EndTag();
            if (HtmlBuilder.Has(licence?.Html) || HtmlBuilder.Has(licence?.Text))
            {
                b.HtmlOrText(licence!.Html, licence.Text);
            }
            else
            {
                b.Raw("All content is available under the ")
                    .Raw("""<a class="govuk-footer__link" href="https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/" rel="license">Open Government Licence v3.0</a>""")
                    .Raw(", except where otherwise stated");
            }

            b.Close("span");
        }

        b.Close("div");
        var copyright = options.Copyright;
        b.StartTag("div").Class("govuk-footer__meta-item").EndTag();
        // GOV.UK Frontend draws the royal crest above the copyright link through its copyright-logo class; a service
        // that hides the crown shows no crest either, so the link is a plain footer link.
        b.StartTag("a")
            .Class("govuk-footer__link", options.HideCrown ? null : "govuk-footer__copyright-logo")
            .Attr("href", HtmlBuilder.Has(options.CopyrightHref) ? options.CopyrightHref : CrownCopyrightHref)
            .EndTag();
        if (HtmlBuilder.Has(copyright?.Html) || HtmlBuilder.Has(copyright?.Text))
        {
            b.HtmlOrText(copyright!.Html, copyright.Text);
        }
        else
        {
            b.Text("© Crown copyright");
        }

        b.Close("a").Close("div");
        b.Close("div");
        b.Close("div").Close("div");
        return b.ToHtml();
    }

    private static void WriteFooterLink(HtmlBuilder b, FooterLink link) =>
        b.StartTag("a").Class("govuk-footer__link").Attr("href", link.Href).Attrs(link.Attributes).EndTag()
            .Text(link.Text).Close("a");

    public static IHtmlContent Breadcrumbs(BreadcrumbsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var b = new HtmlBuilder();
        b.StartTag("nav")
            .Class("govuk-breadcrumbs", options.Classes, options.CollapseOnMobile ? "govuk-breadcrumbs--collapse-on-mobile" : null)
            .Attrs(options.Attributes)
            .Attr("aria-label", options.LabelText ?? "Breadcrumb")
            .EndTag();
        b.StartTag("ol").Class("govuk-breadcrumbs__list").EndTag();
        foreach (var item in options.Items ?? [])
        {
            if (HtmlBuilder.Has(item.Href))
            {
                b.StartTag("li").Class("govuk-breadcrumbs__list-item").EndTag();
                b.StartTag("a").Class("govuk-breadcrumbs__link").Attr("href", item.Href).Attrs(item.Attributes).EndTag()
                    .HtmlOrText(item.Html, item.Text).Close("a");
                b.Close("li");
            }
            else
            {
                b.StartTag("li").Class("govuk-breadcrumbs__list-item").Attr("aria-current", "page").EndTag()
                    .HtmlOrText(item.Html, item.Text).Close("li");
            }
        }

        b.Close("ol").Close("nav");
        return b.ToHtml();
    }

    public static IHtmlContent BackLink(BackLinkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var b = new HtmlBuilder();
        b.StartTag("a")
            .Attr("href", HtmlBuilder.Has(options.Href) ? options.Href : "#")
            .Class("govuk-back-link", options.Classes)
            .Attrs(options.Attributes)
            .EndTag()
            .HtmlOrText(options.Html, HtmlBuilder.Has(options.Text) ? options.Text : "Back")
            .Close("a");
        return b.ToHtml();
    }

    public static IHtmlContent Pagination(PaginationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        // Without numbered pages, previous and next become large stacked links.
        var blockLevel = options.Items is null
            && (options.Next is not null || options.Previous is not null);

        var b = new HtmlBuilder();
        b.StartTag("nav")
            .Class("govuk-pagination", blockLevel ? "govuk-pagination--block" : null, options.Classes)
            .Attr("aria-label", HtmlBuilder.Has(options.LandmarkLabel) ? options.LandmarkLabel : "Pagination")
            .Attrs(options.Attributes)
            .EndTag();

        if (options.Previous is { } previous && HtmlBuilder.Has(previous.Href))
        {
            WritePaginationArrowLink(b, previous, "prev", blockLevel);
        }

        if (options.Items is { } items)
        {
            b.StartTag("ul").Class("govuk-pagination__list").EndTag();
            foreach (var item in items)
            {
                if (item is not null && !item.IsEmpty)
                {
                    WritePaginationItem(b, item);
                }
            }

            b.Close("ul");
        }

        if (options.Next is { } next && HtmlBuilder.Has(next.Href))
        {
            WritePaginationArrowLink(b, next, "next", blockLevel);
        }

        b.Close("nav");
        return b.ToHtml();
    }

    private static void WritePaginationArrowLink(HtmlBuilder b, PaginationLink link, string type, bool blockLevel)
    {
        const string previousArrow =
            """<svg class="govuk-pagination__icon govuk-pagination__icon--prev" xmlns="http://www.w3.org/2000/svg" height="13" width="15" aria-hidden="true" focusable="false" viewBox="0 0 15 13"><path d="m6.5938-0.0078125-6.7266 6.7266 6.7441 6.4062 1.377-1.449-4.1856-3.9768h12.896v-2h-12.984l4.2931-4.293-1.414-1.414z"></path></svg>""";
        const string nextArrow =
            """<svg class="govuk-pagination__icon govuk-pagination__icon--next" xmlns="http://www.w3.org/2000/svg" height="13" width="15" aria-hidden="true" focusable="false" viewBox="0 0 15 13"><path d="m8.107-0.0078125-1.4136 1.414 4.2926 4.293h-12.986v2h12.896l-4.1855 3.9766 1.377 1.4492 6.7441-6.4062-6.7246-6.7266z"></path></svg>""";
        var isPrevious = type == "prev";
        var arrow = isPrevious ? previousArrow : nextArrow;

        b.StartTag("div").Class("govuk-pagination__" + type).EndTag();
        b.StartTag("a").Class("govuk-link", "govuk-pagination__link").Attr("href", link.Href).Attr("rel", type)
            .Attrs(link.Attributes).EndTag();
        if (blockLevel || isPrevious)
        {
            b.Raw(arrow);
        }

        b.StartTag("span")
            .Class(
                "govuk-pagination__link-title",
                blockLevel && !HtmlBuilder.Has(link.LabelText) ? "govuk-pagination__link-title--decorated" : null)
            .EndTag();
        if (HtmlBuilder.Has(link.Html) || HtmlBuilder.Has(link.Text))
        {
            b.HtmlOrText(link.Html, link.Text);
        }
        else
        {
            b.Raw(isPrevious ? "Previous" : "Next").Raw("""<span class="govuk-visually-hidden"> page</span>""");
        }

        b.Close("span");
        if (HtmlBuilder.Has(link.LabelText) && blockLevel)
        {
            b.Raw("""<span class="govuk-visually-hidden">:</span>""");
            b.StartTag("span").Class("govuk-pagination__link-label").EndTag().Text(link.LabelText).Close("span");
        }

        if (!blockLevel && !isPrevious)
        {
            b.Raw(arrow);
        }

        b.Close("a").Close("div");
    }

    private static void WritePaginationItem(HtmlBuilder b, PaginationItem item)
    {
        b.StartTag("li")
            .Class(
                "govuk-pagination__item",
                item.Current ? "govuk-pagination__item--current" : null,
                item.Ellipsis ? "govuk-pagination__item--ellipsis" : null)
            .EndTag();
        if (item.Ellipsis)
        {
            b.Raw("&ctdot;");
        }
        else
        {
            b.StartTag("a").Class("govuk-link", "govuk-pagination__link").Attr("href", item.Href)
                .Attr("aria-label", item.VisuallyHiddenText ?? "Page " + item.Number);
            if (item.Current)
            {
                b.Attr("aria-current", "page");
            }

            b.Attrs(item.Attributes).EndTag().Text(item.Number).Close("a");
        }

        b.Close("li");
    }
}
