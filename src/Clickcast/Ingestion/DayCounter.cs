using Clickcast.Events;

namespace Clickcast.Ingestion;

/// <summary>
/// Counts events per UTC day of their time while a file is read. Rows of a file mostly come in time order, so the
/// current day is counted in a field and only a change of day touches the dictionary.
/// </summary>
internal sealed class DayCounter
{
    private const long MicrosPerDay = 86_400_000_000L;
    private readonly Dictionary<long, long> _days = [];
    private long _start = long.MaxValue;
    private long _end = long.MinValue;
    private long _pending;

    /// <summary>Counts one event at <paramref name="micros"/> (microseconds since the epoch, UTC).</summary>
    public void Add(long micros)
    {
        if (micros < _start || micros >= _end)
        {
            Flush();
            var day = micros >= 0 ? micros / MicrosPerDay : ((micros + 1) / MicrosPerDay) - 1;
            _start = day * MicrosPerDay;
            _end = _start + MicrosPerDay;
        }

        _pending++;
    }

    /// <summary>The counts, oldest day first.</summary>
    public IReadOnlyList<DayCount> ToList()
    {
        Flush();
        return [.. _days.OrderBy(d => d.Key).Select(d => new DayCount(DateOnly.FromDateTime(EventFile.ToDateTime(d.Key * MicrosPerDay)), d.Value))];
    }

    private void Flush()
    {
        if (_pending > 0)
        {
            _days[_start / MicrosPerDay] = _days.GetValueOrDefault(_start / MicrosPerDay) + _pending;
            _pending = 0;
        }
    }
}
