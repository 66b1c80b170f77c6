using System.Net;
using System.Text.Json;
using Observatory.Testing;

namespace Observatory.Web.Tests.Shell;

public sealed class ShellTests(WebAppFixture fixture) : IClassFixture<WebAppFixture>
{
    private HttpClient Client => fixture.Client;

    [Theory]
    [InlineData("/", "Connected Places Observatory")]
    [InlineData("/accessibility", "Accessibility statement")]
    [InlineData("/cookies", "Cookies")]
    [InlineData("/privacy", "Privacy notice")]
    [InlineData("/about", "About the Observatory and its data")]
    [InlineData("/about/data-formats", "Data formats")]
    public async Task Every_shell_page_renders_in_the_govuk_template(string url, string heading)
    {
        var page = await Client.GetHtmlAsync(url);

        page.QuerySelector("h1")!.TextContent.Normalised().ShouldBe(heading);
        page.DocumentElement.GetAttribute("lang").ShouldBe("en-GB");
        page.QuerySelector("a.govuk-skip-link[href='#main-content']").ShouldNotBeNull();
        page.QuerySelector("main#main-content").ShouldNotBeNull();
        page.QuerySelector(".govuk-service-navigation").ShouldNotBeNull();
        page.QuerySelectorAll(".govuk-footer a").Select(a => a.GetAttribute("href")).ShouldContain("/accessibility");
        page.Title.ShouldEndWith("Connected Places Observatory");
    }

    /// <summary>
    /// The GOV.UK tag helpers take <c>classes</c> from their shared base: Razor must bind it there, so the variant
    /// joins the button's classes rather than being written out as an attribute no browser knows.
    /// </summary>
    [Fact]
    public async Task A_tag_helper_binds_its_classes_and_content_on_a_real_page()
    {
        var page = await Client.GetHtmlAsync("/");

        var button = page.QuerySelectorAll("button.govuk-button").Single(b => b.TextContent.Normalised() == "Search the frameworks");
        button.ClassList.ShouldBe(["govuk-button", "govuk-button--secondary"], ignoreOrder: true);
        button.GetAttribute("data-module").ShouldBe("govuk-button");
        page.QuerySelectorAll("[classes]").ShouldBeEmpty();
        page.QuerySelectorAll("govuk-button").ShouldBeEmpty();
    }

    [Fact]
    public async Task Pages_carry_security_headers_and_the_inline_script_has_the_policy_nonce()
    {
        using var response = await Client.GetAsync("/frameworks");
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        var page = (await response.Content.ReadAsStringAsync()).ParseHtml();

        csp.ShouldContain("default-src 'self'");
        csp.ShouldContain("object-src 'none'");
        csp.ShouldContain("frame-ancestors 'none'");
        csp.ShouldNotContain("unsafe-inline");
        var inline = page.QuerySelectorAll("script:not([src])").ShouldHaveSingleItem();
        csp.ShouldContain($"'nonce-{inline.GetAttribute("nonce")}'");
        response.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
        response.Headers.GetValues("X-Frame-Options").Single().ShouldBe("DENY");
        response.Headers.GetValues("Referrer-Policy").Single().ShouldBe("same-origin");
    }

    [Fact]
    public async Task Each_response_gets_a_new_nonce()
    {
        using var first = await Client.GetAsync("/");
        using var second = await Client.GetAsync("/");

        first.Headers.GetValues("Content-Security-Policy").Single().ShouldNotBe(second.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task An_unknown_page_answers_404_with_the_page_not_found_page()
    {
        using var response = await Client.GetAsync("/no-such-page");
        var page = (await response.Content.ReadAsStringAsync()).ParseHtml();

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        page.QuerySelector("h1")!.TextContent.Normalised().ShouldBe("Page not found");
        page.Title.ShouldStartWith("Page not found");
    }

    [Fact]
    public async Task An_unknown_api_path_answers_problem_details()
    {
        using var response = await Client.GetAsync("/api/no-such-thing");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        json.RootElement.GetProperty("status").GetInt32().ShouldBe(404);
    }

    [Fact]
    public async Task Health_reports_the_database()
    {
        using var response = await Client.GetAsync("/health");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        json.RootElement.GetProperty("status").GetString().ShouldBe("healthy");
        json.RootElement.GetProperty("checks").GetProperty("database").GetProperty("status").GetString().ShouldBe("healthy");
    }

    [Fact]
    public async Task The_openapi_document_describes_the_api()
    {
        using var json = JsonDocument.Parse(await Client.GetStringAsync("/openapi/v1.json"));
        var paths = json.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();

        paths.ShouldContain("/api/frameworks");
        paths.ShouldContain("/api/frameworks/{id}");
        paths.ShouldContain("/api/frameworks/{id}/elements/{elementId}");
        paths.ShouldContain("/api/crosswalks");
    }

    [Fact]
    public async Task Govuk_frontend_assets_are_served_from_the_site_without_the_govuk_typeface()
    {
        var css = await Client.GetStringAsync("/govuk/govuk-frontend.min.css");
        using var js = await Client.GetAsync("/govuk/govuk-frontend.min.js");

        css.ShouldContain(".govuk-button");
        css.ShouldNotContain("GDS Transport");
        js.StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
