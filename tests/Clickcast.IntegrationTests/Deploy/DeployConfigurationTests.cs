using System.Globalization;
using Clickcast.IntegrationTests.Support;
using Clickcast.Metadata;
using Clickcast.Pipeline.Jobs;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Clickcast.IntegrationTests.Deploy;

/// <summary>
/// The KEDA trigger's query (deploy/kubernetes/workers-scaledobject.yaml, <see cref="JobQueue.PostgreSqlWorkerDemandQuery"/>)
/// run as KEDA runs it, on real PostgreSQL (<c>CLICKCAST_TEST_POSTGRES</c>) with the database's own clock.
/// </summary>
public sealed class DeployConfigurationTests : IAsyncLifetime
{
    private PostgresTestDatabase? _database;
    private MetadataDatabase? _metadata;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _database = await PostgresTestDatabase.CreateAsync();
        _metadata = MetadataDatabase.PostgreSql(_database.ConnectionString, TimeProvider.System);
    }

    public async ValueTask DisposeAsync()
    {
        if (_metadata is not null)
        {
            await _metadata.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [Fact]
    public async Task WorkerDemandQuery_OnAnEmptyQueue_IsZero()
    {
        await _metadata!.MigrateAsync(Token);

        Assert.Equal(0, await WorkerDemandAsync());
    }

    [Fact]
    public async Task WorkerDemandQuery_CountsDueQueuedAndRunningJobs_NotWaitingOrFinishedOnes()
    {
        var queue = new JobQueue(_metadata!, Options.Create(new JobOptions { PerTenantConcurrency = 10 }), TimeProvider.System, NullLogger<JobQueue>.Instance);
        var lease = TimeSpan.FromMinutes(5);
        // A retry a day away: a failed job waits in the queue, not due, however slow the test runs.
        var request = new JobRequest("acme", JobKind.Ingest) { Retry = RetryPolicy.Fixed(3, TimeSpan.FromDays(1)) };
        for (var i = 0; i < 5; i++)
        {
            await queue.EnqueueAsync(request, Token);
        }

        await queue.EnqueueAsync(request with { Tenant = "globex" }, Token);
        var running = (await queue.ClaimAsync("w1", lease, cancellationToken: Token))!;
        var failed = (await queue.ClaimAsync("w2", lease, cancellationToken: Token))!;
        var succeeded = (await queue.ClaimAsync("w3", lease, cancellationToken: Token))!;
        Assert.True(await queue.FailAsync(failed, "source not reachable", Token));
        Assert.True(await queue.CompleteAsync(succeeded, null, Token));

        // 6 enqueued: 1 running, 1 waiting a day for its retry, 1 succeeded, 3 queued and due.
        Assert.Equal(JobStatus.Running, (await queue.GetAsync(running.Id, Token))!.Status);
        Assert.Equal(4, await WorkerDemandAsync());
        var (byStatus, due) = await queue.CountAsync(Token);
        Assert.Equal(byStatus[JobStatus.Running] + due, await WorkerDemandAsync());
    }

    private async Task<long> WorkerDemandAsync()
    {
        await using var connection = new NpgsqlConnection(_database!.ConnectionString);
        await connection.OpenAsync(Token);
        await using var command = new NpgsqlCommand(JobQueue.PostgreSqlWorkerDemandQuery, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(Token), CultureInfo.InvariantCulture);
    }
}
