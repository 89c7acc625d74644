using Clickcast.IntegrationTests.Support;
using Clickcast.Testing;
using Clickcast.Torch.Pretraining;

namespace Clickcast.IntegrationTests.Cli;

/// <summary><c>clickcast pretrain</c> through the real command line on the shared access log.</summary>
public sealed class PretrainCliTests
{
    private static readonly Dictionary<string, string> NoEnvironment = [];

    private const string Definition = """
        { "id": "shop", "ingest": { "urls": { "defaultHost": "semicomplete.com" } },
          "tasks": [ { "id": "blog", "attribute": "later_blog",
            "target": { "urlPattern": "semicomplete.com/blog" },
            "model": { "gru": { "embeddingSize": 8, "hiddenSize": 16, "eventTypeEmbeddingSize": 0 },
                       "pretraining": { "epochs": 2, "maxClients": 150, "subChainMax": 10 } } } ] }
        """;

    [Fact]
    public async Task Pretrain_StoredTask_StoresAnEncoderUnderTheTenantsEncoders()
    {
        using var folder = new TempFolder();
        var data = folder.Path;
        await File.WriteAllTextAsync(folder.File("tenant.json"), Definition, TestContext.Current.CancellationToken);
        foreach (var args in new[] { new[] { "tenants", "apply", "--file", folder.File("tenant.json") }, ["ingest", "--tenant", "shop", "--source", SharedData.File("apache-combined/access.log")], ["sequences", "--tenant", "shop"] })
        {
            var step = await CliProcess.RunAsync(data, NoEnvironment, args);
            Assert.True(step.ExitCode == 0, step.Output);
        }

        var run = await CliProcess.RunAsync(data, NoEnvironment, "pretrain", "--tenant", "shop");

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("stored at tenants/shop/encoders/", run.Output, StringComparison.Ordinal);
        var manifest = Assert.Single(Directory.EnumerateFiles(data, ChainEncoder.ManifestFileName, SearchOption.AllDirectories));
        Assert.Contains(Path.Combine("tenants", "shop", "encoders"), manifest, StringComparison.Ordinal);
        using var encoder = ChainEncoder.Load(Path.GetDirectoryName(manifest)!, ToyData.OneThread());
        Assert.Equal(150, encoder.Manifest.Clients);
        Assert.Equal(2, encoder.Manifest.EpochLosses.Count);
        Assert.Equal(16, encoder.Options.HiddenSize);
    }

    [Fact]
    public async Task Train_PretrainingEnabled_BuildsTheEncoderAndTheCardNamesIt()
    {
        using var folder = new TempFolder();
        var data = folder.Path;
        var definition = Definition
            .Replace("\"model\": {", "\"labeling\": { \"mode\": \"Position\", \"observedEvents\": 2, \"minPositives\": 20, \"minNegatives\": 20, \"minPositivesPerEvaluationSplit\": 2 },\n \"model\": { \"family\": \"Gru\", \"explainSample\": 0,", StringComparison.Ordinal)
            .Replace("\"hiddenSize\": 16,", "\"hiddenSize\": 8, \"maxEpochs\": 2, \"threads\": 1,", StringComparison.Ordinal)
            .Replace("\"pretraining\": {", "\"pretraining\": { \"enabled\": true,", StringComparison.Ordinal);
        await File.WriteAllTextAsync(folder.File("tenant.json"), definition, TestContext.Current.CancellationToken);
        foreach (var args in new[] { new[] { "tenants", "apply", "--file", folder.File("tenant.json") }, ["ingest", "--tenant", "shop", "--source", SharedData.File("apache-combined/access.log")], ["sequences", "--tenant", "shop"] })
        {
            var step = await CliProcess.RunAsync(data, NoEnvironment, args);
            Assert.True(step.ExitCode == 0, step.Output);
        }

        var run = await CliProcess.RunAsync(data, NoEnvironment, "train", "--tenant", "shop");

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("The GRU starts from the pretrained encoder tenants/shop/encoders/", run.Output, StringComparison.Ordinal);
        Assert.Contains(", initialised from the pretrained encoder tenants/shop/encoders/", run.Output, StringComparison.Ordinal);
        var manifest = Assert.Single(Directory.EnumerateFiles(data, ChainEncoder.ManifestFileName, SearchOption.AllDirectories));
        Assert.Contains(Path.Combine("tenants", "shop", "encoders"), manifest, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pretrain_NoSequences_FailsWithAMessage()
    {
        using var folder = new TempFolder();
        await File.WriteAllTextAsync(folder.File("tenant.json"), Definition, TestContext.Current.CancellationToken);
        Assert.Equal(0, (await CliProcess.RunAsync(folder.Path, NoEnvironment, "tenants", "apply", "--file", folder.File("tenant.json"))).ExitCode);

        var run = await CliProcess.RunAsync(folder.Path, NoEnvironment, "pretrain", "--tenant", "shop");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("no sequences yet", run.Output, StringComparison.Ordinal);
    }
}
