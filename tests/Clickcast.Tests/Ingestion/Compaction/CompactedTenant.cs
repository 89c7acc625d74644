using Clickcast.Events;
using Clickcast.Ingestion;
using Clickcast.Storage;
using Clickcast.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Clickcast.Tests.Ingestion.Compaction;

/// <summary>
/// The set-up the compaction, release and re-shard tests share: a tenant over one store (a temporary local one, or
/// the store given), whose <see cref="CompactionFixture.OneDay"/> files <c>fNN.csv</c> are ingested into one day's
/// folder per shard, compacted, re-ingested with other settings, and whose visible events are read back.
/// </summary>
internal sealed class CompactedTenant : IDisposable
{
    public const string Tenant = CompactionFixture.Tenant;

    /// <summary>The settings the files are first ingested with.</summary>
    public static readonly IngestOptions Defaults = new() { MaxParallelFiles = 1 };

    /// <summary>Changed settings: a re-ingest with them replaces a source's rows (event type <c>view</c>).</summary>
    public static readonly IngestOptions View = new() { MaxParallelFiles = 1, DefaultEventType = "view" };

    private readonly TempFolder? _folder;

    /// <summary>A tenant over a temporary local store.</summary>
    public CompactedTenant()
        : this(new TempFolder())
    {
    }

    /// <summary>A tenant over <paramref name="store"/> (the caller owns it).</summary>
    public CompactedTenant(IObjectStore store)
    {
        Store = store;
        Ingestor = new Ingestor(store, new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero)), NullLogger<Ingestor>.Instance);
    }

    private CompactedTenant(TempFolder folder)
        : this(new LocalObjectStore(folder.Path)) => _folder = folder;

    public IObjectStore Store { get; }

    public Ingestor Ingestor { get; }

    public EventCompaction Compaction => new(Store);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Puts raw files <c>f{first:D2}.csv</c> onwards, <paramref name="count"/> of them, for an ingest to find (the crash tests' CLI).</summary>
    public async Task PutAsync(int count, int first = 0)
    {
        for (var file = first; file < first + count; file++)
        {
            await Store.PutBytesAsync(TenantLayout.Raw(Tenant) + Name(file), CompactionFixture.OneDay(file), Token);
        }
    }

    /// <summary>Puts and ingests files <c>f{first:D2}.csv</c> onwards, <paramref name="count"/> of them, into the layout of <paramref name="shards"/>.</summary>
    public async Task IngestAsync(int count, int shards, int first = 0, IngestOptions? options = null)
    {
        for (var file = first; file < first + count; file++)
        {
            await PutAsync(1, file);
            await Ingestor.IngestFileAsync(Tenant, TenantLayout.Raw(Tenant) + Name(file), options ?? Defaults, IngestRedo.None, shards, Token);
        }
    }

    /// <summary>17 files (one more than the trigger) ingested and compacted: one compacted file of 17 sources per shard.</summary>
    public async Task IngestAndCompactAsync(int shards, int count = EventCompactionPolicy.Trigger + 1)
    {
        await IngestAsync(count, shards);
        await CompactAsync(shards);
    }

    public Task<CompactionCounts> CompactAsync(int shards, bool force = false) => Compaction.CompactAsync(Tenant, shards, force, Token);

    /// <summary>Ingests file <paramref name="file"/> again, by default with <see cref="View"/>: its rows are replaced.</summary>
    public Task<FileIngestReport> ReingestAsync(int file, int shards, IngestOptions? options = null, IngestRedo redo = IngestRedo.None, Ingestor? on = null) =>
        (on ?? Ingestor).IngestFileAsync(Tenant, TenantLayout.Raw(Tenant) + Name(file), options ?? View, redo, shards, Token);

    public Task<List<ClickEvent>> VisibleEventsAsync(int shards) => CompactionFixture.VisibleEventsAsync(Store, shards);

    public Task<IReadOnlyList<EventFileKey>> VisibleFilesAsync(int shards) => EventLayout.ListAsync(Store, Tenant, shards, Token);

    /// <summary>Every events file stored, in any layout, visible or not.</summary>
    public List<EventFileKey> StoredFiles() => [.. EventLayout.ListEveryLayoutAsync(Store, Tenant, Token).ToBlockingEnumerable(Token)];

    public void Dispose() => _folder?.Dispose();

    private static string Name(int file) => $"f{file:D2}.csv";
}
