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
