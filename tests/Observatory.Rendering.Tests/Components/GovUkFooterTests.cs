using AngleSharp.Html.Parser;
using Observatory.Rendering.Components.GovUk;

namespace Observatory.Rendering.Tests.Components;

/// <summary>
/// The footer extensions that GOV.UK Frontend does not have: our service is not GOV.UK, so it must be able to
/// drop the crown and crest, the Open Government Licence and the Crown copyright link.
/// </summary>
public sealed class GovUkFooterTests
{
    [Fact]
    public void A_service_that_is_not_GOV_UK_shows_no_crown_and_its_own_licence_and_copyright()
    {
        var footer = Parse(GovUk.Footer(new FooterOptions
        {
            HideCrown = true,
            Meta = new FooterMeta
            {
                Items =
                [
                    new FooterLink { Text = "Accessibility", Href = "/help/accessibility" },
                    new FooterLink { Text = "Privacy", Href = "/help/privacy" },
                ],
            },
            ContentLicence = new FooterContent
            {
                Html = "Content is available under <a class=\"govuk-footer__link\" href=\"/licence\">our licence</a>",
            },
            HideLicenceLogo = true,
            Copyright = new FooterContent { Text = "© Connected Places Observatory" },
            CopyrightHref = "/help/about",
        }));

        footer.QuerySelector(".govuk-footer__crown").ShouldBeNull();
        footer.QuerySelector(".govuk-footer__licence-logo").ShouldBeNull();
        footer.QuerySelector(".govuk-footer__licence-description a")!.GetAttribute("href").ShouldBe("/licence");
        // No crest either: GOV.UK Frontend draws it on the copyright-logo class.
        footer.QuerySelector(".govuk-footer__copyright-logo").ShouldBeNull();
        var copyright = footer.QuerySelector(".govuk-footer__meta-item:last-child a.govuk-footer__link")!;
        copyright.GetAttribute("href").ShouldBe("/help/about");
        copyright.TextContent.Trim().ShouldBe("© Connected Places Observatory");
        footer.QuerySelectorAll(".govuk-footer__inline-list-item a").Select(a => a.TextContent.Trim())
            .ShouldBe(["Accessibility", "Privacy"]);
    }

    [Fact]
    public void The_licence_can_be_left_out()
    {
        var footer = Parse(GovUk.Footer(new FooterOptions { HideContentLicence = true }));

        footer.QuerySelector(".govuk-footer__licence-description").ShouldBeNull();
        footer.QuerySelector(".govuk-footer__licence-logo").ShouldBeNull();
    }

    [Fact]
    public void By_default_the_footer_is_GOV_UK_Frontend_s()
    {
        var footer = Parse(GovUk.Footer(new FooterOptions()));

        footer.QuerySelector(".govuk-footer__crown").ShouldNotBeNull();
        footer.QuerySelector(".govuk-footer__licence-logo").ShouldNotBeNull();
        footer.QuerySelector(".govuk-footer__licence-description")!.TextContent.ShouldContain("Open Government Licence v3.0");
        footer.QuerySelector(".govuk-footer__copyright-logo")!.TextContent.Trim().ShouldBe("© Crown copyright");
    }

    private static AngleSharp.Dom.IElement Parse(Microsoft.AspNetCore.Html.IHtmlContent content)
    {
        using var writer = new StringWriter();
        content.WriteTo(writer, System.Text.Encodings.Web.HtmlEncoder.Default);
        var document = new HtmlParser().ParseDocument(writer.ToString());
        return document.Body!.FirstElementChild!;
    }
}
