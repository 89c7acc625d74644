using System.Globalization;
using System.Text;
using Clickcast.Pipeline.Jobs;
using Clickcast.Storage;
using Npgsql;

namespace Clickcast.IntegrationTests.Support;

/// <summary>
/// One deployment for the many-worker tests: a fresh PostgreSQL schema (metadata and the job queue) and a fresh
/// bucket on the S3 server, both on 127.0.0.1, and the <c>clickcast worker</c> processes started against them. Every
/// process (each worker, and the operator's commands) gets its own folders; only PostgreSQL and S3 are shared.
/// </summary>
internal sealed class WorkerCluster : IAsyncDisposable
{
    private readonly PostgresTestDatabase _database;
    private readonly TempFolder _folder = new();
    private readonly List<WorkerProcess> _workers = [];

    private WorkerCluster(PostgresTestDatabase database, S3ObjectStore store, Dictionary<string, string> environment)
    {
        _database = database;
        Store = store;
        Environment = environment;
    }

    /// <summary>The settings every process gets: PostgreSQL, S3, short leases so a dead worker's job comes back fast.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; }

    /// <summary>The deployment's bucket, read by the test.</summary>
    public S3ObjectStore Store { get; }

    public IReadOnlyList<WorkerProcess> Workers => _workers;

    public static async Task<WorkerCluster> CreateAsync(S3TestServer s3)
    {
        var bucket = "mw-" + Guid.NewGuid().ToString("N")[..16];
        var store = s3.CreateStore(bucket: bucket);
        await store.EnsureBucketAsync(TestContext.Current.CancellationToken);
        var database = await PostgresTestDatabase.CreateAsync();
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["CLICKCAST_Storage"] = "S3",
            ["CLICKCAST_S3__ServiceUrl"] = s3.ServiceUrl,
            ["CLICKCAST_S3__Region"] = s3.Region,
            ["CLICKCAST_S3__Bucket"] = bucket,
            ["CLICKCAST_S3__AccessKey"] = s3.AccessKey,
            ["CLICKCAST_S3__SecretKey"] = s3.SecretKey,
            ["CLICKCAST_Metadata__PostgreSqlConnectionString"] = database.ConnectionString,
            ["CLICKCAST_Jobs__Lease"] = "00:00:03",
            ["CLICKCAST_Jobs__HeartbeatInterval"] = "00:00:00.500",
            ["CLICKCAST_Jobs__RecoveryInterval"] = "00:00:01",
            ["CLICKCAST_Jobs__PollInterval"] = "00:00:00.200",
            ["CLICKCAST_Jobs__StopTimeout"] = "00:00:02",
            ["CLICKCAST_Jobs__PerTenantConcurrency"] = "3",
            ["CLICKCAST_Sensor__PollInterval"] = "00:00:01",

            // One sequence update per ingest: the most concurrent updates of one tenant, the case the claim must serialize.
            ["CLICKCAST_Pipeline__SequencesDebounce"] = "00:00:00",
        };
        return new WorkerCluster(database, store, environment);
    }

    /// <summary>Starts a worker in its own folder; <paramref name="extra"/> adds settings (a fault point) to it alone.</summary>
    public WorkerProcess StartWorker(string name, params (string Name, string Value)[] extra)
    {
        var environment = new Dictionary<string, string>(Environment, StringComparer.Ordinal);
        foreach (var (key, value) in extra)
        {
            environment[key] = value;
        }

        var worker = WorkerProcess.Start(name, Path.Combine(_folder.Path, name), environment);
        _workers.Add(worker);
        return worker;
    }

    /// <summary>Runs an operator's command (<c>tenants apply</c>, <c>uploads put</c>, ...) from a folder of its own.</summary>
    public async Task<string> OperatorAsync(params string[] arguments)
    {
        var folder = Path.Combine(_folder.Path, "operator");
        Directory.CreateDirectory(folder);
        var run = await CliProcess.RunAsync(folder, Environment, arguments);
        Assert.True(run.ExitCode == 0, $"clickcast {string.Join(' ', arguments)} exited {run.ExitCode}:\n{run.Output}");
        return run.Output;
    }

    public string File(string name) => _folder.File(name);

    /// <summary>Every job of the queue, oldest first.</summary>
    public async Task<IReadOnlyList<JobRow>> JobsAsync()
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand("SELECT id, kind, COALESCE(task, ''), status, COALESCE(outcome, ''), attempts, COALESCE(lease_owner, ''), COALESCE(last_error, '') FROM jobs ORDER BY id", connection);
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var jobs = new List<JobRow>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            jobs.Add(new JobRow(reader.GetInt64(0), Enum.Parse<JobKind>(reader.GetString(1)), reader.GetString(2), Enum.Parse<JobStatus>(reader.GetString(3)), reader.GetString(4), reader.GetInt32(5), reader.GetString(6), reader.GetString(7)));
        }

        return jobs;
    }

    /// <summary>The tables of the deployment's schema: the metadata really is in PostgreSQL.</summary>
    public async Task<long> CountAsync(string table)
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand($"SELECT COUNT(*) FROM {table}", connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken), CultureInfo.InvariantCulture);
    }

    /// <summary>Waits until <paramref name="worker"/> holds the lease of a running job of <paramref name="kind"/>.</summary>
    public async Task WaitForLeaseAsync(WorkerProcess worker, JobKind kind, TimeSpan timeout)
    {
        var owner = string.Create(CultureInfo.InvariantCulture, $":{worker.ProcessId}:");
        await WaitAsync(
            jobs => jobs.Any(j => j.Status == JobStatus.Running && j.Kind == kind && j.LeaseOwner.Contains(owner, StringComparison.Ordinal)) || worker.HasExited,
            timeout,
            $"{worker.Name} to claim a {kind} job");
    }

    /// <summary>Waits until no job is queued or running (a dead worker's job included: its lease must expire first).</summary>
    public Task WaitUntilIdleAsync(TimeSpan timeout) =>
        WaitAsync(jobs => jobs.Count > 0 && jobs.All(j => j.Status is not (JobStatus.Queued or JobStatus.Running)), timeout, "the queue to drain");

    /// <summary>What went on, for a failure message: every job's state and each worker's last lines.</summary>
    public async Task<string> DescribeAsync()
    {
        var text = new StringBuilder("jobs:\n");
        foreach (var job in await JobsAsync())
        {
            text.AppendLine(job.ToString());
        }

        foreach (var worker in _workers)
        {
            text.AppendLine(worker.Tail());
        }

        return text.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var worker in _workers)
        {
            await worker.DisposeAsync();
        }

        await _database.DisposeAsync();
        Store.Dispose();
        _folder.Dispose();
    }

    private async Task WaitAsync(Func<IReadOnlyList<JobRow>, bool> done, TimeSpan timeout, string what)
    {
        var deadline = TimeProvider.System.GetUtcNow() + timeout;
        while (!done(await JobsAsync()))
        {
            if (TimeProvider.System.GetUtcNow() > deadline)
            {
                Assert.Fail($"Gave up after {timeout} waiting for {what}.\n{await DescribeAsync()}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), TestContext.Current.CancellationToken);
        }
    }

    /// <summary>One row of the <c>jobs</c> table.</summary>
    public sealed record JobRow(long Id, JobKind Kind, string Task, JobStatus Status, string Outcome, int Attempts, string LeaseOwner, string LastError);
}
