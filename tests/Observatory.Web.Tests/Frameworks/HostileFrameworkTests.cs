using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Observatory.Accounts;
using Observatory.Content;
using Observatory.Frameworks;
using Observatory.Storage;
using Observatory.Testing;

namespace Observatory.Web.Tests.Frameworks;

/// <summary>
/// Framework uploads built to take the server down, and imports that probe another organisation's private framework:
/// each is refused with a message, the server keeps serving and nothing is stored.
/// </summary>
public sealed class HostileFrameworkTests : IAsyncLifetime
{
    private const string AlphaEmail = "contributor@alpha.gov.uk";
    private const string BetaEmail = "contributor@beta.gov.uk";

    private readonly ObservatoryAppFactory _app = new();
    private HttpClient _alpha = null!;
    private HttpClient _beta = null!;
    private Organisation _alphaCouncil = null!;

    public async Task InitializeAsync()
    {
        await _app.EnsurePreparedAsync();
        _alphaCouncil = await TestAccounts.OrganisationAsync(_app.Services, "Alpha Council");
        var beta = await TestAccounts.OrganisationAsync(_app.Services, "Beta Council");
        await TestAccounts.MemberAsync(_app.Services, AlphaEmail, _alphaCouncil, Role.Contributor);
        await TestAccounts.MemberAsync(_app.Services, BetaEmail, beta, Role.Contributor);
        _alpha = await TestAccounts.ClientAsync(_app, AlphaEmail);
        _beta = await TestAccounts.ClientAsync(_app, BetaEmail);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static async Task<HttpResponseMessage> Upload(HttpClient client, string fileName, string content, string visibility = "Private")
    {
        var page = await client.GetHtmlAsync("/frameworks/import");
        var form = new MultipartFormDataContent
        {
            { new StringContent(page.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!), "__RequestVerificationToken" },
            { new StringContent(visibility), "Visibility" },
        };
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(content));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        return await client.PostAsync("/frameworks/import", form);
    }

