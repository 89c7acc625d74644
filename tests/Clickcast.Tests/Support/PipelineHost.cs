using Clickcast.Export;
using Clickcast.Generation;
using Clickcast.Ingestion.Urls;
using Clickcast.Labels;
using Clickcast.Pipeline;
using Clickcast.Registry;
using Clickcast.Storage;
using Clickcast.Tenants;
using Clickcast.Training;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Clickcast.Tests.Support;

/// <summary>The whole pipeline on embedded defaults in a temp folder (logistic regression only: no libtorch here).</summary>
internal sealed class PipelineHost : IAsyncDisposable
{
    public const string Tenant = "shop";

    private readonly TempFolder _folder = new();
    private IReadOnlyList<string> _files = [];

    public PipelineHost(Action<IServiceCollection>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddClickcast(options => options.DataPath = _folder.File("data"));
        services.Configure<PipelineOptions>(options => options.SequencesDebounce = TimeSpan.Zero);
        configure?.Invoke(services);
        Services = services.BuildServiceProvider();
    }

    public ServiceProvider Services { get; }

    public IObjectStore Store => Services.GetRequiredService<IObjectStore>();

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public static TenantDefinition Definition(double minNewDataShare = 0.01) => new()
    {
        Id = Tenant,
        Ingest = new() { Urls = new UrlNormalizationOptions { Level = UrlLevel.Path, PathSegments = 1 } },
        Tasks =
        [
            new TaskDefinition
            {
                Id = "checkout",
                Attribute = "propensity_checkout_7d",
                Target = new TargetDefinition { UrlPattern = ClickstreamGenerator.TargetUrl },
                Labeling = new LabelingOptions { Horizon = TimeSpan.FromDays(5), MinPositives = 30, MinNegatives = 30, MinPositivesPerEvaluationSplit = 5 },
                Model = new ModelSettings { Family = ModelFamilyChoice.LogisticRegression, ExplainSample = 100 },
                Retraining = new RetrainingPolicy { MinNewDataShare = minNewDataShare, MinimumAuc = 0.55, Patience = 2 },
                Exports = [new ExportDestinationOptions { Name = "files", Kind = ExportDestinationKind.Files }],
            },
        ],
    };

    /// <summary>Generates a small clickstream and drops all days but the last into the tenant's raw prefix.</summary>
    public async Task DropAllButLastDayAsync(int clients = 4_000)
    {
        var (files, _) = ClickstreamFiles.Write(new GeneratorOptions { Clients = clients, Days = 20, Seed = 5 }, _folder.File("avro"));
        _files = files;
        foreach (var file in files.Take(files.Count - 1))
        {
            await Store.PutFileAsync(TenantLayout.Raw(Tenant) + Path.GetFileName(file), file, TestContext.Current.CancellationToken);
        }
    }

    public Task DropLastDayAsync() =>
        Store.PutFileAsync(TenantLayout.Raw(Tenant) + Path.GetFileName(_files[^1]), _files[^1], TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        _folder.Dispose();
    }
}
