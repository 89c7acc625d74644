using Clickcast.Events;
using Clickcast.Storage;

namespace Clickcast.Ingestion;

internal sealed partial class EventPieceFiles
{
    /// <summary>A local copy of one events file and a forward-only reader over it, row by row.</summary>
    private sealed class Cursor(LocalCopy copy) : IAsyncDisposable
    {
        private readonly StringPool _pool = new();
        private IAsyncEnumerator<EventBatch>? _reader;
        private EventBatch? _batch;
        private long _start;
        private int _count;

        /// <summary>The row the last successful <see cref="SeekAsync"/> reached.</summary>
        public ClickEvent Current { get; private set; }

        /// <summary>Whether <paramref name="row"/> is behind the batch the reader holds: reading it needs a restart.</summary>
        public bool IsPast(long row) => _reader is not null && row < _start;

        /// <summary>Moves to <paramref name="row"/>, at or after the batch held; false past the file's end.</summary>
        public async ValueTask<bool> SeekAsync(long row, CancellationToken cancellationToken)
        {
            _reader ??= EventFileReader.ReadAsync(copy.Path, _pool, cancellationToken).GetAsyncEnumerator(cancellationToken);
            while (_batch is null || row >= _start + _count)
            {
                if (_batch is not null)
                {
                    (_start, _batch) = (_start + _count, null);
                }

                if (!await _reader.MoveNextAsync().ConfigureAwait(false))
                {
                    _count = 0;
                    return false;
                }

                (_batch, _count) = (_reader.Current, _reader.Current.Count);
            }

            Current = _batch[checked((int)(row - _start))];
            return true;
        }

        /// <summary>Closes the reader: the next <see cref="SeekAsync"/> reads the local copy from its start again.</summary>
        public async ValueTask RestartAsync()
        {
            if (_reader is not null)
            {
                await _reader.DisposeAsync().ConfigureAwait(false);
            }

            (_reader, _batch, _start, _count) = (null, null, 0, 0);
        }

        public async ValueTask DisposeAsync()
        {
            await RestartAsync().ConfigureAwait(false);
            copy.Dispose();
        }
    }
}
