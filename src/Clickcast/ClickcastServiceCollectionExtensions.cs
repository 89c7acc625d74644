using Clickcast.Ingestion;
using Clickcast.Sequences;
using Clickcast.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Clickcast;

/// <summary>Registers Clickcast's data plane: the object store, ingest and sequences.</summary>
public static class ClickcastServiceCollectionExtensions
{
    /// <summary>Adds Clickcast's services; <paramref name="configure"/> sets where data lives.</summary>
    public static IServiceCollection AddClickcast(this IServiceCollection services, Action<ClickcastOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<ClickcastOptions>().ValidateDataAnnotations().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IObjectStore>(provider =>
        {
            var settings = provider.GetRequiredService<IOptions<ClickcastOptions>>().Value;
            return settings.Storage switch
            {
                StorageKind.S3 => new S3ObjectStore(settings.S3, provider.GetRequiredService<TimeProvider>()),
                _ => new LocalObjectStore(Path.Combine(settings.DataPath, "objects")),
            };
        });
        services.TryAddSingleton<Ingestor>();
        services.TryAddSingleton<SequenceBuilder>();
        services.TryAddSingleton<SequenceStore>();
        services.AddSingleton<Modeling.IModelFamily, Baselines.LogisticRegressionFamily>();
        services.TryAddSingleton<Training.ModelTrainer>();
        services.TryAddSingleton<Scoring.Scorer>();
        return services;
    }
}
