using Clickcast.IntegrationTests.Support;

namespace Clickcast.IntegrationTests.Cli;

/// <summary>From the command line: applying a definition never changes the shard count; <c>clickcast reshard</c> does, one at a time.</summary>
public sealed class ReshardCliTests
{
    private static readonly Dictionary<string, string> NoEnvironment = [];

    [Fact]
    public async Task TenantsApply_ShardsChanged_RefusedNamingReshard_ReshardQueuesOneAtATime()
    {
        using var folder = new TempFolder();
        var data = folder.Path;
        var definition = Path.Combine(data, "shop.json");
        await File.WriteAllTextAsync(definition, """{ "id": "shop" }""", TestContext.Current.CancellationToken);
        var created = await CliProcess.RunAsync(data, NoEnvironment, "tenants", "apply", "--file", definition);
        await File.WriteAllTextAsync(definition, """{ "id": "shop", "shards": 4 }""", TestContext.Current.CancellationToken);

        var changed = await CliProcess.RunAsync(data, NoEnvironment, "tenants", "apply", "--file", definition);
        var odd = await CliProcess.RunAsync(data, NoEnvironment, "reshard", "--tenant", "shop", "--shards", "3");
        var queued = await CliProcess.RunAsync(data, NoEnvironment, "reshard", "--tenant", "shop", "--shards", "4");
        var second = await CliProcess.RunAsync(data, NoEnvironment, "reshard", "--tenant", "shop", "--shards", "8");

        Assert.True(created.ExitCode == 0, created.Output);
        Assert.True(changed.ExitCode != 0, changed.Output);
        Assert.Contains("clickcast reshard --tenant shop --shards 4", Flat(changed.Output), StringComparison.Ordinal);
        Assert.True(odd.ExitCode != 0, odd.Output);
        Assert.Contains("not a power of two", Flat(odd.Output), StringComparison.Ordinal);
        Assert.True(queued.ExitCode == 0, queued.Output);
        Assert.Contains("queued as run", Flat(queued.Output), StringComparison.Ordinal);
        Assert.True(second.ExitCode != 0, second.Output);
        Assert.Contains("re-shard of tenant 'shop' is queued", Flat(second.Output), StringComparison.Ordinal);
    }

    /// <summary>The console wraps long lines: compare text with its white space collapsed.</summary>
    private static string Flat(string output) => System.Text.RegularExpressions.Regex.Replace(output, @"\s+", " ");
}
