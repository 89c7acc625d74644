using System.Diagnostics.CodeAnalysis;
using System.IO.Hashing;
using System.Text;
using System.Text.Unicode;

namespace Clickcast.Ingestion.Avro;

/// <summary>
/// Decodes UTF-8 field values, reusing the string of a value seen before. Client ids, URLs and user agents repeat
/// across a file, so most rows then cost a hash and a compare instead of a validation, a decode and an allocation,
/// and repeated values share one string instance downstream.
/// </summary>
internal sealed class AvroStringCache
{
    /// <summary>Longer values are decoded every time: they rarely repeat and would crowd the cache.</summary>
    private const int MaxKeyBytes = 512;

    private readonly int _capacity;
    private readonly Dictionary<byte[], string> _entries;
    private readonly Dictionary<byte[], string>.AlternateLookup<ReadOnlySpan<byte>> _lookup;

    public AvroStringCache(int capacity = 16 * 1024)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _capacity = capacity;
        _entries = new Dictionary<byte[], string>(ByteKeyComparer.Instance);
        _lookup = _entries.GetAlternateLookup<ReadOnlySpan<byte>>();
    }

    /// <summary>Decodes <paramref name="utf8"/>; false when the bytes are not valid UTF-8.</summary>
    public bool TryGetString(ReadOnlySpan<byte> utf8, [NotNullWhen(true)] out string? value)
    {
        if (utf8.IsEmpty)
        {
            value = string.Empty;
            return true;
        }

        if (utf8.Length > MaxKeyBytes)
        {
            return TryDecode(utf8, out value);
        }

        if (_lookup.TryGetValue(utf8, out value))
        {
            return true;
        }

        if (!TryDecode(utf8, out value))
        {
            return false;
        }

        // Starting over when full keeps memory bounded and adapts to files whose values drift over time.
        if (_entries.Count >= _capacity)
        {
            _entries.Clear();
        }

        _lookup[utf8] = value;
        return true;
    }

    /// <summary>Decodes without caching; false when the bytes are not valid UTF-8.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> utf8, [NotNullWhen(true)] out string? value)
    {
        // GetString would silently replace bad bytes with U+FFFD; a row with them is dropped instead.
        if (!Utf8.IsValid(utf8))
        {
            value = null;
            return false;
        }

        value = Encoding.UTF8.GetString(utf8);
        return true;
    }

    private sealed class ByteKeyComparer : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
    {
        public static readonly ByteKeyComparer Instance = new();

        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(byte[] obj) => GetHashCode(obj.AsSpan());

        public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(other);

        public int GetHashCode(ReadOnlySpan<byte> alternate) => (int)XxHash3.HashToUInt64(alternate);

        public byte[] Create(ReadOnlySpan<byte> alternate) => alternate.ToArray();
    }
}
