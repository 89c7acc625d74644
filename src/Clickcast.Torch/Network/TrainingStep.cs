using Clickcast.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Clickcast.Torch.Network;

/// <summary>
/// The forward and backward pass of one training batch, on one thread or split across several (data-parallel):
/// each part of the batch runs on its own thread with one libtorch intra-op thread, and the parts' gradients add up
/// in the shared parameters before the single optimiser step, so the step is the one-thread step up to float
/// summation order.
/// </summary>
/// <remarks>
/// Why threads of our own rather than libtorch's: its second OpenMP thread is woken for every operation and waits
/// passively in between (spinning collapses beside a busy process, docs/benchmarks.md); here each thread runs a whole
/// part's forward and backward with no wake-up in between, and beside a busy process the parts time-share the cores.
/// Autograd is per thread in libtorch and adds gradients into shared parameters under a lock; a sum of the parts'
/// gradients does not depend on which part finishes first (two addends commute).
/// </remarks>
internal static class TrainingStep
{
    /// <summary>
    /// Runs the batch <paramref name="rows"/> forward and backward, leaving its gradient (of the mean class-weighted
    /// loss) in the network's parameters (threads to split it across: <paramref name="parallelism"/>, 1 for the
    /// plain step); returns the batch's summed loss.
    /// </summary>
    public static double Backward(
        GruNetwork network, IReadOnlyList<EncodedSequence> sequences, bool[] labels, int[] rows, int maxLength,
        Tensor positiveWeight, Device device, int parallelism)
    {
        if (parallelism <= 1 || rows.Length < 2)
        {
            using var scope = NewDisposeScope();
            var batch = SequenceBatch.Create(sequences, rows, maxLength, network.VocabularySize, device, network.EventTypeCount);
            var logits = network.call(batch.Tokens, batch.Types, batch.Features, batch.Lengths);
            var loss = nn.functional.binary_cross_entropy_with_logits(
                logits, tensor(Labels(labels, batch.Order), device: device), pos_weights: positiveWeight);
            loss.backward();
            return loss.item<float>() * (double)rows.Length;
        }

        return BackwardInParts(network, sequences, labels, rows, maxLength, positiveWeight, device, Math.Min(parallelism, rows.Length));
    }

    /// <summary>
    /// Whether a network can train data-parallel with results that do not depend on thread timing: a GRU of
    /// several layers with dropout draws its own noise inside the GRU, on whichever thread runs it first.
    /// </summary>
    public static bool CanSplit(GruNetwork network, Device device) =>
        device.type == DeviceType.CPU && (network.Layers == 1 || network.DropoutRate == 0);

    private static double BackwardInParts(
        GruNetwork network, IReadOnlyList<EncodedSequence> sequences, bool[] labels, int[] rows, int maxLength,
        Tensor positiveWeight, Device device, int parts)
    {
        // The whole batch's order and dropout noise, drawn here exactly as the one-thread step draws them; row i goes
        // to part i % parts, so every part holds chains of every length in the batch and the parts finish together.
        using var scope = NewDisposeScope();
        var order = SequenceBatch.LongestFirst(sequences, rows, maxLength);
        var noise = network.DropoutNoise(order.Length);
        var losses = new double[parts];
        var divisor = (double)order.Length;
        Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = parts }, part =>
        {
            // Dispose scopes and gradient mode are per thread.
            using var partScope = NewDisposeScope();
            var positions = Enumerable.Range(0, (order.Length - part + parts - 1) / parts).Select(i => (long)(part + (i * parts))).ToArray();
            var partRows = Array.ConvertAll(positions, p => order[p]);
            var batch = SequenceBatch.Create(sequences, partRows, maxLength, network.VocabularySize, device, network.EventTypeCount);
            var partNoise = noise?.index_select(0, tensor(positions, device: device));
            var logits = network.Logits(batch.Tokens, batch.Types, batch.Features, batch.Lengths, partNoise);
            var loss = nn.functional.binary_cross_entropy_with_logits(
                logits, tensor(Labels(labels, batch.Order), device: device), pos_weights: positiveWeight, reduction: nn.Reduction.Sum);
            (loss / divisor).backward();
            losses[part] = loss.item<float>();
        });

        return losses.Sum();
    }

    private static float[] Labels(bool[] labels, int[] order)
    {
        var values = new float[order.Length];
        for (var row = 0; row < values.Length; row++)
        {
            values[row] = labels[order[row]] ? 1f : 0f;
        }

        return values;
    }
}
