using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Observatory.Accounts;
using Observatory.Storage;
using Observatory.Testing;

namespace Observatory.Web.Tests.Accounts;

/// <summary>
/// A name already taken clashes with what the Observatory holds: the admin page answers 409 Conflict and says so
/// beside the name, rather than calling the form's input wrong (400).
/// </summary>
public sealed class OrganisationNameTests : IAsyncLifetime
{
    private const string SiteAdmin = "admin@observatory.example";

    private readonly ObservatoryAppFactory _app = new();

    public async Task InitializeAsync()
    {
        await _app.EnsurePreparedAsync();
        await TestAccounts.OrganisationAsync(_app.Services, "Wigan Council", "E08000010");
        await TestAccounts.SiteAdministratorAsync(_app.Services, SiteAdmin);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_name_already_taken_is_a_conflict_said_beside_the_name_and_creates_nothing()
    {
        var admin = await TestAccounts.ClientAsync(_app, SiteAdmin);

        using var response = await AccountForms.PostAsync(admin, "/admin", new Dictionary<string, string> { ["name"] = "Wigan Council", ["kind"] = "Council" });

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var page = (await response.Content.ReadAsStringAsync()).ParseHtml();
        page.QuerySelector(".govuk-error-summary")!.TextContent.Normalised().ShouldContain("An organisation called Wigan Council already exists");
        page.QuerySelector(".govuk-error-summary a")!.GetAttribute("href").ShouldBe("#name");
        await using var scope = _app.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<ObservatoryDbContext>().Organisations.CountAsync(o => o.Name == "Wigan Council")).ShouldBe(1);
    }
}
