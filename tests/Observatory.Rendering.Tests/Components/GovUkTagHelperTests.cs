using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Observatory.Rendering.Components.GovUk;

namespace Observatory.Rendering.Tests.Components;

/// <summary>
/// Each tag helper must produce exactly what the <see cref="GovUk"/> renderer produces for the equivalent options,
/// with its child content as the component's HTML and its unbound attributes passed through.
/// </summary>
public sealed class GovUkTagHelperTests
{
    [Fact]
    public async Task Button_submits_with_its_content_as_the_label()
    {
        var html = await RunAsync(
            new ButtonTagHelper { Name = "action", Value = "save", PreventDoubleClick = true },
            "govuk-button",
            "Save and continue");

        html.ShouldBe(Render(GovUk.Button(new ButtonOptions
        {
            Html = "Save and continue",
            Name = "action",
            Value = "save",
            PreventDoubleClick = true,
        })));
        html.ShouldStartWith("<button type=\"submit\"");
    }

    [Fact]
    public async Task Button_variant_comes_from_the_class_attribute_and_other_attributes_pass_through()
    {
        var html = await RunAsync(
            new ButtonTagHelper { Type = "button", Disabled = true },
            "govuk-button",
            "Cancel",
            new TagHelperAttribute("class", new HtmlString("govuk-button--secondary")),
            new TagHelperAttribute("id", "cancel"),
            new TagHelperAttribute("data-track", new HtmlString("a &amp; b")));

        html.ShouldBe(Render(GovUk.Button(new ButtonOptions
        {
            Html = "Cancel",
            Type = "button",
            Disabled = true,
            Classes = "govuk-button--secondary",
            Attributes = new() { ["id"] = "cancel", ["data-track"] = "a & b" },
        })));
        html.ShouldContain("class=\"govuk-button govuk-button--secondary\"");
        html.ShouldContain("data-track=\"a &amp; b\"", Case.Sensitive, "encoded once, not twice");
    }

    [Fact]
    public async Task Button_with_href_is_a_start_link()
    {
        var html = await RunAsync(
            new ButtonTagHelper { Href = "/frameworks/import", IsStartButton = true },
            "govuk-button",
            "Start now",
            new TagHelperAttribute("class", new HtmlString("govuk-button--warning")));

        html.ShouldBe(Render(GovUk.Button(new ButtonOptions
        {
            Html = "Start now",
            Href = "/frameworks/import",
            IsStartButton = true,
            Classes = "govuk-button--warning",
        })));
        html.ShouldStartWith("<a href=\"/frameworks/import\" role=\"button\"");
        html.ShouldContain("govuk-button__start-icon");
    }

    [Fact]
    public async Task Tag()
    {
        var html = await RunAsync(new TagTagHelper { Classes = "govuk-tag--green" }, "govuk-tag", "Published");

        html.ShouldBe(Render(GovUk.Tag(new TagOptions { Html = "Published", Classes = "govuk-tag--green" })));
        html.ShouldBe("<strong class=\"govuk-tag govuk-tag--green\">Published</strong>");
    }

    [Fact]
    public async Task Inset_text()
    {
        var html = await RunAsync(
            new InsetTextTagHelper(),
            "govuk-inset-text",
            "<p class=\"govuk-body\">It can take up to 8 weeks.</p>",
            new TagHelperAttribute("id", "wait"));

        html.ShouldBe(Render(GovUk.InsetText(new InsetTextOptions
        {
            Html = "<p class=\"govuk-body\">It can take up to 8 weeks.</p>",
            Attributes = new() { ["id"] = "wait" },
        })));
    }

    [Fact]
    public async Task Details()
    {
        var html = await RunAsync(
            new DetailsTagHelper { SummaryText = "Help with <formats>", Open = true },
            "govuk-details",
            "<p>Upload CSV or YAML.</p>");

        html.ShouldBe(Render(GovUk.Details(new DetailsOptions
        {
            SummaryText = "Help with <formats>",
            Html = "<p>Upload CSV or YAML.</p>",
            Open = true,
        })));
        html.ShouldContain("Help with &lt;formats&gt;");
    }

    [Fact]
    public async Task Warning_text()
    {
        var html = await RunAsync(
            new WarningTextTagHelper { IconFallbackText = "Important" },
            "govuk-warning-text",
            "Importing replaces the existing framework.");

        html.ShouldBe(Render(GovUk.WarningText(new WarningTextOptions
        {
            Html = "Importing replaces the existing framework.",
            IconFallbackText = "Important",
        })));
    }

    [Fact]
    public async Task Panel_with_body()
    {
        var html = await RunAsync(
            new PanelTagHelper { TitleText = "Import complete", HeadingLevel = 2 },
            "govuk-panel",
            "Your reference is <strong>HDJ2123F</strong>");

        html.ShouldBe(Render(GovUk.Panel(new PanelOptions
        {
            TitleText = "Import complete",
            HeadingLevel = 2,
            Html = "Your reference is <strong>HDJ2123F</strong>",
        })));
    }

    [Fact]
    public async Task Panel_without_body_has_no_body_element()
    {
        var html = await RunAsync(new PanelTagHelper { TitleText = "Import complete" }, "govuk-panel", "  \n ");

        html.ShouldBe(Render(GovUk.Panel(new PanelOptions { TitleText = "Import complete" })));
        html.ShouldNotContain("govuk-panel__body");
    }

    [Fact]
    public async Task Notification_banner()
    {
        var html = await RunAsync(
            new NotificationBannerTagHelper { TitleText = "Success", Type = "success" },
            "govuk-notification-banner",
            "<p class=\"govuk-notification-banner__heading\">Framework imported.</p>");

        html.ShouldBe(Render(GovUk.NotificationBanner(new NotificationBannerOptions
        {
            TitleText = "Success",
            Type = "success",
            Html = "<p class=\"govuk-notification-banner__heading\">Framework imported.</p>",
        })));
        html.ShouldContain("role=\"alert\"");
    }

    /// <summary>Runs a tag helper the way Razor does and returns what the page would contain.</summary>
    private static async Task<string> RunAsync(TagHelper tagHelper, string tagName, string childHtml, params TagHelperAttribute[] unbound)
    {
        var context = new TagHelperContext(
            tagName,
            [.. unbound],
            new Dictionary<object, object>(),
            Guid.NewGuid().ToString("N"));
        var output = new TagHelperOutput(
            tagName,
            [.. unbound],
            (_, _) => Task.FromResult<TagHelperContent>(new DefaultTagHelperContent().SetHtmlContent(childHtml)));

        tagHelper.Init(context);
        await tagHelper.ProcessAsync(context, output);
        return Render(output);
    }

    private static string Render(IHtmlContent content)
    {
        using var writer = new StringWriter();
        content.WriteTo(writer, HtmlEncoder.Default);
        return writer.ToString();
    }
}
