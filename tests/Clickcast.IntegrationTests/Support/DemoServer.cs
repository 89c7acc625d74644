using Clickcast.Export;
using Clickcast.Generation;
using Clickcast.Ingestion.Urls;
using Clickcast.Labels;
using Clickcast.Pipeline;
using Clickcast.Registry;
using Clickcast.Storage;
using Clickcast.Tenants;
using Clickcast.Tenants.Keys;
using Clickcast.Training;

namespace Clickcast.IntegrationTests.Support;

/// <summary>
/// A server with demo data, built once for the assembly: tenant <c>shop</c> (a small synthetic clickstream through the
/// whole pipeline in two waves — so there is a champion, a judged challenger, incremental scoring and a closed
/// outcome window) and tenant <c>other</c> (a task, no data). Logistic regression keeps it to seconds.
/// </summary>
public sealed class DemoServer : IAsyncLifetime
{
    public const string Shop = "shop";
    public const string Other = "other";
    public const string Task = "checkout";

    private readonly TempFolder _files = new();

    public ServerHost Host { get; private set; } = null!;

    public string ShopKey { get; private set; } = null!;

    public string OtherKey { get; private set; } = null!;

    public static TenantDefinition ShopDefinition() => new()
    {
        Id = Shop,
        DisplayName = "Shop",
        Ingest = new() { Urls = new UrlNormalizationOptions { Level = UrlLevel.Path, PathSegments = 1 } },
        Tasks =
        [
            new TaskDefinition
            {
                Id = Task,
                Attribute = "propensity_checkout",
                Description = "Will the client visit the checkout within 5 days?",
                Target = new TargetDefinition { UrlPattern = ClickstreamGenerator.TargetUrl },
                Labeling = new LabelingOptions { Horizon = TimeSpan.FromDays(5), MinPositives = 30, MinNegatives = 30, MinPositivesPerEvaluationSplit = 5 },
                Model = new ModelSettings { Family = ModelFamilyChoice.LogisticRegression, ExplainSample = 200 },
                Retraining = new RetrainingPolicy { MinNewDataShare = 0.01, MinimumAuc = 0.55 },
                Exports = [new ExportDestinationOptions { Name = "files", Kind = ExportDestinationKind.Files }],
            },
        ],
    };

    public static TenantDefinition OtherDefinition() => new()
    {
        Id = Other,
        DisplayName = "Other company",
        Tasks =
        [
            new TaskDefinition
            {
                Id = "churn",
                Attribute = "churn_risk",
                Target = new TargetDefinition { UrlPattern = "other.example.com/cancel" },
                Exports = [new ExportDestinationOptions { Name = "crm", Kind = ExportDestinationKind.Webhook, Webhook = new WebhookOptions { Url = "https://crm.other.example.com/hook", Secret = "other-webhook-secret-0123456789" } }],
            },
        ],
    };

    /// <summary>A demo server of a test's own (for tests that change it): started, with its data; dispose it.</summary>
    public static async Task<DemoServer> StartAsync()
    {
        var demo = new DemoServer();
        await demo.InitializeAsync();
        return demo;
    }

    public async ValueTask InitializeAsync()
    {
        Host = await ServerHost.StartAsync();
        var catalog = Host.Get<TenantCatalog>();
        await catalog.SaveAsync(ShopDefinition());
        await catalog.SaveAsync(OtherDefinition());
        var keys = Host.Get<ApiKeyStore>();
        ShopKey = (await keys.CreateAsync(ApiKeyScope.Tenant, Shop, "shop test key", "test")).Secret;
        OtherKey = (await keys.CreateAsync(ApiKeyScope.Tenant, Other, "other test key", "test")).Secret;

        var (files, _) = ClickstreamFiles.Write(new GeneratorOptions { Clients = 3_000, Days = 20, Seed = 11 }, _files.Path);
        var store = Host.Get<IObjectStore>();
        var runner = Host.Get<PipelineRunner>();
        foreach (var file in files.Take(12))
        {
            await store.PutFileAsync(TenantLayout.Raw(Shop) + Path.GetFileName(file), file);
        }

        await runner.RunOnceAsync();
        foreach (var file in files.Skip(12))
        {
            await store.PutFileAsync(TenantLayout.Raw(Shop) + Path.GetFileName(file), file);
        }

        await runner.RunOnceAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        _files.Dispose();
    }
}
