using System.Collections.Concurrent;
using Clickcast.Training;

namespace Clickcast.Scoring;

/// <summary>
/// A champion loaded once and kept in memory for real-time scoring. Counted references: the cache holds one, each
/// request holds one while it scores; the model is disposed when the last reference goes after a newer champion
/// replaced it. Families are not required to be thread-safe, so model calls take turns; concurrent requests are
/// coalesced into one model call (<see cref="ScoreAsync"/>), so a burst costs one call, not one call each.
/// </summary>
public sealed class WarmChampion
{
    /// <summary>Most inputs one coalesced model call carries.</summary>
    internal const int MaxInputsPerCall = 256;

    private readonly Lock _gate = new();
    private readonly ConcurrentQueue<PendingScore> _pending = new();
    private int _draining;
    private int _references = 1;
    private long _modelCalls;

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

    /// <summary>Model calls made so far (a burst of concurrent requests shares one).</summary>
    internal long ModelCalls => Interlocked.Read(ref _modelCalls);

    /// <summary>
    /// Calibrated probabilities, one per input. The caller that finds the model free scores its own inputs and
    /// everything queued behind it in one model call, up to <see cref="MaxInputsPerCall"/> at a time, until the queue is
    /// empty ("group commit"); the others wait without holding a thread. Scores equal those of a call on its own.
    /// </summary>
    public Task<double[]> ScoreAsync(IReadOnlyList<ModelInput> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var call = new PendingScore(inputs);
        _pending.Enqueue(call);

        // An item queued while another caller drains is seen by that caller's re-check after it lets go.
        while (!_pending.IsEmpty && Interlocked.CompareExchange(ref _draining, 1, 0) == 0)
        {
            try
            {
                while (Take() is { Count: > 0 } batch)
                {
                    Run(batch);
                }
            }
            finally
            {
                Volatile.Write(ref _draining, 0);
            }
        }

        return call.Result.Task;
    }

    /// <summary>The tokens that move one client's score most.</summary>
    public IReadOnlyList<TokenInfluence> Explain(ModelInput input, int top)
    {
        lock (_gate)
        {
            return Model.Explain(input, top);
        }
    }

    private List<PendingScore> Take()
    {
        var batch = new List<PendingScore>();
        var inputs = 0;
        while (inputs < MaxInputsPerCall && _pending.TryDequeue(out var call))
        {
            batch.Add(call);
            inputs += call.Inputs.Count;
        }

        return batch;
    }

    private void Run(List<PendingScore> batch)
    {
        var inputs = batch.Count == 1 ? batch[0].Inputs : batch.SelectMany(c => c.Inputs).ToList();
        var probabilities = new double[inputs.Count];
        try
        {
            lock (_gate)
            {
                Model.Score(inputs, probabilities);
            }

            Interlocked.Increment(ref _modelCalls);
        }
        catch (Exception e)
        {
            batch.ForEach(c => c.Result.TrySetException(e));
            return;
        }

        var offset = 0;
        foreach (var call in batch)
        {
            call.Result.TrySetResult(probabilities.AsSpan(offset, call.Inputs.Count).ToArray());
            offset += call.Inputs.Count;
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

    private sealed class PendingScore(IReadOnlyList<ModelInput> inputs)
    {
        public IReadOnlyList<ModelInput> Inputs { get; } = inputs;

        public TaskCompletionSource<double[]> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
