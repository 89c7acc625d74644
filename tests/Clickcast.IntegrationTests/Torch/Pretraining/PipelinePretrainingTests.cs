using Clickcast.Generation;
using Clickcast.Ingestion.Urls;
using Clickcast.IntegrationTests.Support;
using Clickcast.Labels;
using Clickcast.Pipeline;
using Clickcast.Registry;
using Clickcast.Storage;
using Clickcast.Tenants;
using Clickcast.Testing;
using Clickcast.Torch;
using Clickcast.Torch.Pretraining;
using Clickcast.Training;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Clickcast.IntegrationTests.Torch.Pretraining;

/// <summary>Issue 12 point 5: <c>model.pretraining.enabled</c> makes the pipeline's GRU start from the tenant's encoder.</summary>
public sealed class PipelinePretrainingTests
{
    private const string Tenant = "shop";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Enabled_FirstTaskBuildsAndStoresTheEncoder_SecondReusesIt_ModelsNameIt()
    {
        using var folder = new TempFolder();
        var logs = new RecordingLoggerProvider();
        await using var services = Services(folder, logs);
        await RunAsync(services, folder, enabled: true);

        var keys = await EncoderKeysAsync(services);

        // One encoder folder, built once (the first task) and reused (the second): no second pretraining.
        var encoder = Assert.Single(keys, k => k.EndsWith("/" + ChainEncoder.ManifestFileName, StringComparison.Ordinal))[..^ChainEncoder.ManifestFileName.Length];
        Assert.StartsWith(TenantLayout.Encoders(Tenant), encoder, StringComparison.Ordinal);
        Assert.Single(logs.Lines, l => l.Contains(": pretraining Build (newest encoder none", StringComparison.Ordinal));
        Assert.Single(logs.Lines, l => l.Contains($": pretraining Reuse (newest encoder {encoder}", StringComparison.Ordinal));
        Assert.Single(logs.Lines, l => l.Contains("Contrastive pretraining: ", StringComparison.Ordinal));
        Assert.Equal(2, logs.Lines.Count(l => l.Contains("GRU training: ", StringComparison.Ordinal) && l.Contains(", warm start from a model of vocabulary", StringComparison.Ordinal)));
        foreach (var task in new[] { "first", "second" })
        {
            var manifest = await ManifestAsync(services, task);
            Assert.Equal(ModelFamilyKind.Gru, manifest.Family);
            Assert.Null(manifest.WarmStartedFrom);
            Assert.Equal(encoder, manifest.Details[PretrainedEncoder.DetailsKey]);
        }

        var card = ModelReport.Render(await services.GetRequiredService<ModelStore>().LocalFolderAsync((await VersionAsync(services, "first")).FolderKey, Token));
        Assert.Contains($", initialised from the pretrained encoder {encoder}.", card, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disabled_NothingIsPretrained_ModelNamesNoEncoder()
    {
        using var folder = new TempFolder();
        var logs = new RecordingLoggerProvider();
        await using var services = Services(folder, logs);
        await RunAsync(services, folder, enabled: false);

        Assert.Empty(await EncoderKeysAsync(services));
        Assert.DoesNotContain(logs.Lines, l => l.Contains("Contrastive pretraining", StringComparison.Ordinal) || l.Contains(": pretraining ", StringComparison.Ordinal));
        var manifest = await ManifestAsync(services, "first");
        Assert.Equal(ModelFamilyKind.Gru, manifest.Family);
        Assert.False(manifest.Details.ContainsKey(PretrainedEncoder.DetailsKey));
        Assert.DoesNotContain(logs.Lines, l => l.Contains(", warm start from a model of vocabulary", StringComparison.Ordinal));
    }

    private static ServiceProvider Services(TempFolder folder, RecordingLoggerProvider logs)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Information).AddProvider(logs));
        services.AddClickcast(options => options.DataPath = folder.File("data"));
        services.AddClickcastTorch();
        services.Configure<PipelineOptions>(options => options.SequencesDebounce = TimeSpan.Zero);
        return services.BuildServiceProvider();
    }

    /// <summary>Two GRU tasks of tiny shape on a small generated clickstream, through one pipeline run.</summary>
    private static async Task RunAsync(ServiceProvider services, TempFolder folder, bool enabled)
    {
        var definition = new TenantDefinition
        {
            Id = Tenant,
            Ingest = new() { Urls = new UrlNormalizationOptions { Level = UrlLevel.Path, PathSegments = 1 } },
            Tasks = enabled ? [Task("first", true), Task("second", true)] : [Task("first", false)],
        };
        await services.GetRequiredService<TenantCatalog>().SaveAsync(definition, Token);
        var (files, _) = ClickstreamFiles.Write(new GeneratorOptions { Clients = 1_500, Days = 10, Seed = 5 }, folder.File("avro"));
        var store = services.GetRequiredService<IObjectStore>();
        foreach (var file in files)
        {
            await store.PutFileAsync(TenantLayout.Raw(Tenant) + Path.GetFileName(file), file, Token);
        }

        await services.GetRequiredService<PipelineRunner>().RunOnceAsync(Token);
    }

    private static TaskDefinition Task(string id, bool pretraining) => new()
    {
        Id = id,
        Attribute = "propensity_" + id,
        Target = new TargetDefinition { UrlPattern = ClickstreamGenerator.TargetUrl },
        Labeling = new LabelingOptions { Horizon = TimeSpan.FromDays(3), MinPositives = 20, MinNegatives = 20, MinPositivesPerEvaluationSplit = 3 },
        Model = new ModelSettings
        {
            Family = ModelFamilyChoice.Gru,
            ExplainSample = 0,
            Gru = new GruSettings { EmbeddingSize = 8, HiddenSize = 8, EventTypeEmbeddingSize = 0, MaxEpochs = 2, Threads = 1, Seed = 3 },
            Pretraining = new PretrainingSettings { Enabled = pretraining, Epochs = 2, MaxClients = 300, SubChainMax = 10 },
        },
    };

    private static async Task<List<string>> EncoderKeysAsync(ServiceProvider services)
    {
        var keys = new List<string>();
        await foreach (var item in services.GetRequiredService<IObjectStore>().ListAsync(TenantLayout.Encoders(Tenant), cancellationToken: Token))
        {
            keys.Add(item.Key);
        }

        return keys;
    }

    private static async Task<ModelVersion> VersionAsync(ServiceProvider services, string task) =>
        Assert.Single(await services.GetRequiredService<ModelRegistry>().ListAsync(Tenant, task, Token));

    private static async Task<ModelManifest> ManifestAsync(ServiceProvider services, string task)
    {
        var version = await VersionAsync(services, task);
        var manifest = await services.GetRequiredService<IObjectStore>().TryReadJsonAsync<ModelManifest>(version.FolderKey + ModelFiles.Manifest, ClickcastJson.Options, Token);
        return Assert.IsType<ModelManifest>(manifest);
    }
}
