using Clickcast.IntegrationTests.Support;
using Clickcast.Testing;
using Clickcast.Torch.Pretraining;

namespace Clickcast.IntegrationTests.Cli;

/// <summary><c>clickcast pretrain</c> through the real command line on the shared access log.</summary>
public sealed class PretrainCliTests
{
    private const string Definition = """
        { "id": "shop", "ingest": { "urls": { "defaultHost": "semicomplete.com" } },
          "tasks": [ { "id": "blog", "attribute": "later_blog",
            "target": { "urlPattern": "semicomplete.com/blog" },
            "model": { "gru": { "embeddingSize": 8, "hiddenSize": 16, "eventTypeEmbeddingSize": 0 },
                       "pretraining": { "epochs": 2, "maxClients": 150, "subChainMax": 10 } } } ] }
        """;

    private const string PurchaseWithPretraining = """
        { "id": "shop", "ingest": { "mapping": { "clientId": "session_id", "timestamp": "event_date", "url": "item_id", "eventType": "event_type", "urlKind": "Token" } },
          "tasks": [ { "id": "buy", "attribute": "will_buy", "target": { "eventType": "purchase" },
            "labeling": { "mode": "Position", "observedEvents": 2, "minPositives": 20, "minNegatives": 20, "minPositivesPerEvaluationSplit": 2 },
            "model": { "family": "Gru", "explainSample": 0, "gru": { "embeddingSize": 8, "hiddenSize": 8, "maxEpochs": 2, "threads": 1, "eventTypeEmbeddingSize": 0 },
                       "pretraining": { "enabled": true, "epochs": 2, "maxClients": 150, "subChainMax": 10 } } } ] }
        """;

    [Fact]
    public async Task Pretrain_StoredTask_StoresAnEncoderUnderTheTenantsEncoders()
    {
        using var folder = new TempFolder();
        var data = folder.Path;
        await CliProcess.ApplyIngestAndBuildSequencesAsync(data, Definition, "shop", SharedData.File("apache-combined/access.log"));

        var run = await CliProcess.RunAsync(data, CliProcess.NoEnvironment, "pretrain", "--tenant", "shop");

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
    public async Task Train_PretrainingEnabled_BuildsTheEncoderThenReusesIt_CardNamesIt()
    {
        using var folder = new TempFolder();
        var data = folder.Path;
        await CliProcess.ApplyIngestAndBuildSequencesAsync(data, PurchaseWithPretraining, "shop", SharedData.File("ecommerce/diginetica-sample-events.csv"));

        var first = await CliProcess.RunAsync(data, CliProcess.NoEnvironment, "train", "--tenant", "shop", "--out", folder.File("first"));
        var second = await CliProcess.RunAsync(data, CliProcess.NoEnvironment, "train", "--tenant", "shop", "--out", folder.File("second"));

        Assert.True(first.ExitCode == 0, first.Output);
        Assert.True(second.ExitCode == 0, second.Output);
        Assert.Contains("Contrastive pretraining: 150 client chains", first.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Contrastive pretraining", second.Output, StringComparison.Ordinal);
        foreach (var run in new[] { first.Output, second.Output })
        {
            Assert.Contains("The GRU starts from the pretrained encoder tenants/shop/encoders/000001/", run, StringComparison.Ordinal);
            Assert.Contains(", initialised from the pretrained encoder tenants/shop/encoders/000001/.", run, StringComparison.Ordinal);
        }

        var manifest = Assert.Single(Directory.EnumerateFiles(data, ChainEncoder.ManifestFileName, SearchOption.AllDirectories));
        Assert.Contains(Path.Combine("tenants", "shop", "encoders", "000001"), manifest, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pretrain_NoSequences_FailsWithAMessage()
    {
        using var folder = new TempFolder();
        await File.WriteAllTextAsync(folder.File("tenant.json"), Definition, TestContext.Current.CancellationToken);
        Assert.Equal(0, (await CliProcess.RunAsync(folder.Path, CliProcess.NoEnvironment, "tenants", "apply", "--file", folder.File("tenant.json"))).ExitCode);

        var run = await CliProcess.RunAsync(folder.Path, CliProcess.NoEnvironment, "pretrain", "--tenant", "shop");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("no sequences yet", run.Output, StringComparison.Ordinal);
    }
}
