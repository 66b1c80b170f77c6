using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Observatory.Frameworks;
using Observatory.Storage;
using Observatory.Testing;

namespace Observatory.Web.Tests.Frameworks;

/// <summary>Importing a framework through the upload page: all or nothing, with problems named by file and line.</summary>
public sealed class FrameworkImportTests : IAsyncLifetime
{
    private const string Manifesto = """
        id: borough-manifesto
        name: Borough manifesto
        version: "2017"
        publisher: London Borough of Barking and Dagenham
        group: Your organisation's frameworks
        summary: The borough's shared vision for 2037, with its targets.
        source:
          file: borough-manifesto.pdf
          section: Our targets
        elements:
          - id: people
            name: People
            kind: theme
            description: Everyone is safe and well.
          - id: place
            name: Place
            kind: theme
            description: A borough people are proud of.
        """;

    private readonly ObservatoryAppFactory _app = new();
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        // A site administrator without an organisation imports frameworks published for everyone.
        await _app.EnsurePreparedAsync();
        await TestAccounts.SiteAdministratorAsync(_app.Services, "admin@example.gov.uk");
        _client = await TestAccounts.ClientAsync(_app, "admin@example.gov.uk");
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<HttpResponseMessage> Upload(string fileName, string content, bool withToken = true)
    {
        var form = new MultipartFormDataContent();
        if (withToken)
        {
            var page = await _client.GetHtmlAsync("/frameworks/import");
            var token = page.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
            form.Add(new StringContent(token), "__RequestVerificationToken");
        }
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(content));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        return await _client.PostAsync("/frameworks/import", form);
    }

    /// <summary>What the GOV.UK error summary at the top of the page says, as a reader sees it.</summary>
    private static string ErrorSummary(string html) => html.ParseHtml().QuerySelector(".govuk-error-summary")?.TextContent.Normalised() ?? "";

    private async Task<int> ImportedRows()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ObservatoryDbContext>().ImportedFrameworks.CountAsync();
    }

    [Fact]
    public async Task A_valid_file_is_imported_and_joins_the_catalogue()
    {
        using var response = await Upload("manifesto.yaml", Manifesto);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldBe("/frameworks/borough-manifesto");
        var page = await _client.GetHtmlAsync("/frameworks/borough-manifesto");
        page.QuerySelector(".govuk-notification-banner")!.TextContent.ShouldContain("Imported Borough manifesto (2 elements)");
        page.QuerySelector("h1")!.TextContent.Normalised().ShouldBe("Borough manifesto");
        var list = JsonDocument.Parse(await _client.GetStringAsync("/api/frameworks")).RootElement;
        list.EnumerateArray().ShouldContain(f => f.GetProperty("id").GetString() == "borough-manifesto" && f.GetProperty("elementCount").GetInt32() == 2);
    }

    [Fact]
    public async Task Importing_the_same_file_again_changes_nothing()
    {
        (await Upload("manifesto.yaml", Manifesto)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var before = await ImportedRows();

        using var again = await Upload("manifesto.yaml", Manifesto);

        again.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await ImportedRows()).ShouldBe(before);
        var page = await _client.GetHtmlAsync("/frameworks/borough-manifesto");
        page.QuerySelector(".govuk-notification-banner")!.TextContent.ShouldContain("already imported; nothing changed");
    }

    [Fact]
    public async Task A_broken_file_is_refused_with_its_file_line_and_field_and_nothing_is_stored()
    {
        var broken = Manifesto.Replace("    kind: theme\n    description: A borough", "    kynd: theme\n    description: A borough", StringComparison.Ordinal);

        using var response = await Upload("manifesto.yaml", broken);
        var page = (await response.Content.ReadAsStringAsync()).ParseHtml();

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = page.QuerySelectorAll(".govuk-error-summary__list li").Select(li => li.TextContent.Normalised()).ToList();
        errors.ShouldContain(e => e.StartsWith("manifesto.yaml:17:", StringComparison.Ordinal) && e.Contains("unknown key 'kynd'"));
        errors.ShouldContain(e => e.StartsWith("manifesto.yaml:15:", StringComparison.Ordinal) && e.Contains("elements[1].kind: is required"));
        page.Title.ShouldStartWith("Error:");
        page.QuerySelector(".govuk-error-message").ShouldNotBeNull();
        (await ImportedRows()).ShouldBe(0);
    }

    [Fact]
    public async Task A_framework_may_not_take_the_id_of_a_shipped_one()
    {
        using var response = await Upload("fake.yaml", Manifesto.Replace("id: borough-manifesto", "id: four-rs", StringComparison.Ordinal));

        // The file is well formed; its id clashes with what the Observatory holds: a conflict (409), said at its line.
        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        ErrorSummary(await response.Content.ReadAsStringAsync()).ShouldContain("fake.yaml:1:1: id: 'four-rs' is a framework shipped with the Observatory");
        (await ImportedRows()).ShouldBe(0);
    }

    [Fact]
    public async Task A_file_of_another_type_is_refused()
    {
        using var response = await Upload("manifesto.docx", Manifesto);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("must be YAML (.yaml or .yml) or JSON (.json)");
    }

    [Fact]
    public async Task A_post_without_the_anti_forgery_token_is_rejected_and_changes_nothing()
    {
        using var response = await Upload("manifesto.yaml", Manifesto, withToken: false);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ImportedRows()).ShouldBe(0);
    }

    [Fact]
    public async Task A_new_version_becomes_current_and_the_old_one_is_kept()
    {
        (await Upload("manifesto.yaml", Manifesto)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        using var response = await Upload("manifesto.yaml", Manifesto.Replace("version: \"2017\"", "version: \"2022\"", StringComparison.Ordinal).Replace("name: Place", "name: Place and environment", StringComparison.Ordinal));

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await ImportedRows()).ShouldBe(2);
        var json = JsonDocument.Parse(await _client.GetStringAsync("/api/frameworks/borough-manifesto")).RootElement;
        json.GetProperty("version").GetString().ShouldBe("2022");
        json.GetProperty("elements")[1].GetProperty("name").GetString().ShouldBe("Place and environment");
    }

    [Fact]
    public async Task The_same_version_with_different_content_is_refused()
    {
        (await Upload("manifesto.yaml", Manifesto)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        using var response = await Upload("manifesto.yaml", Manifesto.Replace("name: Place", "name: Somewhere", StringComparison.Ordinal));

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        ErrorSummary(await response.Content.ReadAsStringAsync()).ShouldContain("manifesto.yaml:1:1: version: version '2017' of 'borough-manifesto' was imported before with different content");
        (await ImportedRows()).ShouldBe(1);
    }
}
