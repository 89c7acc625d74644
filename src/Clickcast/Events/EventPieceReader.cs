using System.Runtime.CompilerServices;

namespace Clickcast.Events;

/// <summary>Reads the events of one <see cref="EventPiece"/> from a local copy of its file: the whole file, or its row range.</summary>
internal static class EventPieceReader
{
    /// <summary>The piece's events in file order.</summary>
    public static async IAsyncEnumerable<ClickEvent> ReadAsync(string path, EventPiece piece, StringPool pool, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var (first, end) = (piece.First, piece.Rows is { } rows ? piece.First + rows : long.MaxValue);
        long row = 0;
        await foreach (var batch in EventFileReader.ReadAsync(path, pool, cancellationToken).ConfigureAwait(false))
        {
            if (row + batch.Count <= first)
            {
                row += batch.Count;
                continue;
            }

            for (var i = (int)Math.Max(0, first - row); i < batch.Count && row + i < end; i++)
            {
                yield return batch[i];
            }

            row += batch.Count;
            if (row >= end)
            {
                yield break;
            }
        }
    }
}
