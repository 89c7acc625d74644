using Clickcast.Events;
using Clickcast.Storage;

namespace Clickcast.Ingestion;

internal sealed partial class EventPieceFiles
{
    /// <summary>
    /// A local copy of one events file and a forward-only reader over it, row by row. The reader can be closed while
    /// the copy stays (<see cref="Close"/>); the next seek opens it again at the row group holding the row asked for.
    /// </summary>
    private sealed class Cursor(LocalCopy copy, EventFileReader.Buffers buffers) : IAsyncDisposable
    {
        private long[]? _groupStarts;
        private IAsyncEnumerator<EventBatch>? _reader;
        private EventBatch? _batch;
        private long _start;
        private int _count;

        /// <summary>The row the last successful <see cref="SeekAsync"/> reached.</summary>
        public ClickEvent Current { get; private set; }

        /// <summary>Times the reader was opened after its first opening.</summary>
        public int Reopens { get; private set; }

        /// <summary>Whether the reader is open.</summary>
        public bool IsOpen => _reader is not null;

        /// <summary>Whether reading <paramref name="row"/> needs the reader (re)opened: it is closed, or the row is behind the batch it holds.</summary>
        public bool NeedsOpen(long row) => _reader is null || row < _start;

        /// <summary>Moves to <paramref name="row"/>, at or after the batch held; false past the file's end.</summary>
        public async ValueTask<bool> SeekAsync(long row, CancellationToken cancellationToken)
        {
            if (NeedsOpen(row))
            {
                await OpenAtAsync(row, cancellationToken).ConfigureAwait(false);
            }

            while (_batch is null || row >= _start + _count)
            {
                if (_batch is not null)
                {
                    (_start, _batch) = (_start + _count, null);
                }

                if (!await _reader!.MoveNextAsync().ConfigureAwait(false))
                {
                    _count = 0;
                    return false;
                }

                (_batch, _count) = (_reader.Current, _reader.Current.Count);
            }

            Current = _batch[checked((int)(row - _start))];
            return true;
        }

        /// <summary>Closes the reader and drops its batch and strings; the local copy stays for the next seek.</summary>
        public async ValueTask Close()
        {
            if (_reader is not null)
            {
                await _reader.DisposeAsync().ConfigureAwait(false);
            }

            (_reader, _batch, _start, _count) = (null, null, 0, 0);
        }

        public async ValueTask DisposeAsync()
        {
            await Close().ConfigureAwait(false);
            copy.Dispose();
        }

        private async ValueTask OpenAtAsync(long row, CancellationToken cancellationToken)
        {
            await Close().ConfigureAwait(false);
            Reopens += _groupStarts is null ? 0 : 1;
            _groupStarts ??= await EventFileReader.RowGroupStartsAsync(copy.Path, cancellationToken).ConfigureAwait(false);
            var found = Array.BinarySearch(_groupStarts, row);
            var group = Math.Max(0, found >= 0 ? found : ~found - 1);
            _start = _groupStarts.Length == 0 ? 0 : _groupStarts[group];
            // A fresh pool per opening: a string pool grows with what its reader decodes, and a closed reader's goes with it.
            _reader = EventFileReader.ReadAsync(copy.Path, group, new StringPool(), buffers, cancellationToken).GetAsyncEnumerator(cancellationToken);
        }
    }
}
