using Clickcast.Training;

namespace Clickcast.Scoring;

/// <summary>
/// A champion loaded once and kept in memory for real-time scoring. Counted references: the cache holds one, each
/// request holds one while it scores; the model is disposed when the last reference goes after a newer champion
/// replaced it. Families are not required to be thread-safe, so scoring calls take turns.
/// </summary>
public sealed class WarmChampion
{
    private readonly Lock _gate = new();
    private int _references = 1;

    internal WarmChampion(TrainedModelVersion model, int version)
    {
        Model = model;
        Version = version;
    }

    /// <summary>The loaded model.</summary>
    public TrainedModelVersion Model { get; }

    /// <summary>Its registry version.</summary>
    public int Version { get; }

    /// <summary>True once the last reference was released and the model disposed.</summary>
    public bool IsDisposed => Volatile.Read(ref _references) == 0;

    /// <summary>Calibrated probabilities, one per input.</summary>
    public void Score(IReadOnlyList<ModelInput> inputs, Span<double> probabilities)
    {
        lock (_gate)
        {
            Model.Score(inputs, probabilities);
        }
    }

    /// <summary>The tokens that move one client's score most.</summary>
    public IReadOnlyList<TokenInfluence> Explain(ModelInput input, int top)
    {
        lock (_gate)
        {
            return Model.Explain(input, top);
        }
    }

    /// <summary>Takes a reference; false when the model is already disposed (take the newer one).</summary>
    internal bool TryAddReference()
    {
        while (true)
        {
            var current = Volatile.Read(ref _references);
            if (current == 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _references, current + 1, current) == current)
            {
                return true;
            }
        }
    }

    /// <summary>Gives a reference back; the last one disposes the model.</summary>
    internal void Release()
    {
        if (Interlocked.Decrement(ref _references) == 0)
        {
            Model.Dispose();
        }
    }
}
