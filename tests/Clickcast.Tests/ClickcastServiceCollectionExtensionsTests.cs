using Clickcast.Metadata;
using Clickcast.Pipeline.Jobs;
using Clickcast.Pipeline.Triggers;
using Clickcast.Storage;
using Clickcast.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Clickcast.Tests;

public sealed class ClickcastServiceCollectionExtensionsTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task AddClickcast_Defaults_KeepsTheJobQueueInSqliteUnderTheDataFolder()
    {
        await using var provider = Services(options => options.DataPath = _folder.Path).BuildServiceProvider();

        var database = provider.GetRequiredService<MetadataDatabase>();
        var queue = provider.GetRequiredService<JobQueue>();
        await queue.EnqueueAsync(new JobRequest("acme", JobKind.Ingest), TestContext.Current.CancellationToken);

        Assert.Equal(MetadataProvider.Sqlite, database.Provider);
        Assert.True(File.Exists(_folder.File("clickcast.db")));
        Assert.NotNull(provider.GetRequiredService<JobWorker>());
        Assert.NotNull(provider.GetRequiredService<ObjectSensor>());
        Assert.Equal(5, provider.GetRequiredService<IOptions<JobOptions>>().Value.DefaultMaxAttempts);
    }

    [Fact]
    public void AddClickcast_PostgreSqlConnectionString_KeepsTheJobQueueInPostgreSql()
    {
        using var provider = Services(options =>
        {
            options.DataPath = _folder.Path;
            options.Metadata.PostgreSqlConnectionString = "Host=127.0.0.1;Database=clickcast";
        }).BuildServiceProvider();

        Assert.Equal(MetadataProvider.PostgreSql, provider.GetRequiredService<MetadataDatabase>().Provider);
    }

    [Fact]
    public void AddClickcast_HeartbeatNotShorterThanTheLease_FailsValidation()
    {
        var services = Services(options => options.DataPath = _folder.Path);
        services.Configure<JobOptions>(jobs => jobs.HeartbeatInterval = jobs.Lease);
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<JobOptions>>().Value);
        Assert.Contains(nameof(JobOptions.HeartbeatInterval), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddClickcast_InvalidSensorTenant_FailsValidation()
    {
        var services = Services(options => options.DataPath = _folder.Path);
        services.Configure<SensorOptions>(sensor => sensor.Tenants.Add("Not A Tenant"));
        using var provider = services.BuildServiceProvider();

        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<SensorOptions>>().Value);
    }

    private static ServiceCollection Services(Action<ClickcastOptions> configure)
    {
        var services = new ServiceCollection();
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddClickcast(configure);
        return services;
    }
}
