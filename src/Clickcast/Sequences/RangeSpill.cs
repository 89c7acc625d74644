using System.Buffers.Binary;
using System.Text;
using Clickcast.Events;

namespace Clickcast.Sequences;

/// <summary>
/// Temporary files that hold events routed by client-hash range, so each range can later be built in memory on
/// its own. One set per worker; a range's events are the union of that range's file in every set.
/// </summary>
/// <remarks>
/// A record is fixed-width: hash, time, and the indexes of client id, URL and type in the reading worker's
/// <see cref="StringPool"/>, which already holds every distinct string it read. Loading a range is then a copy
/// rather than a UTF-8 decode and a hash lookup per string: writing strings made loading half the build's time.
/// A string the pool did not keep (it stops growing at <see cref="StringPool.MaxEntries"/>, for tenants with
/// millions of clients) is written inline after its record, which keeps memory bounded.
/// </remarks>
internal sealed class RangeSpill : IDisposable
{
    /// <summary>The index that marks an inline string (length-prefixed UTF-8 after the record).</summary>
    private const int Inline = StringPool.NotPooled;

    private const int RecordBytes = 8 + 8 + 4 + 4 + 4;
    private const int BufferBytes = 1 << 16;

    private readonly Writer[] _writers;
    private readonly int _shift;
    private readonly int _shardBits;

    /// <param name="folder">Where the range files go.</param>
    /// <param name="ranges">Ranges, a power of two.</param>
    /// <param name="shardBits">Top hash bits shared by every event (the shard's): ranges split the bits below them.</param>
    public RangeSpill(string folder, int ranges, int shardBits = 0)
    {
        _shardBits = shardBits;
        Directory.CreateDirectory(folder);
        Folder = folder;
        _shift = 64 - System.Numerics.BitOperations.Log2((uint)ranges);
        _writers = new Writer[ranges];
        for (var r = 0; r < ranges; r++)
        {
            _writers[r] = new Writer(PathOf(folder, r));
        }
    }

    public string Folder { get; }

    /// <summary>The range of a client hash: its top bits, so ranges are contiguous in hash order.</summary>
    public static int RangeOf(ulong hash, int ranges) =>
        ranges == 1 ? 0 : (int)(hash >> (64 - System.Numerics.BitOperations.Log2((uint)ranges)));

    public static string PathOf(string folder, int range) => Path.Combine(folder, range.ToString("D4", System.Globalization.CultureInfo.InvariantCulture) + ".spill");

    /// <summary>Records in a range file at most (exactly, unless some strings were written inline).</summary>
    public static int RecordsIn(string path) => checked((int)(new FileInfo(path).Length / RecordBytes));

    /// <summary>Appends one event to its range's file; an index of <see cref="StringPool.NotPooled"/> writes that string inline.</summary>
    public void Add(ulong hash, long timeMicros, int clientIndex, string clientId, int urlIndex, string url, int typeIndex, string eventType)
    {
        var writer = _writers[_writers.Length == 1 ? 0 : (int)((hash << _shardBits) >> _shift)];
        var record = writer.Reserve(RecordBytes);
        BinaryPrimitives.WriteUInt64LittleEndian(record, hash);
        BinaryPrimitives.WriteInt64LittleEndian(record[8..], timeMicros);
        BinaryPrimitives.WriteInt32LittleEndian(record[16..], clientIndex);
        BinaryPrimitives.WriteInt32LittleEndian(record[20..], urlIndex);
        BinaryPrimitives.WriteInt32LittleEndian(record[24..], typeIndex);
        if (clientIndex == Inline)
        {
            writer.WriteString(clientId);
        }

        if (urlIndex == Inline)
        {
            writer.WriteString(url);
        }

        if (typeIndex == Inline)
        {
            writer.WriteString(eventType);
        }
    }