    private async Task<int> StoredFrameworks()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ObservatoryDbContext>().ImportedFrameworks.CountAsync();
    }

    private static string Framework(string id, string version = "1", string summary = "A plan.") => $$"""
        id: {{id}}
        name: {{id}} plan
        version: "{{version}}"
        publisher: A council
        group: Your organisation's frameworks
        summary: {{summary}}
        source:
          file: plan.pdf
          section: All
        elements:
          - id: one
            name: One
            kind: theme
            description: The first.
        """;

    public static TheoryData<string> HostileFiles() => [.. HostileInputs.Frameworks().Select(f => f.Name)];

    [Theory]
    [MemberData(nameof(HostileFiles))]
    public async Task A_file_built_to_take_the_server_down_is_refused_with_the_limit_it_broke_and_the_server_keeps_serving(string name)
    {
        var (_, fileName, text) = HostileInputs.Frameworks().Single(f => f.Name == name);
        var before = await StoredFrameworks();

        using var response = await Upload(_alpha, fileName, text);
        var body = await response.Content.ReadAsStringAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = body.ParseHtml().QuerySelectorAll(".govuk-error-summary__list li").Select(li => li.TextContent.Normalised()).ToList();
        errors.ShouldHaveSingleItem().ShouldStartWith(fileName);
        errors[0].ShouldMatch("levels deep|nodes|contains it|levels$");
        body.Length.ShouldBeLessThan(100_000);
        (await StoredFrameworks()).ShouldBe(before);
        (await _alpha.GetAsync("/frameworks")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_framework_nested_to_the_limit_is_imported_and_served_as_a_page_and_as_json()
    {
        using var response = await Upload(_alpha, "deep.json", HostileInputs.DeepFramework(FrameworkReader.MaxElementDepth, json: true, id: "alpha-deep"));
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        (await _alpha.GetAsync("/frameworks/alpha-deep")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var json = JsonDocument.Parse(await _alpha.GetStringAsync("/api/frameworks/alpha-deep")).RootElement;
        var element = json.GetProperty("elements")[0];
        for (var level = 1; level < FrameworkReader.MaxElementDepth; level++)
        {
            element = element.GetProperty("children")[0];
        }
        element.GetProperty("id").GetString().ShouldBe($"e{FrameworkReader.MaxElementDepth - 1}");
        (await _alpha.GetAsync("/api/frameworks/alpha-deep/export?format=json")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_framework_stored_before_the_limits_that_breaks_them_is_not_found_rather_than_taking_the_server_down()
    {
        var text = HostileInputs.DeepFramework(6_001, json: true, id: "stored-deep");
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ObservatoryDbContext>();
            db.ImportedFrameworks.Add(new ImportedFramework
            {
                FrameworkId = "stored-deep",
                Version = "1",
                Name = "Stored deep",
                Format = "json",
                Content = text,
                ContentHash = FrameworkLibrary.Hash(text),
                FileName = "deeper.json",
                IsCurrent = true,
            });
            await db.SaveChangesAsync();
        }
        var anonymous = await _app.ClientAsync();

        (await anonymous.GetAsync("/frameworks/stored-deep")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await anonymous.GetAsync("/api/frameworks/stored-deep")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await anonymous.GetAsync("/frameworks")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await anonymous.GetAsync("/api/frameworks")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Fields_longer_than_their_limits_are_refused_quoting_a_short_prefix()
    {
        var longId = new string('a', 100_000);
        var note = new string('n', FrameworkReader.MaxTextLength + 1);

        using var response = await Upload(_alpha, "long.yaml", Framework("placeholder", summary: note).Replace("id: placeholder", "id: " + longId, StringComparison.Ordinal));
        var body = await response.Content.ReadAsStringAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = body.ParseHtml().QuerySelectorAll(".govuk-error-summary__list li").Select(li => li.TextContent.Normalised()).ToList();
        errors.ShouldContain(e => e.Contains($"id: is 100,000 characters; at most {YamlFile.MaxIdLength} are allowed", StringComparison.Ordinal), string.Join("\n", errors));
        errors.ShouldContain(e => e.Contains($"summary: is {FrameworkReader.MaxTextLength + 1:N0} characters; at most {FrameworkReader.MaxTextLength:N0} are allowed", StringComparison.Ordinal));
        body.Length.ShouldBeLessThan(60_000);
    }

    /// <summary>
    /// Beta tries Alpha's private id three ways (the same file, the same version changed, a new version): each answer is
    /// word for word the answer for an id any other owner holds publicly, so it tells nothing of the private framework,
    /// its versions or its content, and nothing is stored.
    /// </summary>
    [Fact]
    public async Task Importing_another_organisations_private_id_tells_nothing_about_it()
    {
        var secret = Framework("alpha-secret");
        (await Upload(_alpha, "secret.yaml", secret)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await Upload(_alpha, "open.yaml", Framework("alpha-open"), visibility: "Public")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ObservatoryDbContext>();
            (await db.ImportedFrameworks.SingleAsync(f => f.FrameworkId == "alpha-open")).State = WorkflowState.Published;
            await db.SaveChangesAsync();
        }
        var before = await StoredFrameworks();

        async Task<(HttpStatusCode, string)> Answer(string text)
        {
            using var response = await Upload(_beta, "probe.yaml", text);
            var errors = (await response.Content.ReadAsStringAsync()).ParseHtml().QuerySelectorAll(".govuk-error-summary__list li").Select(li => li.TextContent.Normalised());
            return (response.StatusCode, string.Join(" | ", errors).Replace("alpha-secret", "ID", StringComparison.Ordinal).Replace("alpha-open", "ID", StringComparison.Ordinal));
        }

        var samePublic = await Answer(Framework("alpha-open"));
        // An id already taken clashes with what is stored (409), whoever owns it and whatever it holds.
        samePublic.Item1.ShouldBe(HttpStatusCode.Conflict);
        samePublic.Item2.ShouldContain("ID");
        (await Answer(secret)).ShouldBe(samePublic);
        (await Answer(Framework("alpha-secret", summary: "Changed."))).ShouldBe(samePublic);
        (await Answer(Framework("alpha-secret", version: "2"))).ShouldBe(samePublic);
        (await Answer(Framework("alpha-open", version: "2"))).ShouldBe(samePublic);
        (await StoredFrameworks()).ShouldBe(before);
    }
}
