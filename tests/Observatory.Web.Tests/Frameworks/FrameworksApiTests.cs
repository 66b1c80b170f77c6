using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Observatory.Frameworks;

namespace Observatory.Web.Tests.Frameworks;

public sealed class FrameworksApiTests(WebAppFixture fixture) : IClassFixture<WebAppFixture>
{
    private HttpClient Client => fixture.Client;

    private FrameworkCatalogue Catalogue => fixture.App.Services.GetRequiredService<FrameworkCatalogue>();

    private async Task<JsonElement> GetJson(string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await Client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    [Fact]
    public async Task Lists_every_framework_with_id_name_version_and_element_count()
    {
        var list = await GetJson("/api/frameworks");

        var items = list.EnumerateArray().ToList();
        items.Select(i => i.GetProperty("id").GetString()).ShouldBe(Catalogue.Frameworks.Select(f => f.Id));
        foreach (var item in items)
        {
            var framework = Catalogue.Find(item.GetProperty("id").GetString()!)!;
            item.GetProperty("name").GetString().ShouldBe(framework.Name);
            item.GetProperty("version").GetString().ShouldBe(framework.Version);
            item.GetProperty("elementCount").GetInt32().ShouldBe(framework.ElementCount);
        }
    }

    [Fact]
    public async Task A_framework_comes_with_its_source_and_its_elements_as_a_tree()
    {
        var json = await GetJson("/api/frameworks/place-making");

        json.GetProperty("id").GetString().ShouldBe("place-making");
        json.GetProperty("source").EnumerateArray().First().GetProperty("file").GetString().ShouldBe("recovery-and-resilience-policy-briefing.txt");
        var outcomes = json.GetProperty("elements").EnumerateArray().Where(e => e.GetProperty("kind").GetString() == "outcome").ToList();
        outcomes.Select(o => o.GetProperty("name").GetString()).ShouldBe(["Healthy", "Connected", "Empowered", "Enabled"]);
        outcomes.ShouldAllBe(o => o.GetProperty("children").GetArrayLength() == 4);
        outcomes[1].GetProperty("children").EnumerateArray().Select(c => c.GetProperty("id").GetString())
            .ShouldBe(["connectivity", "community", "mobility", "culture"]);
    }

    [Fact]
    public async Task An_element_comes_with_its_related_elements()
    {
        var json = await GetJson("/api/frameworks/place-making/elements/connectivity");

        json.GetProperty("parent").GetString().ShouldBe("connected");
        json.GetProperty("related").EnumerateArray().Select(r => $"{r.GetProperty("framework").GetString()}/{r.GetProperty("element").GetString()}")
            .ShouldContain("local-digital-capital/digital-infrastructure");
    }

    [Fact]
    public async Task Crosswalks_can_be_asked_for_by_element()
    {
        var links = await GetJson("/api/crosswalks?element=local-digital-capital/digital-infrastructure");

        links.EnumerateArray().Select(l => l.GetProperty("to").GetString()).ShouldContain("place-making/connectivity");
        links.EnumerateArray().ShouldAllBe(l => l.GetProperty("from").GetString() == "local-digital-capital/digital-infrastructure");
    }

    [Theory]
    [InlineData("/api/frameworks/no-such", HttpStatusCode.NotFound, "There is no framework 'no-such'.")]
    [InlineData("/api/frameworks/four-rs/elements/no-such", HttpStatusCode.NotFound, "Framework 'four-rs' has no element 'no-such'.")]
    [InlineData("/api/crosswalks?element=not-a-reference", HttpStatusCode.BadRequest, "'not-a-reference' is not an element reference")]
    [InlineData("/api/crosswalks?element=four-rs/nothing", HttpStatusCode.NotFound, "There is no element 'four-rs/nothing'.")]
    [InlineData("/api/frameworks/four-rs/export?format=pdf", HttpStatusCode.BadRequest, "'pdf' is not an export format")]
    public async Task Errors_are_problem_details_that_say_what_is_wrong(string url, HttpStatusCode status, string detail)
    {
        using var response = await Client.GetAsync(url);

        response.StatusCode.ShouldBe(status);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        json.GetProperty("status").GetInt32().ShouldBe((int)status);
        json.GetProperty("detail").GetString()!.ShouldStartWith(detail);
    }

    [Theory]
    [InlineData("yaml", "application/yaml")]
    [InlineData("json", "application/json")]
    public async Task Any_framework_exports_in_the_documented_format_and_reads_back_the_same(string format, string mediaType)
    {
        foreach (var framework in Catalogue.Frameworks)
        {
            using var response = await Client.GetAsync($"/api/frameworks/{framework.Id}/export?format={format}");
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            response.Content.Headers.ContentType!.MediaType.ShouldBe(mediaType);
            response.Content.Headers.ContentDisposition!.FileName.ShouldBe($"{framework.Id}.{format}");

            var (read, problems) = FrameworkReader.ReadFramework($"{framework.Id}.{format}", await response.Content.ReadAsStringAsync(), framework.Id, FrameworkOrigin.Shipped);

            problems.ShouldBeEmpty();
            FrameworkWriter.ToYaml(read!).ShouldBe(FrameworkWriter.ToYaml(framework));
        }
    }
}
