using System.Text;
using System.Text.Json;
using Clickcast.Metadata;
using Clickcast.Pipeline.Jobs;
using Clickcast.Pipeline.Triggers;
using Clickcast.Storage;
using Clickcast.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Clickcast.Tests.Pipeline.Triggers;

public sealed class ObjectSensorTests : IAsyncDisposable
{
    private readonly TempFolder _folder = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly LocalObjectStore _store;
    private readonly SensorOptions _options = new();
    private readonly List<MetadataDatabase> _databases = [];

    public ObjectSensorTests()
    {
        _store = new LocalObjectStore(_folder.File("objects"));
        _options.Tenants.Add("acme");
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask DisposeAsync()
    {
        foreach (var database in _databases)
        {
            await database.DisposeAsync();
        }

        _folder.Dispose();
    }

    [Fact]
    public async Task PollAsync_NewObjects_EnqueuesOneIngestJobPerObject()
    {
        var (sensor, queue) = Create();
        var a = await PutAsync("tenants/acme/raw/2025-03-01/a.csv", "a");
        await PutAsync("tenants/acme/raw/2025-03-01/b.csv", "bb");
        await PutAsync("tenants/acme/events/date=2025-03-01/x.parquet", "not raw");
        await PutAsync("tenants/globex/raw/c.csv", "other tenant");

        Assert.Equal(2, await sensor.PollAsync("acme", Token));

        var jobs = await queue.ListAsync(new JobQuery(), Token);
        Assert.Equal(2, jobs.Count);
        Assert.All(jobs, j => Assert.Equal((JobKind.Ingest, "acme", JobStatus.Queued), (j.Kind, j.Tenant, j.Status)));
        var first = jobs.Single(j => j.IdempotencyKey == ObjectSensor.IdempotencyKey("acme", a.Key, a.ETag));
        Assert.Equal($"acme|{a.Key}|{a.ETag}", first.IdempotencyKey);
        Assert.Equal(new ObjectCreated(a.Key, a.ETag, a.Size, a.LastModified), JsonSerializer.Deserialize<ObjectCreated>(first.Payload, ClickcastJson.Options));
    }

    [Fact]
    public async Task PollAsync_NothingNew_EnqueuesNothing()
    {
        var (sensor, queue) = Create();
        await PutAsync("tenants/acme/raw/a.csv", "a");
        await sensor.PollAsync("acme", Token);

        Assert.Equal(0, await sensor.PollAsync("acme", Token));
        Assert.Equal(0, await sensor.PollAsync("acme", Token));
        Assert.Single(await queue.ListAsync(new JobQuery(), Token));
    }

    [Fact]
    public async Task PollAsync_ObjectRewrittenWithNewETag_EnqueuesItAgain()
    {
        var (sensor, queue) = Create();
        var before = await PutAsync("tenants/acme/raw/a.csv", "version one");
        await sensor.PollAsync("acme", Token);

        var after = await PutAsync("tenants/acme/raw/a.csv", "version two, longer");
        Assert.NotEqual(before.ETag, after.ETag);

        Assert.Equal(1, await sensor.PollAsync("acme", Token));
        var keys = (await queue.ListAsync(new JobQuery(), Token)).Select(j => j.IdempotencyKey);
        Assert.Equal([ObjectSensor.IdempotencyKey("acme", after.Key, after.ETag), ObjectSensor.IdempotencyKey("acme", before.Key, before.ETag)], keys);
    }

    [Fact]
    public async Task PollAsync_LateObjectWithAnEarlierKey_IsEnqueued()
    {
        // Dagster issue #22892: a cursor remembering only the last key seen lists "after" it and never sees a file
        // that arrives later with a key sorting before it, such as a late file of an earlier day.
        var (sensor, queue) = Create();
        var today = await PutAsync("tenants/acme/raw/2025-03-02/part-0001.csv", "today");
        Assert.Equal(1, await sensor.PollAsync("acme", Token));

        var late = await PutAsync("tenants/acme/raw/2025-03-01/part-0009.csv", "late yesterday");
        Assert.True(string.CompareOrdinal(late.Key, today.Key) < 0);

        Assert.Equal(1, await sensor.PollAsync("acme", Token));
        Assert.Contains(await queue.ListAsync(new JobQuery(), Token), j => j.IdempotencyKey == ObjectSensor.IdempotencyKey("acme", late.Key, late.ETag));
    }

    [Fact]
    public async Task PollAsync_AfterARestart_EnqueuesNothingTwice()
    {
        await PutAsync("tenants/acme/raw/a.csv", "a");
        await PutAsync("tenants/acme/raw/b.csv", "b");
        var (before, _) = Create();
        await before.PollAsync("acme", Token);

        await PutAsync("tenants/acme/raw/c.csv", "c");
        var (after, queue) = Create();

        Assert.Equal(1, await after.PollAsync("acme", Token));
        Assert.Equal(3, (await queue.ListAsync(new JobQuery(), Token)).Count);
    }

    [Fact]
    public async Task PollAsync_CrashBetweenJobAndLedger_DoesNotEnqueueTwice()
    {
        var (sensor, queue) = Create();
        var a = await PutAsync("tenants/acme/raw/a.csv", "a");
        // The job was enqueued but the process died before the ledger row was written.
        await queue.EnqueueAsync(new JobRequest("acme", JobKind.Ingest) { IdempotencyKey = ObjectSensor.IdempotencyKey("acme", a.Key, a.ETag) }, Token);

        Assert.Equal(0, await sensor.PollAsync("acme", Token));
        Assert.Equal(0, await sensor.PollAsync("acme", Token));
        Assert.Single(await queue.ListAsync(new JobQuery(), Token));
    }

    [Fact]
    public async Task PollAsync_SensorsRacing_EnqueueEachObjectOnce()
    {
        for (var i = 0; i < 30; i++)
        {
            await PutAsync($"tenants/acme/raw/part-{i:D3}.csv", new string('x', i + 1));
        }

        var sensors = Enumerable.Range(0, 3).Select(_ => Create().Sensor).ToList();

        var created = await Task.WhenAll(sensors.SelectMany(s => new[] { s, s }).Select(s => Task.Run(() => s.PollAsync("acme", Token))));

        Assert.Equal(30, created.Sum());
        var (_, queue) = Create();
        var jobs = await queue.ListAsync(new JobQuery { Limit = 1000 }, Token);
        Assert.Equal(30, jobs.Count);
        Assert.Equal(30, jobs.Select(j => j.IdempotencyKey).Distinct().Count());
    }

    [Fact]
    public async Task NotifyObjectCreatedAsync_NewObject_GoesThroughTheSameLedgerAsPolling()
    {
        var (sensor, queue) = Create();
        var a = await PutAsync("tenants/acme/raw/a.csv", "a");

        Assert.Equal(NotificationResult.Enqueued, await sensor.NotifyObjectCreatedAsync(a.Key, Token));
        Assert.Equal(NotificationResult.AlreadyKnown, await sensor.NotifyObjectCreatedAsync(a.Key, Token));
        Assert.Equal(0, await sensor.PollAsync("acme", Token));

        var b = await PutAsync("tenants/acme/raw/b.csv", "b");
        Assert.Equal(1, await sensor.PollAsync("acme", Token));
        Assert.Equal(NotificationResult.AlreadyKnown, await sensor.NotifyObjectCreatedAsync(b.Key, Token));
        Assert.Equal(2, (await queue.ListAsync(new JobQuery(), Token)).Count);
    }

    [Fact]
    public async Task NotifyObjectCreatedAsync_MissingOrUnsensedKeys_EnqueueNothing()
    {
        var (sensor, queue) = Create();
        await PutAsync("tenants/acme/events/x.parquet", "x");

        Assert.Equal(NotificationResult.NotFound, await sensor.NotifyObjectCreatedAsync("tenants/acme/raw/gone.csv", Token));
        Assert.Equal(NotificationResult.NotSensed, await sensor.NotifyObjectCreatedAsync("tenants/acme/events/x.parquet", Token));
        Assert.Equal(NotificationResult.NotSensed, await sensor.NotifyObjectCreatedAsync("elsewhere/raw/a.csv", Token));
        Assert.Equal(NotificationResult.NotSensed, await sensor.NotifyObjectCreatedAsync("tenants/Bad Tenant/raw/a.csv", Token));
        Assert.Equal(NotificationResult.NotSensed, await sensor.NotifyObjectCreatedAsync("tenants/acme/raw/../x", Token));
        Assert.Empty(await queue.ListAsync(new JobQuery(), Token));
    }

    [Fact]
    public async Task RunAsync_PollsEveryConfiguredTenantEachInterval()
    {
        _options.Tenants.Add("globex");
        var (sensor, queue) = Create();
        await PutAsync("tenants/acme/raw/a.csv", "a");
        using var stop = new CancellationTokenSource();
        var run = sensor.RunAsync(stop.Token);

        await Eventually.TrueAsync(async () => (await queue.ListAsync(new JobQuery { Tenant = "acme" })).Count == 1, "the first poll finds acme's file");
        await PutAsync("tenants/globex/raw/b.csv", "b");
        await Eventually.TrueAsync(
            async () =>
            {
                _time.Advance(_options.PollInterval);
                return (await queue.ListAsync(new JobQuery { Tenant = "globex" })).Count == 1;
            },
            "a later poll finds globex's file");
        await stop.CancelAsync();
        await run;
    }

    private (ObjectSensor Sensor, JobQueue Queue) Create()
    {
        // A database handle per sensor, as separate processes would have.
        var database = MetadataDatabase.Sqlite(_folder.File("clickcast.db"), _time);
        _databases.Add(database);
        var queue = new JobQueue(database, Options.Create(new JobOptions()), _time, NullLogger<JobQueue>.Instance);
        return (new ObjectSensor(_store, queue, database, Options.Create(_options), _time, NullLogger<ObjectSensor>.Instance), queue);
    }

    private Task<StoredObject> PutAsync(string key, string content) => _store.PutBytesAsync(key, Encoding.UTF8.GetBytes(content), Token);
}
