using Observatory.Web.Setup;

// The web host: a short list of named setup steps. Everything it serves is built in Observatory.Core.
var app = ObservatoryWebApp.Build(args);
await app.PrepareDatabaseAsync();
await app.RunAsync();

/// <summary>The entry point, visible to the test host.</summary>
public partial class Program;
