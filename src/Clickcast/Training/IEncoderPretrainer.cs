using Clickcast.Labels;

namespace Clickcast.Training;

/// <summary>
/// Builds a task's pretrained sequence encoder without labels (<see cref="PretrainingSettings"/>): the seam where
/// libtorch plugs in, as <see cref="IModelFamily"/> does for training.
/// </summary>
public interface IEncoderPretrainer
{
    /// <summary>Pretrains on the examples' chains (labels unused) and writes the encoder into <paramref name="folder"/>.</summary>
    /// <param name="chains">The chains to learn from; at most <see cref="PretrainingSettings.MaxClients"/> are sampled.</param>
    /// <param name="cutoffMicros">The observation cutoff of the chains (recency features); null in position mode.</param>
    /// <param name="settings">The task's model settings: <see cref="ModelSettings.Pretraining"/> and the GRU's shape.</param>
    /// <param name="sequenceEvents">Events in the tenant's sequences now, recorded for <see cref="PretrainingRule"/>.</param>
    /// <param name="folder">Where the encoder's files go (created if missing).</param>
    /// <param name="cancellationToken">Cancels pretraining.</param>
    void Pretrain(IReadOnlyList<LabeledExample> chains, long? cutoffMicros, ModelSettings settings, long sequenceEvents, string folder, CancellationToken cancellationToken);

    /// <summary>Events in the sequences the encoder stored in <paramref name="folder"/> was pretrained on.</summary>
    long SequenceEventsOf(string folder);
}
