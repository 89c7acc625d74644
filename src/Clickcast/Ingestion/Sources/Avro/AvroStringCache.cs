using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.IO.Hashing;
using System.Numerics;
using System.Text;
using System.Text.Unicode;
using Clickcast.Events;
using Clickcast.Ingestion.Urls;

namespace Clickcast.Ingestion.Sources.Avro;

/// <summary>
/// Decodes UTF-8 field values, reusing the string of a value seen before. Client ids, URLs and user agents repeat
/// across a file, so most rows then cost a hash and a compare instead of a validation, a decode and an allocation,
/// and repeated values share one string instance downstream.
/// </summary>
/// <remarks>
/// An open-addressing table of its own rather than a dictionary keyed by byte arrays: a slot holds part of the 64-bit
/// hash, the string, where the key's bytes sit in one shared arena and the caller's <see cref="UrlOutcome"/> of the
/// value, so a hit reads one slot (32 bytes, half a cache line) and one run of arena bytes, with no comparer calls and
/// no array object per key. A URL's table is keyed by the part of the value that decides its outcome
/// (<see cref="UrlOutcomeKey"/>): a URL that shares that part with a kept one but not the rest (a page's click with a
/// one-off click id) gets its own string and the kept answer, without asking and without taking a slot, so one-off
/// values no longer fill the table and make it start over. The slots and the arena are borrowed from the shared array
/// pools when the first value is kept and given back by <see cref="Dispose"/>: a file's six tables (1 MiB of slots
/// each) were large-object garbage per file before, and a field the file never fills (timestamps, skipped referrers)
/// now takes none.
/// </remarks>
internal sealed class AvroStringCache : IDisposable
{
    /// <summary>Longer values are decoded every time: they rarely repeat and would crowd the cache.</summary>
    private const int MaxKeyBytes = 512;

    /// <summary>How many capacities' worth of values a field with few repeats is decoded without the cache.</summary>
    private const int BypassFactor = 8;

    private readonly int _capacity;
    private readonly int _slotCount;
    private readonly int _mask;
    private readonly Func<string, UrlOutcome>? _outcomes;
    private readonly UrlOutcomeKey _outcomeKey;
    private Slot[] _slots = [];
    private byte[] _arena = [];
    private int _arenaUsed;
    private int _count;
    private byte[] _lastBytes;
    private int _lastStart;
    private int _lastLength = -1;
    private string _lastValue = string.Empty;
    private UrlOutcome _lastOutcome;
    private readonly byte[] _bypassed = new byte[MaxKeyBytes];
    private long _lookups;
    private long _hits;
    private long _bypass;

    /// <param name="capacity">Values kept at most; the table starts over when it is full.</param>
    /// <param name="outcomes">Asked once for each value the table keeps; the answer comes back with every hit.</param>
    /// <param name="outcomeKey">
    /// Which part of a value decides what <paramref name="outcomes"/> answers: the table is keyed by that part, so a
    /// value sharing it with a kept one (a page's URL with a one-off click id) takes the kept one's answer, unasked and
    /// without a slot of its own. The whole value by default.
    /// </param>
    public AvroStringCache(int capacity = 16 * 1024, Func<string, UrlOutcome>? outcomes = null, UrlOutcomeKey outcomeKey = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(capacity, 1 << 24);
        _capacity = capacity;

        // At most half the slots are ever in use, so probe runs stay short and a miss ends at an empty slot.
        _slotCount = (int)BitOperations.RoundUpToPowerOf2((uint)capacity * 2);
        _mask = _slotCount - 1;
        _outcomes = outcomes;
        _outcomeKey = outcomes is null ? UrlOutcomeKey.WholeValue : outcomeKey;
        _lastBytes = _arena;
    }

    /// <summary>Decodes <paramref name="utf8"/>; false when the bytes are not valid UTF-8.</summary>
    public bool TryGetString(ReadOnlySpan<byte> utf8, [NotNullWhen(true)] out string? value) => TryGetString(utf8, out value, out _);

