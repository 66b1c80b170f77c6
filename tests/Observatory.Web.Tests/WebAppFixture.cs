using Observatory.Testing;

namespace Observatory.Web.Tests;

/// <summary>One running Observatory (real pipeline, real SQLite file) shared by the tests of a class.</summary>
public sealed class WebAppFixture : IAsyncLifetime
{
    public ObservatoryAppFactory App { get; } = new();

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync() => Client = await App.ClientAsync();

    public async Task DisposeAsync() => await App.DisposeAsync();
}

/// <summary>The real app with a signed-in contributor of "Test Council", for the pages that need an account.</summary>
public sealed class ContributorAppFixture : IAsyncLifetime
{
    public const string Email = "contributor@test-council.gov.uk";

    public ObservatoryAppFactory App { get; } = new();

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await App.EnsurePreparedAsync();
        var organisation = await TestAccounts.OrganisationAsync(App.Services, "Test Council");
        await TestAccounts.MemberAsync(App.Services, Email, organisation, Observatory.Accounts.Role.Contributor);
        Client = await TestAccounts.ClientAsync(App, Email);
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}
