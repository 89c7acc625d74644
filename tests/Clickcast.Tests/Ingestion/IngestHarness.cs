using System.Text;
using Clickcast.Events;
using Clickcast.Ingestion;
using Clickcast.Storage;
using Clickcast.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Clickcast.Tests.Ingestion;

/// <summary>A local store over a temp folder, an ingestor whose log is recorded, and ways to put files and read events back.</summary>
internal sealed class IngestHarness : IDisposable
{
    public const string Tenant = "acme";

    private readonly TempFolder _folder = new();
    private readonly LoggerFactory _loggers;

    /// <param name="heap">The ingest's heap (this process's when null).</param>
    public IngestHarness(IngestHeap? heap = null)
    {
        Store = new LocalObjectStore(_folder.Path);
        _loggers = new LoggerFactory([Log]);
        Ingestor = new Ingestor(Store, new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero)), _loggers.CreateLogger<Ingestor>())
        {
            Heap = heap ?? IngestHeap.Process,
        };
    }

    public LocalObjectStore Store { get; }

    public Ingestor Ingestor { get; }

    public RecordingLoggerProvider Log { get; } = new();

    public string TempFile(string name) => _folder.File(name);

    public Task<StoredObject> PutAsync(string name, byte[] content) =>
        Store.PutBytesAsync(TenantLayout.Raw(Tenant) + name, content, TestContext.Current.CancellationToken);

    public Task<StoredObject> PutTextAsync(string name, string text) => PutAsync(name, Encoding.UTF8.GetBytes(text));

    /// <summary>Ingests one raw file with the given options and returns its report.</summary>
    public async Task<FileIngestReport> IngestAsync(string name, IngestOptions? options = null) =>
        await Ingestor.IngestFileAsync(Tenant, TenantLayout.Raw(Tenant) + name, options ?? new IngestOptions { MaxParallelFiles = 1 }, TestContext.Current.CancellationToken);

    /// <summary>Puts and ingests one file.</summary>
    public async Task<FileIngestReport> PutAndIngestAsync(string name, byte[] content, IngestOptions? options = null)
    {
        await PutAsync(name, content);
        return await IngestAsync(name, options);
    }

    /// <summary>Every event of the tenant, ordered by time, then client.</summary>
    public async Task<List<ClickEvent>> ReadEventsAsync()
    {
        var events = new List<ClickEvent>();
        await foreach (var item in Store.ListAsync(TenantLayout.Events(Tenant), cancellationToken: TestContext.Current.CancellationToken))
        {
            await foreach (var batch in EventFileReader.ReadAsync(Store.PathOf(item.Key), TestContext.Current.CancellationToken))
            {
                for (var i = 0; i < batch.Count; i++)
                {
                    events.Add(batch[i]);
                }
            }
        }

        return [.. events.OrderBy(e => e.TimestampMicros).ThenBy(e => e.ClientId, StringComparer.Ordinal).ThenBy(e => e.Url, StringComparer.Ordinal)];
    }

    public void Dispose()
    {
        _loggers.Dispose();
        _folder.Dispose();
    }
}
