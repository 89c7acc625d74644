using System.Text.Json;
using Clickcast.IntegrationTests.Support;
using Clickcast.Storage;
using Clickcast.Tenants;
using Clickcast.Tenants.Keys;

namespace Clickcast.IntegrationTests.Server;

/// <summary>The command line's key and definition verbs against a real server: scopes and If-Match go over the wire.</summary>
public sealed class CliAgainstServerTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task KeysCreateAndTenantsApply_ScopeAndIfVersion_ReachTheServer()
    {
        await using var host = await ServerHost.StartAsync();
        using var admin = host.Client(ServerHost.AdminKey);
        await KeyScopeTests.CreateTenantAsync(admin);
        using var folder = new TempFolder();
        var file = folder.File("other.json");
        var definition = DemoServer.OtherDefinition();
        definition.DisplayName = "applied from the command line";
        await File.WriteAllTextAsync(file, JsonSerializer.Serialize(definition, ClickcastJson.Options), Token);
        var remote = new[] { "--server", host.Address.ToString(), "--key", ServerHost.AdminKey };
        var none = new Dictionary<string, string>();

        var upload = await CliProcess.RunAsync(folder.Path, none, [.. remote, "--json", "keys", "create", "--tenant", "other", "--scope", "Upload", "--name", "loader"]);
        var stale = await CliProcess.RunAsync(folder.Path, none, [.. remote, "tenants", "apply", "-f", file, "--if-version", "7"]);
        var current = await CliProcess.RunAsync(folder.Path, none, [.. remote, "tenants", "apply", "-f", file, "--if-version", "1"]);

        Assert.True(upload.ExitCode == 0, upload.Output);
        Assert.Equal(ApiKeyScope.Upload, (await host.Get<ApiKeyStore>().ListAsync("other", Token)).Single(k => k.Name == "loader").Scope);
        Assert.True(stale.ExitCode != 0, stale.Output);
        Assert.Contains("version 1", stale.Output, StringComparison.Ordinal);
        Assert.True(current.ExitCode == 0, current.Output);
        Assert.Equal("applied from the command line", (await host.Get<TenantCatalog>().GetAsync("other", Token))!.DisplayName);
    }
}
