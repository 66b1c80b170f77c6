using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Observatory.Accounts;
using Observatory.Storage;

namespace Observatory.Cli.Commands;

/// <summary>
/// observatory users create-admin, orgs create|list, tokens create|revoke: what an operator with the machine does
/// before anyone can sign in, and for scripts.
/// </summary>
public static class AccountsCommands
{
    public static Command Users(CliConsole console)
    {
        var email = new Option<string>("--email") { Description = "The administrator's email address.", Required = true };
        var name = new Option<string>("--name") { Description = "Their name as the Observatory shows it.", DefaultValueFactory = _ => "Site administrator" };
        var password = new Option<string?>("--password")
        {
            Description = $"Their password (at least {AccountService.MinimumPasswordLength} characters). Without it, it is read from "
                + $"{PasswordVariable} or, on a terminal, asked for twice.",
        };
        var createAdmin = new Command("create-admin", "Create a site administrator, or make an existing person one (and set their password).") { email, name, password };
        createAdmin.SetAction((parse, ct) => console.Run(async () =>
        {
            var address = parse.GetValue(email)!;
            var secret = parse.GetValue(password)
                ?? (Environment.GetEnvironmentVariable(PasswordVariable) is { Length: > 0 } fromVariable ? fromVariable : null)
                ?? await AskForPasswordAsync(console, address);
            await using var services = await ServicesAsync(parse, ct);
            await using var scope = services.CreateAsyncScope();
            if (!(await scope.ServiceProvider.GetRequiredService<AccountService>().CreateSiteAdministratorAsync(address, parse.GetValue(name)!, secret, ct))
                .Succeeded(out var person, out var refusal))
            {
                return await console.Refused(refusal);
            }
            await console.Out.WriteLineAsync($"{person.Email} is a site administrator. Sign in at /sign-in.");
            return ExitCodes.Success;
        }));
        return new Command("users", "Manage people.") { createAdmin };
    }

