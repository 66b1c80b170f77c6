using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Observatory.Portraits;

namespace Observatory.Web.Tests.Portraits;

public sealed class PortraitsApiTests(WebAppFixture fixture) : IClassFixture<WebAppFixture>
{
    private HttpClient Client => fixture.Client;

    private async Task<JsonElement> GetJson(string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await Client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, body);
        response.Content.Headers.ContentType!.MediaType.ShouldBe(expected == HttpStatusCode.OK ? "application/json" : "application/problem+json");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    [Theory]
    [InlineData("USA", "oneill-2018", null, 7, 7, 9, 11)]
    [InlineData("GBR", "oneill-2018", null, 5, 7, 8, 11)]
    [InlineData("GBR", "fanning-2022", "2015", 5, 6, 10, 11)]
    public async Task National_portraits_give_the_published_counts(string place, string definition, string? period, int transgressed, int ecologicalWithData, int achieved, int socialWithData)
    {
        var json = await GetJson($"/api/portraits/{place}?definition={definition}{(period is null ? "" : $"&period={period}")}");

        json.GetProperty("place").GetString().ShouldBe(place);
        json.GetProperty("definition").GetString().ShouldBe(definition);
        json.GetProperty("ecologicalTransgressed").GetInt32().ShouldBe(transgressed);
        json.GetProperty("ecologicalWithData").GetInt32().ShouldBe(ecologicalWithData);
        json.GetProperty("socialAchieved").GetInt32().ShouldBe(achieved);
        json.GetProperty("socialWithData").GetInt32().ShouldBe(socialWithData);
        if (period is not null)
        {
            json.GetProperty("period").GetString().ShouldBe(period);
        }
    }

    [Fact]
    public async Task A_council_portrait_defaults_to_the_council_doughnut_and_lists_every_dimension_including_no_data()
    {
        var definition = fixture.App.Services.GetRequiredService<PortraitDefinitions>().Find("uk-council")!;
        var json = await GetJson("/api/portraits/E08000010");

        json.GetProperty("definition").GetString().ShouldBe("uk-council");
        var dimensions = json.GetProperty("dimensions").EnumerateArray().ToList();
        dimensions.Select(d => d.GetProperty("id").GetString()).ShouldBe(definition.Dimensions.Select(d => d.Id));
        dimensions.ShouldContain(d => d.GetProperty("status").GetString() == "no-data");
        dimensions.ShouldAllBe(d => d.GetProperty("ring").GetString() == "social" || d.GetProperty("ring").GetString() == "ecological");
        var food = dimensions.Single(d => d.GetProperty("id").GetString() == "food");
        food.GetProperty("ratio").ValueKind.ShouldBe(JsonValueKind.Null);
        var withData = dimensions.Count(d => d.GetProperty("ring").GetString() == "social" && d.GetProperty("status").GetString() != "no-data");
        json.GetProperty("socialWithData").GetInt32().ShouldBe(withData);
    }

    [Fact]
    public async Task All_places_of_a_definition_come_at_once()
    {
        var councils = await GetJson("/api/portraits?definition=uk-council");
        councils.GetProperty("places").GetArrayLength().ShouldBe(361);
        var countries = await GetJson("/api/portraits?definition=oneill-2018");
        var list = countries.GetProperty("places").EnumerateArray().ToList();
        list.Count.ShouldBe(151);
        var usa = list.Single(p => p.GetProperty("place").GetString() == "USA");
        usa.GetProperty("ecologicalTransgressed").GetInt32().ShouldBe(7);
        usa.GetProperty("statuses").GetProperty("co2-emissions").GetString().ShouldNotBeNull();
    }

    [Fact]
    public async Task Csv_comes_with_the_accept_header()
    {
        foreach (var url in new[] { "/api/portraits/GBR?definition=oneill-2018", "/api/portraits?definition=oneill-2018" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
            using var response = await Client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
            response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
            body.ShouldStartWith("place,");
        }
    }

    [Theory]
    [InlineData("/api/portraits/XXX", HttpStatusCode.NotFound)]
    [InlineData("/api/portraits/GBR?definition=no-such-definition", HttpStatusCode.NotFound)]
    [InlineData("/api/portraits?definition=no-such-definition", HttpStatusCode.NotFound)]
    [InlineData("/api/portraits/GBR?definition=fanning-2022&period=1900", HttpStatusCode.BadRequest)]
    [InlineData("/api/portraits/GBR?definition=oneill-2018&period=not-a-year", HttpStatusCode.BadRequest)]
    [InlineData("/api/portraits?definition=oneill-2018&period=2020", HttpStatusCode.BadRequest)]
    [InlineData("/api/portraits/GBR?definition=uk-council", HttpStatusCode.BadRequest)]
    [InlineData("/api/portraits/E08000010?definition=oneill-2018", HttpStatusCode.BadRequest)]
    public async Task Errors_are_problem_details(string url, HttpStatusCode status)
    {
        var problem = await GetJson(url, status);
        problem.GetProperty("status").GetInt32().ShouldBe((int)status);
        problem.GetProperty("detail").GetString().ShouldNotBeNullOrWhiteSpace();
    }
}