    /// <summary>Reads a range's spill file back into <paramref name="buffer"/>.</summary>
    /// <param name="path">The range's file in one set.</param>
    /// <param name="offset">Where the strings of the pool the set's worker read with start in the table the buffer is written with (<see cref="RangeStrings.Join"/>).</param>
    /// <param name="buffer">Where the events go.</param>
    /// <param name="pool">Pools inline strings, so repeated ones cost one allocation.</param>
    public static void Load(string path, int offset, RangeBuffer buffer, StringPool pool)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        var reader = new Reader(stream);
        while (reader.TryTake(RecordBytes, out var record))
        {
            var hash = BinaryPrimitives.ReadUInt64LittleEndian(record);
            var time = BinaryPrimitives.ReadInt64LittleEndian(record[8..]);
            var client = BinaryPrimitives.ReadInt32LittleEndian(record[16..]);
            var url = BinaryPrimitives.ReadInt32LittleEndian(record[20..]);
            var type = BinaryPrimitives.ReadInt32LittleEndian(record[24..]);
            client = client == Inline ? buffer.Local(reader.ReadString(pool)) : client + offset;
            url = url == Inline ? buffer.Local(reader.ReadString(pool)) : url + offset;
            type = type == Inline ? buffer.Local(reader.ReadString(pool)) : type + offset;
            buffer.Add(hash, time, client, url, type);
        }
    }

    public void Dispose()
    {
        foreach (var writer in _writers)
        {
            writer.Dispose();
        }
    }

    /// <summary>A range file's buffered writer: one write call per 64 KiB rather than per field.</summary>
    private sealed class Writer(string path) : IDisposable
    {
        private readonly FileStream _stream = new(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1);
        private readonly byte[] _buffer = new byte[BufferBytes];
        private int _position;

        public Span<byte> Reserve(int bytes)
        {
            if (_position + bytes > _buffer.Length)
            {
                Flush();
            }

            var span = _buffer.AsSpan(_position, bytes);
            _position += bytes;
            return span;
        }

        public void WriteString(string text)
        {
            var length = Encoding.UTF8.GetByteCount(text);
            var prefix = Reserve(4);
            BinaryPrimitives.WriteInt32LittleEndian(prefix, length);
            if (length <= _buffer.Length)
            {
                Encoding.UTF8.GetBytes(text, Reserve(length));
            }
            else
            {
                Flush();
                _stream.Write(Encoding.UTF8.GetBytes(text));
            }
        }

        private void Flush()
        {
            _stream.Write(_buffer, 0, _position);
            _position = 0;
        }

        public void Dispose()
        {
            Flush();
            _stream.Dispose();
        }
    }

    /// <summary>Reads a range file through one reusable buffer.</summary>
    private ref struct Reader(FileStream stream)
    {
        private byte[] _buffer = new byte[BufferBytes];
        private int _start;
        private int _end;

        public bool TryTake(int bytes, out ReadOnlySpan<byte> taken)
        {
            if (_end - _start < bytes && !Fill(bytes))
            {
                if (_end != _start)
                {
                    throw new InvalidDataException($"Spill file '{stream.Name}' ends inside a record.");
                }

                taken = default;
                return false;
            }

            taken = _buffer.AsSpan(_start, bytes);
            _start += bytes;
            return true;
        }

        public string ReadString(StringPool pool)
        {
            if (!TryTake(4, out var prefix))
            {
                throw new InvalidDataException($"Spill file '{stream.Name}' ends before a string.");
            }

            var length = BinaryPrimitives.ReadInt32LittleEndian(prefix);
            if (!TryTake(length, out var bytes))
            {
                throw new InvalidDataException($"Spill file '{stream.Name}' ends inside a string.");
            }

            Span<char> chars = length <= 512 ? stackalloc char[length] : new char[length];
            var decoded = Encoding.UTF8.GetChars(bytes, chars);
            return pool.Get(chars[..decoded]);
        }

        /// <summary>Moves what is left to the front and reads until <paramref name="bytes"/> are buffered or the file ends.</summary>
        private bool Fill(int bytes)
        {
            var left = _end - _start;
            if (bytes > _buffer.Length)
            {
                var larger = new byte[bytes];
                _buffer.AsSpan(_start, left).CopyTo(larger);
                _buffer = larger;
            }
            else
            {
                _buffer.AsSpan(_start, left).CopyTo(_buffer);
            }

            _start = 0;
            _end = left;
            while (_end < bytes)
            {
                var read = stream.Read(_buffer, _end, _buffer.Length - _end);
                if (read == 0)
                {
                    return false;
                }

                _end += read;
            }

            return true;
        }
    }
}