    public static Command Organisations(CliConsole console)
    {
        var name = new Argument<string>("name") { Description = "The organisation's name, e.g. \"Wigan Council\"." };
        var kind = new Option<string>("--kind") { Description = "council, partner, sector-body or supplier.", DefaultValueFactory = _ => "council" };
        kind.AcceptOnlyFromAmong("council", "partner", "sector-body", "supplier");
        var places = new Option<string[]>("--place") { Description = "GSS code of a place it serves (repeatable).", AllowMultipleArgumentsPerToken = true };
        var create = new Command("create", "Create an organisation.") { name, kind, places };
        create.SetAction((parse, ct) => console.Run(async () =>
        {
            await using var services = await ServicesAsync(parse, ct);
            await using var scope = services.CreateAsyncScope();
            var actor = scope.ServiceProvider.GetRequiredService<CurrentActor>().Actor;
            var registry = services.GetRequiredService<Places.PlaceRegistry>();
            var codes = parse.GetValue(places) ?? [];
            if (codes.FirstOrDefault(c => registry.Find(c) is null) is { } unknown)
            {
                throw new CommandException($"'{unknown}' is not a known place code.", ExitCodes.Usage);
            }
            var kindValue = parse.GetValue(kind) switch { "partner" => OrganisationKind.Partner, "sector-body" => OrganisationKind.SectorBody, "supplier" => OrganisationKind.Supplier, _ => OrganisationKind.Council };
            if (!(await scope.ServiceProvider.GetRequiredService<AccountService>().CreateOrganisationAsync(actor, parse.GetValue(name)!, kindValue, codes, ct))
                .Succeeded(out var organisation, out var refusal))
            {
                return await console.Refused(refusal);
            }
            await console.Out.WriteLineAsync($"Created {organisation.Name} ({organisation.Slug}). Invite its first admin from /organisations/{organisation.Slug}.");
            return ExitCodes.Success;
        }));
        var list = new Command("list", "List organisations with their members.");
        list.SetAction((parse, ct) => console.Run(async () =>
        {
            await using var services = await ServicesAsync(parse, ct);
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ObservatoryDbContext>();
            var counts = await db.Memberships.GroupBy(m => m.OrganisationId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
            foreach (var o in await db.Organisations.AsNoTracking().OrderBy(o => o.Name).ToListAsync(ct))
            {
                await console.Out.WriteLineAsync($"{o.Slug,-32} {Organisation.KindName(o.Kind),-12} {counts.GetValueOrDefault(o.Id),3} members  {o.Name}");
            }
            return ExitCodes.Success;
        }));
        return new Command("orgs", "Manage organisations.") { create, list };
    }

    public static Command Tokens(CliConsole console)
    {
        var email = new Option<string>("--email") { Description = "Whose token it is.", Required = true };
        var name = new Option<string>("--name") { Description = "What will use it.", Required = true };
        var write = new Option<bool>("--write") { Description = "Let the token change things as well as read them." };
        var days = new Option<int>("--days") { Description = "Days until it expires (1–366).", DefaultValueFactory = _ => 90 };
        var create = new Command("create", "Create a personal access token; it is printed once.") { email, name, write, days };
        create.SetAction((parse, ct) => console.Run(async () =>
        {
            await using var services = await ServicesAsync(parse, ct);
            await using var scope = services.CreateAsyncScope();
            var person = await FindPersonAsync(scope.ServiceProvider, parse.GetValue(email)!, ct);
            var scopes = TokenScopes.Read | (parse.GetValue(write) ? TokenScopes.Write : TokenScopes.None);
            if (!(await scope.ServiceProvider.GetRequiredService<AccountService>().CreateTokenAsync(person.Id, parse.GetValue(name)!, scopes, parse.GetValue(days), ct))
                .Succeeded(out var created, out var refusal))
            {
                return await console.Refused(refusal);
            }
            var (token, secret) = created;
            await console.Out.WriteLineAsync(secret);
            await console.Error.WriteLineAsync($"Token {token.Id} for {person.Email}, expires {token.ExpiresAt:yyyy-MM-dd}. It is not shown again.");
            return ExitCodes.Success;
        }));
        var id = new Argument<long>("id") { Description = "The token's number, as 'tokens create' or the account page gives it." };
        var revoke = new Command("revoke", "Revoke a token at once.") { id };
        revoke.SetAction((parse, ct) => console.Run(async () =>
        {
            await using var services = await ServicesAsync(parse, ct);
            await using var scope = services.CreateAsyncScope();
            if (!await scope.ServiceProvider.GetRequiredService<AccountService>().RevokeTokenAsync(null, parse.GetValue(id), ct))
            {
                throw new CommandException($"There is no active token {parse.GetValue(id)}.");
            }
            await console.Out.WriteLineAsync($"Token {parse.GetValue(id)} is revoked.");
            return ExitCodes.Success;
        }));
        return new Command("tokens", "Manage API tokens.") { create, revoke };
    }

    private static async Task<ServiceProvider> ServicesAsync(ParseResult parse, CancellationToken ct)
    {
        var services = CliServices.Build(parse);
        await using var scope = services.CreateAsyncScope();
        await StorageSetup.MigrateAsync(scope.ServiceProvider.GetRequiredService<ObservatoryDbContext>(), ct);
        return services;
    }

    private static async Task<Person> FindPersonAsync(IServiceProvider services, string email, CancellationToken ct)
    {
        var normalised = Person.NormaliseEmail(email);
        return await services.GetRequiredService<ObservatoryDbContext>().People.FirstOrDefaultAsync(p => p.Email == normalised, ct)
            ?? throw new CommandException($"No one has an account with the email address {email}.");
    }

    /// <summary>The environment variable that gives create-admin its password where no one can type it.</summary>
    public const string PasswordVariable = "OBSERVATORY_ADMIN_PASSWORD";

    /// <summary>
    /// Asks the person at the keyboard for the password twice, having said what it must be, so a typing slip
    /// (nothing is shown as they type) does not lock the first administrator out.
    /// </summary>
    private static async Task<string> AskForPasswordAsync(CliConsole console, string email)
    {
        if (!console.Terminal.IsInteractive)
        {
            throw new CommandException($"No password given and no terminal to ask on: give it with --password or the {PasswordVariable} environment variable.", ExitCodes.Usage);
        }
        var name = email.Split('@')[0];
        await console.Error.WriteLineAsync($"Choose a password of at least {AccountService.MinimumPasswordLength} characters"
            + (name.Length > 0 ? $" that does not contain \"{name}\"." : "."));
        await console.Error.WriteAsync("Password: ");
        var first = console.Terminal.ReadSecret();
        await console.Error.WriteLineAsync();
        // Checked before the confirmation, so a password the rule refuses is not typed twice for nothing.
        if (AccountService.CheckPassword(first, email) is { } refusal)
        {
            throw new CommandException(refusal.Message + "; nothing was changed.", ExitCodes.For(refusal.Kind));
        }
        await console.Error.WriteAsync("Type it again to confirm: ");
        var second = console.Terminal.ReadSecret();
        await console.Error.WriteLineAsync();
        if (!string.Equals(first, second, StringComparison.Ordinal))
        {
            throw new CommandException("The two passwords are different; nothing was changed. Run the command again.", ExitCodes.InputRefused);
        }
        return first;
    }
}
