using Clickcast.Export;
using Clickcast.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Clickcast.Tests.Support;

/// <summary>
/// The export composition as the hosts build it (<c>AddClickcastExport</c>, real HttpClientFactory and resilience
/// handler) over a local store in a temp folder, with millisecond backoff so retries cost no wall-clock time to
/// speak of, and a recording logger. The fake CDPs listen on loopback, which export refuses by default: these
/// services allow-list 127.0.0.0/8 explicitly (a test of the refusal clears it).
/// </summary>
public sealed class ExportServices : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly ServiceProvider _provider;

    public ExportServices(Action<ExportOptions>? configure = null)
    {
        Store = new LocalObjectStore(_folder.Path);
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(Logs));
        services.AddSingleton<IObjectStore>(Store);
        services.AddClickcastExport(options =>
        {
            options.BatchSize = 2;
            options.Http.AttemptTimeout = TimeSpan.FromSeconds(10);
            options.Http.TotalRequestTimeout = TimeSpan.FromSeconds(30);
            options.Http.MaxRetryAttempts = 3;
            options.Http.RetryBaseDelay = TimeSpan.FromMilliseconds(2);
            options.Http.MaxRetryDelay = TimeSpan.FromMilliseconds(10);
            options.Http.AllowedNetworks.Add("127.0.0.0/8");
            configure?.Invoke(options);
        });
        _provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public LocalObjectStore Store { get; }

    public RecordingLoggerProvider Logs { get; } = new();

    public PredictionExporter Exporter => _provider.GetRequiredService<PredictionExporter>();

    public IDeliveryLedger Ledger => _provider.GetRequiredService<IDeliveryLedger>();

    public void Dispose()
    {
        _provider.Dispose();
        _folder.Dispose();
    }
}
