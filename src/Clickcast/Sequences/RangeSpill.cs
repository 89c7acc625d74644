using Clickcast.Events;

namespace Clickcast.Sequences;

/// <summary>
/// Temporary files that hold events routed by client-hash range, so each range can later be built in memory on
/// its own. One set per worker; a range's events are the union of that range's file in every set.
/// </summary>
internal sealed class RangeSpill : IDisposable
{
    private readonly BinaryWriter[] _writers;
    private readonly int _shift;

    public RangeSpill(string folder, int ranges)
    {
        Directory.CreateDirectory(folder);
        Folder = folder;
        _shift = 64 - System.Numerics.BitOperations.Log2((uint)ranges);
        _writers = new BinaryWriter[ranges];
        for (var r = 0; r < ranges; r++)
        {
            var stream = new FileStream(PathOf(folder, r), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
            _writers[r] = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: false);
        }
    }

    public string Folder { get; }

    /// <summary>The range of a client hash: its top bits, so ranges are contiguous in hash order.</summary>
    public static int RangeOf(ulong hash, int ranges) =>
        ranges == 1 ? 0 : (int)(hash >> (64 - System.Numerics.BitOperations.Log2((uint)ranges)));

    public static string PathOf(string folder, int range) => Path.Combine(folder, range.ToString("D4", System.Globalization.CultureInfo.InvariantCulture) + ".spill");

    public void Add(ulong hash, string clientId, long timeMicros, string url, string eventType)
    {
        var writer = _writers[_writers.Length == 1 ? 0 : (int)(hash >> _shift)];
        writer.Write(hash);
        writer.Write(timeMicros);
        writer.Write(clientId);
        writer.Write(url);
        writer.Write(eventType);
    }

    /// <summary>Reads a range's spill file back into <paramref name="buffer"/>.</summary>
    /// <remarks>
    /// Strings are decoded into a scratch buffer and looked up in <paramref name="pool"/>: a client id, URL or type
    /// seen before costs no allocation, which keeps the garbage collector (and its pauses) out of the build.
    /// </remarks>
    public static void Load(string path, RangeBuffer buffer, StringPool pool)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        using var reader = new BinaryReader(stream, System.Text.Encoding.UTF8);
        var length = stream.Length;
        var bytes = new byte[256];
        var chars = new char[256];
        while (stream.Position < length)
        {
            var hash = reader.ReadUInt64();
            var time = reader.ReadInt64();
            var client = ReadPooled(reader, pool, ref bytes, ref chars);
            var url = ReadPooled(reader, pool, ref bytes, ref chars);
            var type = ReadPooled(reader, pool, ref bytes, ref chars);
            buffer.Add(hash, client, time, url, type);
        }
    }

    private static string ReadPooled(BinaryReader reader, StringPool pool, ref byte[] bytes, ref char[] chars)
    {
        var count = reader.Read7BitEncodedInt();
        if (count > bytes.Length)
        {
            bytes = new byte[count * 2];
            chars = new char[count * 2];
        }

        reader.BaseStream.ReadExactly(bytes, 0, count);
        var decoded = System.Text.Encoding.UTF8.GetChars(bytes, 0, count, chars, 0);
        return pool.Get(chars.AsSpan(0, decoded));
    }

    public void Dispose()
    {
        foreach (var writer in _writers)
        {
            writer.Dispose();
        }
    }
}
