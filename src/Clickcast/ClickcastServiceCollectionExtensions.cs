using Clickcast.Ingestion;
using Clickcast.Metadata;
using Clickcast.Pipeline.Jobs;
using Clickcast.Pipeline.Triggers;
using Clickcast.Registry;
using Clickcast.Sequences;
using Clickcast.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Clickcast;

/// <summary>Registers Clickcast: the object store, ingest and sequences, the metadata database, the job queue and its worker, the object sensor.</summary>
public static class ClickcastServiceCollectionExtensions
{
    /// <summary>Adds Clickcast's services; <paramref name="configure"/> sets where data lives.</summary>
    /// <remarks>
    /// The job queue and the sensor read <see cref="JobOptions"/> and <see cref="SensorOptions"/>: configure or bind
    /// them (<c>services.Configure&lt;JobOptions&gt;(...)</c>). Job handlers are registered as
    /// <c>services.AddSingleton&lt;IJobHandler, MyHandler&gt;()</c>, one per <see cref="JobKind"/>.
    /// </remarks>
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
        services.TryAddSingleton(provider =>
        {
            var settings = provider.GetRequiredService<IOptions<ClickcastOptions>>().Value;
            var metadata = settings.Metadata;
            var time = provider.GetRequiredService<TimeProvider>();
            var logger = provider.GetService<ILogger<MetadataDatabase>>();
            return string.IsNullOrWhiteSpace(metadata.PostgreSqlConnectionString)
                ? MetadataDatabase.Sqlite(string.IsNullOrEmpty(metadata.SqlitePath) ? Path.Combine(settings.DataPath, "clickcast.db") : metadata.SqlitePath, time, metadata.BusyTimeout, logger)
                : MetadataDatabase.PostgreSql(metadata.PostgreSqlConnectionString, time, logger);
        });
        services.AddOptions<JobOptions>().ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SensorOptions>().ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<JobQueue>();
        services.TryAddSingleton<JobLogProvider>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ILoggerProvider, JobLogProvider>(provider => provider.GetRequiredService<JobLogProvider>()));
        services.TryAddSingleton<JobWorker>();
        services.TryAddSingleton<ObjectSensor>();
        services.TryAddSingleton<Ingestor>();
        services.TryAddSingleton<SequenceBuilder>();
        services.TryAddSingleton<SequenceStore>();
        services.AddSingleton<Training.IModelFamily, Training.Baselines.LogisticRegressionFamily>();
        services.AddSingleton<Training.IModelFamily, Training.Baselines.LightGbmFamily>();
        services.TryAddSingleton<Training.ModelTrainer>();
        services.TryAddSingleton<Scoring.Scorer>();

        // The pipeline: catalog, registry, steps and one handler per job kind.
        services.AddOptions<Pipeline.PipelineOptions>();
        services.TryAddSingleton<Tenants.ISecretProtector, Tenants.PlaintextSecretProtector>();
        services.TryAddSingleton<Tenants.TenantCatalog>();
        services.TryAddSingleton<Tenants.Keys.ApiKeyStore>();
        services.TryAddSingleton<Tenants.Audit.AuditLog>();
        services.TryAddSingleton<Pipeline.TaskSummaries>();
        services.TryAddSingleton<Scoring.PredictionInsights>();
        services.TryAddSingleton<Sequences.SequenceLookup>();
        services.TryAddSingleton<Scoring.WarmChampions>();
        services.TryAddSingleton<Scoring.LiveScorer>();
        services.TryAddSingleton<Export.DeliveryHistory>();
        services.TryAddSingleton<Registry.ModelRegistry>();
        services.TryAddSingleton<Registry.ModelStore>();
        services.TryAddSingleton<Registry.EncoderStore>();
        services.TryAddSingleton<Pipeline.TaskEncoders>();
        services.TryAddSingleton<Pipeline.TaskTrainer>();
        services.TryAddSingleton<Pipeline.PipelineSteps>();
        services.TryAddSingleton<Pipeline.ScheduleSensor>();
        services.TryAddSingleton<Pipeline.PipelineRunner>();
        services.AddSingleton<IJobHandler, Pipeline.IngestJobHandler>();
        services.AddSingleton<IJobHandler, Pipeline.SequencesJobHandler>();
        services.AddSingleton<IJobHandler, Pipeline.SequencesShardJobHandler>();
        services.AddSingleton<IJobHandler, Pipeline.SequencesCommitJobHandler>();
        services.TryAddSingleton<Pipeline.ShardFanIn>();
        services.AddSingleton<IJobHandler, Pipeline.TrainJobHandler>();
        services.AddSingleton<IJobHandler, Pipeline.ScoreJobHandler>();
        services.AddSingleton<IJobHandler, Pipeline.ExportJobHandler>();
        services.AddSingleton<IJobHandler, Pipeline.BackfillJobHandler>();
        services.TryAddSingleton<Pipeline.ShardFanIn>();
        services.AddSingleton<IJobHandler, Pipeline.ScoreShardJobHandler>();
        services.AddSingleton<IJobHandler, Pipeline.ScoreCommitJobHandler>();
        services.AddSingleton<IJobHandler, Pipeline.ExportShardJobHandler>();
        services.AddSingleton<IJobHandler, Pipeline.ReshardJobHandler>();
        services.TryAddSingleton<Pipeline.QuarantineRetry>();
        services.TryAddSingleton<Ingestion.EventReshard>();
        services.AddSingleton<IJobHandler, Pipeline.CompactEventsJobHandler>();
        services.TryAddSingleton<Ingestion.EventCompaction>();
        Export.ExportServiceCollectionExtensions.AddClickcastExport(services);
        return services;
    }
}