    /// <summary>
    /// Decodes <paramref name="utf8"/>; false when the bytes are not valid UTF-8. <paramref name="outcome"/> is what
    /// the constructor's <c>outcomes</c> answered for the value when the table took it in, kept beside its string; the
    /// default (not <see cref="UrlOutcome.IsKnown"/>) when the value is not kept (too long, or decoded while the table
    /// is bypassed) or there is no such function.
    /// </summary>
    public bool TryGetString(ReadOnlySpan<byte> utf8, [NotNullWhen(true)] out string? value, out UrlOutcome outcome)
    {
        outcome = default;
        if (utf8.IsEmpty)
        {
            value = string.Empty;
            return true;
        }

        // Consecutive rows often repeat a value (one client's burst of events, one user agent, one event type):
        // comparing with the previous value is cheaper than hashing, and while the table is bypassed it still
        // gives a burst one string.
        if (utf8.Length == _lastLength && utf8.SequenceEqual(_lastBytes.AsSpan(_lastStart, _lastLength)))
        {
            value = _lastValue;
            outcome = _lastOutcome;
            return true;
        }

        if (_bypass > 0)
        {
            _bypass--;
            if (!TryDecode(utf8, out value))
            {
                return false;
            }

            if (utf8.Length <= MaxKeyBytes)
            {
                utf8.CopyTo(_bypassed);
                Remember(_bypassed, 0, utf8.Length, value, default);
            }

            return true;
        }

        if (utf8.Length > MaxKeyBytes)
        {
            return TryDecode(utf8, out value);
        }

        _lookups++;
        if (_slots.Length == 0)
        {
            _slots = ArrayPool<Slot>.Shared.Rent(_slotCount);
            Array.Clear(_slots);
        }

        var keyLength = _outcomeKey.Length(utf8);
        var key = utf8[..keyLength];
        var hash = XxHash3.HashToUInt64(key);
        var slots = _slots;
        var index = (int)hash & _mask;
        var check = (uint)(hash >> 32);
        while (slots[index].Value is { } found)
        {
            ref readonly var entry = ref slots[index];
            if (entry.Check == check && entry.KeyLength == keyLength && key.SequenceEqual(_arena.AsSpan(entry.Start, keyLength)))
            {
                _hits++;
                outcome = new UrlOutcome(entry.Token!, entry.Reason);
                if (entry.Length == utf8.Length && utf8[keyLength..].SequenceEqual(_arena.AsSpan(entry.Start + keyLength, entry.Length - keyLength)))
                {
                    Remember(_arena, entry.Start, entry.Length, found, outcome);
                    value = found;
                    return true;
                }

                // The same deciding part with another ending (a one-off click id): its own string, the kept answer.
                if (!TryDecode(utf8, out value))
                {
                    outcome = default;
                    return false;
                }

                utf8.CopyTo(_bypassed);
                Remember(_bypassed, 0, utf8.Length, value, outcome);
                return true;
            }

            index = (index + 1) & _mask;
        }

        if (!TryDecode(utf8, out value))
        {
            return false;
        }

        // Starting over when full keeps memory bounded and adapts to files whose values drift over time. A field
        // whose values mostly do not repeat (a file with one event per client) only pays for the cache: it is decoded directly
        // for a while, then the cache gets another chance.
        if (_count >= _capacity)
        {
            Clear();
            if (_hits < _lookups / 4)
            {
                _bypass = BypassFactor * _capacity;
            }

            _hits = _lookups = 0;
            index = (int)hash & _mask;
        }

        var start = Append(utf8);
        if (_outcomes is not null)
        {
            outcome = _outcomes(value);
        }

        _slots[index] = new Slot(check, start, (ushort)utf8.Length, (ushort)keyLength, outcome.Reason, value, outcome.Token);
        _count++;
        Remember(_arena, start, utf8.Length, value, outcome);
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

    private void Remember(byte[] bytes, int start, int length, string value, UrlOutcome outcome)
    {
        _lastBytes = bytes;
        _lastOutcome = outcome;
        _lastStart = start;
        _lastLength = length;
        _lastValue = value;
    }

    private int Append(ReadOnlySpan<byte> utf8)
    {
        if (_arenaUsed + utf8.Length > _arena.Length)
        {
            // At most capacity × MaxKeyBytes, reached only by a field of long values. The previous value's bytes move
            // with the rest (same offsets): the old buffer goes back to the pool.
            var old = _arena;
            AvroBuffers.Grow(ref _arena, Math.Max(Math.Max(_arena.Length * 2, 4096), _arenaUsed + utf8.Length), _arenaUsed);
            if (ReferenceEquals(_lastBytes, old))
            {
                _lastBytes = _arena;
            }
        }

        var start = _arenaUsed;
        utf8.CopyTo(_arena.AsSpan(start));
        _arenaUsed += utf8.Length;
        return start;
    }

    /// <summary>Gives the slots and the arena back to the pools; the cache starts empty if used again.</summary>
    public void Dispose()
    {
        Clear();
        if (_slots.Length > 0)
        {
            // Cleared already: the pool keeps no strings alive.
            ArrayPool<Slot>.Shared.Return(_slots);
            _slots = [];
        }

        AvroBuffers.Return(ref _arena);
        _lastBytes = _arena;
    }

    private void Clear()
    {
        Array.Clear(_slots);
        _count = 0;
        _arenaUsed = 0;
        _lastLength = -1;
    }

    /// <summary>
    /// One cached value: the high half of its key's hash (the low bits chose the slot), its bytes in the arena (the
    /// first <see cref="KeyLength"/> of them its key), the string and its outcome (a null <see cref="Token"/> when none
    /// was asked); empty while <see cref="Value"/> is null. Flat, with 16-bit lengths (at most <see cref="MaxKeyBytes"/>),
    /// rather than holding a <see cref="UrlOutcome"/>: the slot stays 32 bytes.
    /// </summary>
    private readonly record struct Slot(uint Check, int Start, ushort Length, ushort KeyLength, DropReason Reason, string? Value, string? Token);
}
