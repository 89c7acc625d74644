using System.Diagnostics.CodeAnalysis;
using System.IO.Hashing;
using System.Text;
using System.Text.Unicode;

namespace Clickcast.Ingestion.Sources.Avro;

/// <summary>
/// Decodes UTF-8 field values, reusing the string of a value seen before. Client ids, URLs and user agents repeat
/// across a file, so most rows then cost a hash and a compare instead of a validation, a decode and an allocation,
/// and repeated values share one string instance downstream.
/// </summary>
internal sealed class AvroStringCache
{
    /// <summary>Longer values are decoded every time: they rarely repeat and would crowd the cache.</summary>
    private const int MaxKeyBytes = 512;

    /// <summary>How many capacities' worth of values a field with few repeats is decoded without the cache.</summary>
    private const int BypassFactor = 8;

    private readonly int _capacity;
    private readonly Dictionary<byte[], string> _entries;
    private readonly Dictionary<byte[], string>.AlternateLookup<ReadOnlySpan<byte>> _lookup;
    private byte[] _lastKey = [];
    private string _lastValue = string.Empty;
    private long _lookups;
    private long _hits;
    private long _bypass;

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

        if (_bypass > 0)
        {
            _bypass--;
            return TryDecode(utf8, out value);
        }

        if (utf8.Length > MaxKeyBytes)
        {
            return TryDecode(utf8, out value);
        }

        // Consecutive rows often repeat a value (one client's burst of events, one user agent, one event type):
        // comparing with the previous value is cheaper than hashing.
        if (utf8.SequenceEqual(_lastKey))
        {
            value = _lastValue;
            return true;
        }

        _lookups++;
        if (_lookup.TryGetValue(utf8, out var key, out value))
        {
            _hits++;
            _lastKey = key;
            _lastValue = value;
            return true;
        }

        if (!TryDecode(utf8, out value))
        {
            return false;
        }

        // Starting over when full keeps memory bounded and adapts to files whose values drift over time. A field
        // whose values mostly do not repeat (a file with one event per client) only pays for the cache: it is decoded directly
        // for a while, then the cache gets another chance.
        if (_entries.Count >= _capacity)
        {
            _entries.Clear();
            if (_hits < _lookups / 4)
            {
                _bypass = BypassFactor * _capacity;
            }

            _hits = _lookups = 0;
        }

        _lastKey = utf8.ToArray();
        _lastValue = value;
        _entries[_lastKey] = value;
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
