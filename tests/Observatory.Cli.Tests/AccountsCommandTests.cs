using Microsoft.EntityFrameworkCore;
using Observatory.Accounts;
using Observatory.Auditing;
using Observatory.Cli;
using Observatory.Testing;

namespace Observatory.Cli.Tests;

public sealed class AccountsCommandTests
{
    [Fact]
    public async Task An_operator_creates_the_first_admin_an_organisation_and_a_token_then_revokes_it()
    {
        await using var database = TestDatabase.CreateSqlite();
        var db = database.Setting;

        var admin = await CliRunner.RunAsync("users", "create-admin", "--email", "Admin@Example.gov.uk", "--password", TestAccounts.Password, "--db", db);
        var weak = await CliRunner.RunAsync("users", "create-admin", "--email", "other@example.gov.uk", "--password", "short", "--db", db);
        var org = await CliRunner.RunAsync("orgs", "create", "Wigan Council", "--place", "E08000010", "--db", db);
        var badPlace = await CliRunner.RunAsync("orgs", "create", "Nowhere Council", "--place", "X99", "--db", db);
        var list = await CliRunner.RunAsync("orgs", "list", "--db", db);
        var token = await CliRunner.RunAsync("tokens", "create", "--email", "admin@example.gov.uk", "--name", "nightly import", "--write", "--db", db);

        admin.ExitCode.ShouldBe(ExitCodes.Success, admin.Error);
        admin.Out.ShouldContain("admin@example.gov.uk is a site administrator");
        weak.ExitCode.ShouldBe(ExitCodes.InputRefused);
        weak.Error.ShouldContain("at least 12 characters");
        org.Out.ShouldContain("Created Wigan Council (wigan-council)");
        badPlace.ExitCode.ShouldBe(ExitCodes.Usage);
        list.Out.ShouldContain("wigan-council");
        token.ExitCode.ShouldBe(ExitCodes.Success, token.Error);
        token.Out.Trim().ShouldStartWith("obs_");

        await using (var context = database.CreateContext())
        {
            var stored = await context.ApiTokens.SingleAsync();
            stored.TokenHash.ShouldNotBe(token.Out.Trim());
            (await context.AuditEntries.CountAsync(a => a.ActorName.StartsWith("command line"))).ShouldBeGreaterThanOrEqualTo(3, "the audit log names the command line for its writes");
            var revoke = await CliRunner.RunAsync("tokens", "revoke", stored.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--db", db);
            revoke.ExitCode.ShouldBe(ExitCodes.Success, revoke.Error);
        }
        await using (var context = database.CreateContext())
        {
            (await context.ApiTokens.SingleAsync()).RevokedAt.ShouldNotBeNull();
        }
        (await CliRunner.RunAsync("tokens", "revoke", "999", "--db", db)).ExitCode.ShouldBe(ExitCodes.Failed);
    }
}
