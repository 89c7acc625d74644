using System.CommandLine;
using System.Security.Cryptography;
using Clickcast.Server.Keys;
using Clickcast.Tenants.Keys;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Clickcast.Cli.Commands;

/// <summary><c>clickcast keys</c>: API keys — issue (shown once), list (prefixes only), revoke; locally also the first admin key.</summary>
internal static class KeysCommand
{
    private static readonly Option<string?> Tenant = new("--tenant", "-t") { Description = "The tenant of a tenant key; without it, admin keys." };
    private static readonly Option<string> Name = new("--name") { Description = "What the key is for.", DefaultValueFactory = _ => "issued from the command line" };
    private static readonly Option<ApiKeyScope?> Scope = new("--scope") { Description = "A tenant key's scope: Tenant (the tenant's admin: keys, definitions, exports), Read, or Upload (uploads only). Read by default; never more than the calling key's own." };
    private static readonly Argument<long> Id = new("id") { Description = "The key's id." };

    public static Command Create()
    {
        var keys = new Command("keys", "API keys of the server: admin keys, and each tenant's keys. A key is shown once, when issued; only its hash is kept.");

        var create = new Command("create", "Issues a key: a tenant key with --tenant (--scope Tenant, Read or Upload), else an admin key (locally this is how to get an admin key back).") { Tenant, Scope, Name };
        create.SetAction((parse, token) => CliAction.RunAsync(
            parse,
            async (services, ct) =>
            {
                var tenant = parse.GetValue(Tenant);
                var scope = tenant is null ? ApiKeyScope.Admin : parse.GetValue(Scope) ?? ApiKeyScope.Read;
                if (tenant is not null && !scope.IsTenantScope())
                {
                    throw new CliException("A tenant key's --scope is Tenant, Read or Upload; leave out --tenant for an admin key.");
                }

                var issued = await services.GetRequiredService<ApiKeyStore>().CreateAsync(scope, tenant, parse.GetValue(Name)!, "cli:" + Environment.UserName, ct).ConfigureAwait(false);
                PrintIssued(parse, issued);
                return 0;
            },
            async (api, ct) =>
            {
                var tenant = parse.GetValue(Tenant);
                PrintIssued(parse, await api.SendAsync<IssuedApiKey>(HttpMethod.Post, tenant is null ? "api/keys" : $"api/tenants/{tenant}/keys", new KeyRequest(parse.GetValue(Name), tenant is null ? null : parse.GetValue(Scope)), ct).ConfigureAwait(false));
                return 0;
            },
            token));
        keys.Subcommands.Add(create);

        var list = new Command("list", "Lists keys (prefixes, never secrets): a tenant's with --tenant, else the admin keys.") { Tenant };
        list.SetAction((parse, token) => CliAction.RunAsync(
            parse,
            async (services, ct) =>
            {
                Print(parse, await services.GetRequiredService<ApiKeyStore>().ListAsync(parse.GetValue(Tenant), ct).ConfigureAwait(false));
                return 0;
            },
            async (api, ct) =>
            {
                var tenant = parse.GetValue(Tenant);
                Print(parse, await api.GetAsync<List<ApiKey>>(tenant is null ? "api/keys" : $"api/tenants/{tenant}/keys", ct).ConfigureAwait(false));
                return 0;
            },
            token));
        keys.Subcommands.Add(list);

        var revoke = new Command("revoke", "Revokes a key: it stops working at once.") { Id, Tenant };
        revoke.SetAction((parse, token) => CliAction.RunAsync(
            parse,
            async (services, ct) =>
            {
                var ok = await services.GetRequiredService<ApiKeyStore>().RevokeAsync(parse.GetValue(Id), ct).ConfigureAwait(false);
                AnsiConsole.MarkupLine(ok ? "Revoked." : "[yellow]No such active key.[/]");
                return ok ? 0 : 1;
            },
            async (api, ct) =>
            {
                var tenant = parse.GetValue(Tenant);
                await api.SendAsync(HttpMethod.Delete, tenant is null ? $"api/keys/{parse.GetValue(Id)}" : $"api/tenants/{tenant}/keys/{parse.GetValue(Id)}", ct).ConfigureAwait(false);
                AnsiConsole.MarkupLine("Revoked.");
                return 0;
            },
            token));
        keys.Subcommands.Add(revoke);

        var generate = new Command("generate", "Prints a new random key without storing it: set it as Server:AdminKey (or CLICKCAST_ADMIN_KEY) to configure the admin key.");
        generate.SetAction(_ =>
        {
            Console.WriteLine(ApiKeyStore.KeyStart + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24)));
            return 0;
        });
        keys.Subcommands.Add(generate);
        return keys;
    }

    private static void PrintIssued(ParseResult parse, IssuedApiKey issued) => Output.Write(parse.GetValue(GlobalOptions.Json), issued, i =>
        Output.Table($"Key {i.Key.Id} ({i.Key.Scope}{(i.Key.Tenant is null ? string.Empty : " of " + i.Key.Tenant)}) — shown once, keep it now", "Field", "Value")
            .Row("key", i.Secret).Row("prefix", i.Key.Prefix).Row("name", i.Key.Name));

    private static void Print(ParseResult parse, IReadOnlyList<ApiKey> keys) => Output.Write(parse.GetValue(GlobalOptions.Json), keys, rows =>
    {
        var table = Output.Table("Keys", "Id", "Prefix", "Scope", "Tenant", "Name", "Created", "By", "Revoked");
        foreach (var k in rows)
        {
            table.Row(k.Id, k.Prefix, k.Scope, k.Tenant, k.Name, k.CreatedAt, k.CreatedBy, k.RevokedAt);
        }

        return table;
    });
}
