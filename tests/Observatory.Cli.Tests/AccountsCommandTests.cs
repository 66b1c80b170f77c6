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
        var sameName = await CliRunner.RunAsync("orgs", "create", "Wigan Council", "--place", "E08000010", "--db", db);
        var list = await CliRunner.RunAsync("orgs", "list", "--db", db);
        var token = await CliRunner.RunAsync("tokens", "create", "--email", "admin@example.gov.uk", "--name", "nightly import", "--write", "--db", db);

        admin.ExitCode.ShouldBe(ExitCodes.Success, admin.Error);
        admin.Out.ShouldContain("admin@example.gov.uk is a site administrator");
        weak.ExitCode.ShouldBe(ExitCodes.InputRefused);
        weak.Error.ShouldContain("at least 12 characters");
        org.Out.ShouldContain("Created Wigan Council (wigan-council)");
        badPlace.ExitCode.ShouldBe(ExitCodes.Usage);
        // A name already taken clashes with what is stored: a conflict, not refused input.
        sameName.ExitCode.ShouldBe(ExitCodes.Conflict, sameName.Error);
        sameName.Error.ShouldContain("error: An organisation called Wigan Council already exists; nothing was changed.");
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

/// <summary>
/// The first administrator made by a person at a terminal or by a script. In one class, so the test that sets
/// OBSERVATORY_ADMIN_PASSWORD never runs beside the one that needs it unset.
/// </summary>
public sealed class CreateAdminPasswordTests
{
    private const string Email = "ada@example.gov.uk";

    [Fact]
    public async Task At_a_terminal_it_states_the_rule_first_then_asks_twice()
    {
        await using var database = TestDatabase.CreateSqlite();
        var terminal = new ScriptedTerminal(TestAccounts.Password, TestAccounts.Password);

        var result = await CliRunner.RunAsync(terminal, "users", "create-admin", "--email", Email, "--db", database.Setting);

        result.ExitCode.ShouldBe(ExitCodes.Success, result.Error);
        terminal.Asked.ShouldBe(2);
        var rule = result.Error.IndexOf("at least 12 characters", StringComparison.Ordinal);
        rule.ShouldBeGreaterThanOrEqualTo(0, result.Error);
        rule.ShouldBeLessThan(result.Error.IndexOf("Password:", StringComparison.Ordinal), "the rule is stated before the first question");
        result.Error.ShouldContain("again to confirm");
        result.Out.ShouldContain($"{Email} is a site administrator");
        await using var db = database.CreateContext();
        (await db.People.SingleAsync()).IsSiteAdministrator.ShouldBeTrue();
    }

    [Fact]
    public async Task Two_different_passwords_are_refused_and_nothing_is_created()
    {
        await using var database = TestDatabase.CreateSqlite();

        var result = await CliRunner.RunAsync(new ScriptedTerminal(TestAccounts.Password, TestAccounts.Password + "!"),
            "users", "create-admin", "--email", Email, "--db", database.Setting);

        result.ExitCode.ShouldBe(ExitCodes.InputRefused);
        result.Error.ShouldContain("error: The two passwords are different; nothing was changed.");
        await using var db = await database.MigratedContextAsync();
        (await db.People.CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task A_password_the_rule_refuses_is_not_asked_for_again()
    {
        await using var database = TestDatabase.CreateSqlite();
        var terminal = new ScriptedTerminal("too short", "too short");

        var result = await CliRunner.RunAsync(terminal, "users", "create-admin", "--email", Email, "--db", database.Setting);

        result.ExitCode.ShouldBe(ExitCodes.InputRefused);
        terminal.Asked.ShouldBe(1);
        result.Error.ShouldContain("at least 12 characters; nothing was changed.");
    }

    [Fact]
    public async Task Without_a_terminal_the_password_comes_from_the_option_or_the_variable()
    {
        await using var database = TestDatabase.CreateSqlite();

        var none = await CliRunner.RunAsync("users", "create-admin", "--email", Email, "--db", database.Setting);
        none.ExitCode.ShouldBe(ExitCodes.Usage);
        none.Error.ShouldContain("--password");
        none.Error.ShouldContain("OBSERVATORY_ADMIN_PASSWORD");

        Environment.SetEnvironmentVariable("OBSERVATORY_ADMIN_PASSWORD", TestAccounts.Password);
        try
        {
            var fromVariable = await CliRunner.RunAsync("users", "create-admin", "--email", Email, "--db", database.Setting);
            fromVariable.ExitCode.ShouldBe(ExitCodes.Success, fromVariable.Error);
        }
        finally
        {
            Environment.SetEnvironmentVariable("OBSERVATORY_ADMIN_PASSWORD", null);
        }
        var signIn = await CliRunner.RunAsync("users", "create-admin", "--email", "bob@example.gov.uk", "--password", TestAccounts.Password, "--db", database.Setting);
        signIn.ExitCode.ShouldBe(ExitCodes.Success, signIn.Error);

        await using var db = database.CreateContext();
        (await db.People.CountAsync(p => p.IsSiteAdministrator)).ShouldBe(2);
    }
}
