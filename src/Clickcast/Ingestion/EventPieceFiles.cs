using System.Runtime.CompilerServices;
using Clickcast.Events;
using Clickcast.Storage;

namespace Clickcast.Ingestion;

/// <summary>
/// Reads the <see cref="EventPiece"/>s of a re-shard from the stored files that hold them: each file is downloaded once,
/// when its first piece is asked for, and read front to back by one open reader while its pieces are asked for in row
/// order (a compacted file's sources, as <see cref="EventFolder.Pieces"/> lists them); the copy and its reader go once
/// its last piece is read. A piece asked for behind the reader reopens the local copy, never the object. At most one
/// reader per file holding a piece still to read is open: for a re-shard from one shard, one at a time.
/// </summary>
internal sealed partial class EventPieceFiles(IObjectStore store, string tenant, IEnumerable<EventPiece> pieces) : IAsyncDisposable
{
    private readonly Dictionary<EventFileKey, int> _left = pieces.GroupBy(p => p.File).ToDictionary(g => g.Key, g => g.Count());
    private readonly Dictionary<EventFileKey, Cursor> _open = [];

    /// <summary>Objects downloaded so far: one per stored file.</summary>
    public int Downloads { get; private set; }

    /// <summary>Times a local copy was read again from its start for a piece behind its reader.</summary>
    public int Rereads { get; private set; }

    /// <summary>Most readers open at the same time so far.</summary>
    public int PeakOpen { get; private set; }

    /// <summary>The events of <paramref name="piece"/>, one of the pieces given, in file order.</summary>
    public async IAsyncEnumerable<ClickEvent> ReadAsync(EventPiece piece, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (!_left.TryGetValue(piece.File, out var left) || left == 0)
        {
            throw new InvalidOperationException($"{piece.File.Name} holds no piece left to read.");
        }

        if (!_open.TryGetValue(piece.File, out var cursor))
        {
            cursor = new Cursor(await store.GetLocalCopyAsync(piece.File.ToKey(tenant), cancellationToken).ConfigureAwait(false));
            _open.Add(piece.File, cursor);
            Downloads++;
            PeakOpen = Math.Max(PeakOpen, _open.Count);
        }

        if (cursor.IsPast(piece.First))
        {
            await cursor.RestartAsync().ConfigureAwait(false);
            Rereads++;
        }

        var end = piece.Rows is { } rows ? piece.First + rows : long.MaxValue;
        for (var row = piece.First; row < end && await cursor.SeekAsync(row, cancellationToken).ConfigureAwait(false); row++)
        {
            yield return cursor.Current;
        }

        _left[piece.File] = left - 1;
        if (left == 1)
        {
            _open.Remove(piece.File);
            await cursor.DisposeAsync().ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var cursor in _open.Values)
        {
            await cursor.DisposeAsync().ConfigureAwait(false);
        }

        _open.Clear();
    }
}
