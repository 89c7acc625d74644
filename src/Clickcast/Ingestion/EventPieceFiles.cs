using System.Runtime.CompilerServices;
using Clickcast.Events;
using Clickcast.Storage;

namespace Clickcast.Ingestion;

/// <summary>
/// Reads the <see cref="EventPiece"/>s of a re-shard from the stored files that hold them: each file is downloaded once,
/// when its first piece is asked for, and its local copy kept until its last piece is read. One reader is open at a
/// time, whatever the number of files: pieces asked for in row order of one file (a compacted file's sources, as
/// <see cref="EventFolder.Pieces"/> lists them) are read front to back by it; a piece of another file closes it (its
/// batch and strings go) and opens that file's copy at the row group holding the piece. So memory is one reader's,
/// not one per old shard (a re-shard asks for one source's pieces across every old shard's compacted file), and a
/// reopening decodes at most one row group again. A piece behind the reader reopens the local copy, never the object.
/// </summary>
internal sealed partial class EventPieceFiles(IObjectStore store, string tenant, IEnumerable<EventPiece> pieces) : IAsyncDisposable
{
    private readonly Dictionary<EventFileKey, int> _left = pieces.GroupBy(p => p.File).ToDictionary(g => g.Key, g => g.Count());
    private readonly Dictionary<EventFileKey, Cursor> _copies = [];
    private readonly EventFileReader.Buffers _buffers = new();
    private Cursor? _reading;

    /// <summary>Objects downloaded so far: one per stored file.</summary>
    public int Downloads { get; private set; }

    /// <summary>Times a local copy's reader was opened again: for a piece behind it, or after a piece of another file closed it.</summary>
    public int Rereads { get; private set; }

    /// <summary>Most readers open at the same time so far (one: this is the bound, kept as a figure for tests).</summary>
    public int PeakOpen { get; private set; }

    /// <summary>Most local copies kept at the same time so far (files with pieces still to read).</summary>
    public int PeakCopies { get; private set; }

    /// <summary>The events of <paramref name="piece"/>, one of the pieces given, in file order.</summary>
    public async IAsyncEnumerable<ClickEvent> ReadAsync(EventPiece piece, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (!_left.TryGetValue(piece.File, out var left) || left == 0)
        {
            throw new InvalidOperationException($"{piece.File.Name} holds no piece left to read.");
        }

        if (!_copies.TryGetValue(piece.File, out var cursor))
        {
            cursor = new Cursor(await store.GetLocalCopyAsync(piece.File.ToKey(tenant), cancellationToken).ConfigureAwait(false), _buffers);
            _copies.Add(piece.File, cursor);
            Downloads++;
            PeakCopies = Math.Max(PeakCopies, _copies.Count);
        }

        if (_reading is not null && _reading != cursor)
        {
            await _reading.Close().ConfigureAwait(false);
        }

        _reading = cursor;
        var reopens = cursor.Reopens;

        var end = piece.Rows is { } rows ? piece.First + rows : long.MaxValue;
        for (var row = piece.First; row < end && await cursor.SeekAsync(row, cancellationToken).ConfigureAwait(false); row++)
        {
            yield return cursor.Current;
        }

        Rereads += cursor.Reopens - reopens;
        PeakOpen = Math.Max(PeakOpen, _copies.Values.Count(c => c.IsOpen));
        _left[piece.File] = left - 1;
        if (left == 1)
        {
            _copies.Remove(piece.File);
            _reading = null;
            await cursor.DisposeAsync().ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var cursor in _copies.Values)
        {
            await cursor.DisposeAsync().ConfigureAwait(false);
        }

        _copies.Clear();
    }
}
