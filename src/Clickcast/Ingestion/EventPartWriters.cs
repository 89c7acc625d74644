using System.Globalization;
using Clickcast.Events;

namespace Clickcast.Ingestion;

/// <summary>
/// The events files one source file is written to, one or more parts per period (day) and shard, with bounded memory: at
/// most <c>maxOpen</c> files are open, the least recently used is closed when another is needed (its period
/// continues in a new part if it comes back), and the events and characters buffered across all open files stay
/// within an <see cref="EventBufferBudget"/>, the largest buffer being written out first.
/// </summary>
internal sealed class EventPartWriters : IAsyncDisposable
{
    private readonly string _tenant;
    private readonly string _folder;
    private readonly int _maxOpen;
    private readonly EventBufferBudget _budget;
    private readonly Dictionary<(string Period, int Shard), Part> _open = [];
    private readonly Dictionary<(string Period, int Shard), int> _partsPerFolder = [];
    private readonly List<EventPart> _closed = [];
    private Part? _last;
    private long _clock;
    private long _buffered;
    private long _chars;
    private long _capacity;
    private int _files;

    /// <param name="tenant">The tenant written into every file.</param>
    /// <param name="folder">A private temporary folder for the files.</param>
    /// <param name="maxOpen">Files open at once.</param>
    /// <param name="budget">Events and characters buffered across all open files (<see cref="EventBufferBudget.Default"/> when null).</param>
    public EventPartWriters(string tenant, string folder, int maxOpen, EventBufferBudget? budget = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenant);
        ArgumentException.ThrowIfNullOrEmpty(folder);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxOpen, 1);
        _budget = budget ?? EventBufferBudget.Default;
        ArgumentOutOfRangeException.ThrowIfLessThan(_budget.Events, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(_budget.Chars, 1);
        _tenant = tenant;
        _folder = folder;
        _maxOpen = maxOpen;
    }

    /// <summary>Most files open at the same time so far.</summary>
    public int PeakOpen { get; private set; }

    /// <summary>Most buffer capacity (events) held across the open files at the same time so far.</summary>
    public long PeakCapacity { get; private set; }

    /// <summary>Files opened so far (closed or not).</summary>
    public int FilesCreated => _files;

    /// <summary>Adds one event to the current part of <paramref name="period"/> (a partition key such as <c>date=2026-11-25</c>).</summary>
    public ValueTask AddAsync(string period, ClickEvent click, CancellationToken cancellationToken) => AddAsync(period, 0, click, cancellationToken);

    /// <summary>Adds one event to the current part of <paramref name="period"/> and client-hash <paramref name="shard"/>.</summary>
    public async ValueTask AddAsync(string period, int shard, ClickEvent click, CancellationToken cancellationToken)
    {
        var part = _last is { } last && ReferenceEquals(last.Period, period) && last.Shard == shard ? last : await OpenAsync(period, shard, cancellationToken).ConfigureAwait(false);
        part.LastUse = ++_clock;
        var writer = part.Writer;
        var pending = writer.Pending;
        var chars = writer.PendingChars;
        var capacity = writer.Capacity;
        await writer.AddAsync(click, cancellationToken).ConfigureAwait(false);
        _buffered += writer.Pending - pending;
        _chars += writer.PendingChars - chars;
        _capacity += writer.Capacity - capacity;
        PeakCapacity = Math.Max(PeakCapacity, _capacity);
        if (_budget.IsExceeded(_buffered, _chars, _capacity))
        {
            await RelieveAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Closes every file and returns all parts, ordered by period, shard and part number.</summary>
    public async Task<IReadOnlyList<EventPart>> CompleteAsync(CancellationToken cancellationToken)
    {
        foreach (var part in _open.Values.ToList())
        {
            cancellationToken.ThrowIfCancellationRequested();
            await CloseAsync(part).ConfigureAwait(false);
        }

        return [.. _closed.OrderBy(p => p.Period, StringComparer.Ordinal).ThenBy(p => p.Shard).ThenBy(p => p.Number)];
    }

    /// <summary>Closes whatever is still open (after a failure); the files are left for the caller's folder cleanup.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var part in _open.Values.ToList())
        {
            await CloseAsync(part).ConfigureAwait(false);
        }
    }

    private async ValueTask<Part> OpenAsync(string period, int shard, CancellationToken cancellationToken)
    {
        if (_open.TryGetValue((period, shard), out var open))
        {
            _last = open;
            return open;
        }

        if (_open.Count >= _maxOpen)
        {
            var oldest = _open.Values.MinBy(p => p.LastUse)!;
            await CloseAsync(oldest).ConfigureAwait(false);
        }

        var number = _partsPerFolder.GetValueOrDefault((period, shard));
        _partsPerFolder[(period, shard)] = number + 1;
        var path = Path.Combine(_folder, _files.ToString(CultureInfo.InvariantCulture) + ".parquet");
        var writer = await EventFileWriter.CreateAsync(_tenant, path, cancellationToken).ConfigureAwait(false);
        _files++;
        var part = new Part(period, shard, number, path, writer);
        _open.Add((period, shard), part);
        _capacity += writer.Capacity;
        PeakOpen = Math.Max(PeakOpen, _open.Count);
        PeakCapacity = Math.Max(PeakCapacity, _capacity);
        _last = part;
        return part;
    }

    private async ValueTask CloseAsync(Part part)
    {
        _open.Remove((part.Period, part.Shard));
        if (ReferenceEquals(_last, part))
        {
            _last = null;
        }

        _buffered -= part.Writer.Pending;
        _chars -= part.Writer.PendingChars;
        _capacity -= part.Writer.Capacity;
        await part.Writer.DisposeAsync().ConfigureAwait(false);
        _closed.Add(new EventPart(part.Period, part.Shard, part.Number, part.Path));
    }

    /// <summary>Writes out the largest buffers until the totals are back under their caps.</summary>
    private async ValueTask RelieveAsync(CancellationToken cancellationToken)
    {
        while (_budget.NeedsRelief(_buffered, _chars, _capacity))
        {
            // Ties on capacity (every buffer at its first size, e.g. few events of long URLs) go to the most text:
            // by capacity alone the first such buffer was picked even when empty, and relief stopped there.
            var largest = _open.Values.MaxBy(p => (p.Writer.Capacity, p.Writer.PendingChars, p.Writer.Pending))!;
            var writer = largest.Writer;
            if (writer.Capacity <= EventFileWriter.InitialCapacity && writer.Pending == 0)
            {
                return;
            }

            _buffered -= writer.Pending;
            _chars -= writer.PendingChars;
            _capacity -= writer.Capacity;
            await writer.FlushAsync(shrink: true, cancellationToken).ConfigureAwait(false);
            _capacity += writer.Capacity;
        }
    }

    private sealed class Part(string period, int shard, int number, string path, EventFileWriter writer)
    {
        public string Period { get; } = period;

        public int Shard { get; } = shard;

        public int Number { get; } = number;

        public string Path { get; } = path;

        public EventFileWriter Writer { get; } = writer;

        public long LastUse { get; set; }
    }
}
