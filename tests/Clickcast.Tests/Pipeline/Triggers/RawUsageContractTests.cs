using System.Text;
using Clickcast.Metadata;
using Clickcast.Pipeline.Jobs;
using Clickcast.Pipeline.Triggers;
using Clickcast.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Clickcast.Tests.Pipeline.Triggers;

/// <summary>
/// What a tenant stores under its raw prefix, as the sensor records it for the stored-bytes quota
/// (<see cref="ObjectSensor.UsageAsync"/>); run against SQLite and PostgreSQL. Each test gets an empty database.
/// </summary>
public abstract class RawUsageContractTests : IAsyncLifetime
{
    private readonly TempFolder _folder = new();
    private readonly List<MetadataDatabase> _opened = [];
    private readonly LocalObjectStore _store;
    private readonly SensorOptions _options = new();

    protected RawUsageContractTests() => _store = new LocalObjectStore(_folder.File("objects"));

    protected static CancellationToken Token => TestContext.Current.CancellationToken;

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));

    /// <summary>Creates this test's empty database.</summary>
    public abstract ValueTask InitializeAsync();

    /// <summary>A new handle on this test's database.</summary>
    protected abstract MetadataDatabase OpenDatabaseCore();

    protected abstract ValueTask DisposeDatabaseAsync();

    /// <summary>Where the SQLite subclass keeps its file.</summary>
    protected string DatabaseFile => _folder.File("clickcast.db");

    public async ValueTask DisposeAsync()
    {
        foreach (var database in _opened)
        {
            await database.DisposeAsync();
        }

        await DisposeDatabaseAsync();
        _folder.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task UsageAsync_UploadedAndListedFiles_SumsTheCurrentVersionOfEachKeyPerTenant()
    {
        var sensor = CreateSensor();
        var a = await PutAsync("tenants/acme/raw/a.csv", 100);
        await sensor.NotifyObjectCreatedAsync(a.Key, Token);
        await PutAsync("tenants/acme/raw/day2/b.csv", 30);
        await PutAsync("tenants/globex/raw/c.csv", 7);
        await sensor.PollAsync("acme", Token);
        await sensor.PollAsync("globex", Token);

        Assert.Equal(new RawUsage(130, 100), await sensor.UsageAsync("acme", a.Key, Token));
        Assert.Equal(new RawUsage(7, 0), await sensor.UsageAsync("globex", "tenants/globex/raw/new.csv", Token));
        Assert.Equal(new RawUsage(0, 0), await sensor.UsageAsync("initech", cancellationToken: Token));
    }

    [Fact]
    public async Task UsageAsync_FileReplacedByANewVersion_CountsOnlyTheNewVersion()
    {
        var sensor = CreateSensor();
        await sensor.NotifyObjectCreatedAsync((await PutAsync("tenants/acme/raw/a.csv", 100)).Key, Token);
        Time.Advance(TimeSpan.FromMinutes(1));
        await sensor.NotifyObjectCreatedAsync((await PutAsync("tenants/acme/raw/a.csv", 40)).Key, Token);

        Assert.Equal(new RawUsage(40, 40), await sensor.UsageAsync("acme", "tenants/acme/raw/a.csv", Token));
        Assert.Equal(60, (await sensor.UsageAsync("acme", "tenants/acme/raw/a.csv", Token)).After(60));
    }

    [Fact]
    public async Task PollAsync_FileDeletedFromTheStore_NoLongerCounts()
    {
        var sensor = CreateSensor();
        var a = await PutAsync("tenants/acme/raw/a.csv", 100);
        await PutAsync("tenants/acme/raw/b.csv", 20);
        await sensor.PollAsync("acme", Token);
        await _store.DeleteAsync(a.Key, Token);
        Time.Advance(TimeSpan.FromSeconds(30));

        await sensor.PollAsync("acme", Token);

        Assert.Equal(20, (await sensor.UsageAsync("acme", cancellationToken: Token)).StoredBytes);
    }

    [Fact]
    public async Task PollAsync_FileRecordedSinceTheListingBegan_StaysCounted()
    {
        // A listing that began when the file was recorded may have passed its key before it arrived: not proof it is gone.
        var sensor = CreateSensor();
        var a = await PutAsync("tenants/acme/raw/a.csv", 100);
        await sensor.NotifyObjectCreatedAsync(a.Key, Token);
        await _store.DeleteAsync(a.Key, Token);

        await sensor.PollAsync("acme", Token);

        Assert.Equal(100, (await sensor.UsageAsync("acme", cancellationToken: Token)).StoredBytes);
    }

    private MetadataDatabase OpenDatabase()
    {
        var database = OpenDatabaseCore();
        _opened.Add(database);
        return database;
    }

    private ObjectSensor CreateSensor()
    {
        var database = OpenDatabase();
        var queue = new JobQueue(database, Options.Create(new JobOptions()), Time, NullLogger<JobQueue>.Instance);
        return new ObjectSensor(_store, queue, database, Options.Create(_options), Time, NullLogger<ObjectSensor>.Instance);
    }

    private Task<StoredObject> PutAsync(string key, int bytes) => _store.PutBytesAsync(key, Encoding.UTF8.GetBytes(new string('x', bytes)), Token);
}
