namespace Clickcast.Events;

/// <summary>
/// Idle <see cref="EventPageEncoder"/>s, so that a row group reuses the maps and buffers of one written before it. A
/// writer rents an encoder for the synchronous writing of one row group, so no more are in use at once than threads
/// write row groups; the pool keeps at most <c>maxIdle</c> of them, and an encoder coming back lets go of whatever grew
/// past its kept size (<see cref="EventPageEncoder.ReleaseLargeBuffers"/>): an idle encoder holds a bounded amount of
/// memory, not the largest row group's of the process so far.
/// </summary>
internal sealed class EventPageEncoderPool
{
    private readonly Stack<EventPageEncoder> _idle = new();
    private readonly int _maxIdle;

    /// <param name="maxIdle">Encoders kept while idle; one returned beyond them is left to the collector.</param>
    public EventPageEncoderPool(int maxIdle)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxIdle);
        _maxIdle = maxIdle;
    }

    /// <summary>The process's pool: as many idle encoders as cores.</summary>
    public static EventPageEncoderPool Shared { get; } = new(Environment.ProcessorCount);

    /// <summary>Encoders idle now.</summary>
    public int IdleCount
    {
        get
        {
            lock (_idle)
            {
                return _idle.Count;
            }
        }
    }

    /// <summary>An idle encoder, or a new one; give it back with <see cref="Return"/>.</summary>
    public EventPageEncoder Rent()
    {
        lock (_idle)
        {
            if (_idle.Count > 0)
            {
                return _idle.Pop();
            }
        }

        return new EventPageEncoder();
    }

    public void Return(EventPageEncoder encoder)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        encoder.ReleaseLargeBuffers();
        lock (_idle)
        {
            if (_idle.Count < _maxIdle)
            {
                _idle.Push(encoder);
            }
        }
    }
}
