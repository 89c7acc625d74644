using System.ComponentModel.DataAnnotations;
using Clickcast.Torch.Network;
using Clickcast.Training;
using TorchSharp;
using Microsoft.Extensions.Logging;
using static TorchSharp.torch;

namespace Clickcast.Torch.Pretraining;

/// <summary>
/// Pretrains a sequence encoder without labels, in the spirit of CoLES (Babaev et al., 2022): for each client of a
/// batch two random contiguous sub-chains are encoded by the same embeddings and GRU; the L2-normalised final
/// states of one client's pair are pulled together and pushed away from the batch's other clients by a symmetric
/// InfoNCE loss over cosine similarities divided by a temperature; Adam.
/// </summary>
public sealed class ContrastivePretrainer
{
    private readonly TorchRun _run;

    public ContrastivePretrainer(TorchOptions torch, TimeProvider timeProvider, ILogger<ContrastivePretrainer> logger) => _run = new TorchRun(torch, timeProvider, logger);

    /// <summary>Pretrains an encoder on <paramref name="chains"/> (encoded with <paramref name="vocabulary"/>).</summary>
    /// <param name="chains">Every client's chain; those of fewer than two events are skipped, at most <see cref="PretrainingSettings.MaxClients"/> sampled.</param>
    /// <param name="vocabulary">The vocabulary the chains' ids belong to; saved with the encoder.</param>
    /// <param name="shape">The network's shape; a task warm-starts from the encoder only with the same widths.</param>
    /// <param name="settings">Epochs, sub-chain lengths, temperature, batch, step size, sample.</param>
    /// <param name="seed">Seeds weights, sampling and batch order.</param>
    /// <param name="eventTypes">The chains' event types, or null for none.</param>
    /// <param name="sequenceEvents">Events in the tenant's sequences, recorded for the regrowth rule.</param>
    /// <param name="cancellationToken">Checked between batches.</param>
    /// <exception cref="ArgumentException">Fewer than two chains have two events or more.</exception>
    public ChainEncoder Pretrain(
        IReadOnlyList<EncodedSequence> chains,
        Vocabulary vocabulary,
        GruModelOptions shape,
        PretrainingSettings settings,
        int seed,
        EventTypeVocabulary? eventTypes = null,
        long sequenceEvents = 0,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chains);
        ArgumentNullException.ThrowIfNull(vocabulary);
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(settings);
        Validator.ValidateObject(shape, new ValidationContext(shape), validateAllProperties: true);
        Validator.ValidateObject(settings, new ValidationContext(settings), validateAllProperties: true);
        GruModel.Validate(chains, nameof(chains));
        var random = new Random(seed);
        var usable = chains.Where(c => c.Length >= 2).ToArray();
        random.Shuffle(usable);
        usable = usable[..Math.Min(usable.Length, settings.MaxClients)];
        if (usable.Length < 2)
        {
            throw new ArgumentException("Contrastive pretraining needs at least two chains of two events or more.", nameof(chains));
        }

        eventTypes = shape.EventTypeEmbeddingSize > 0 ? eventTypes : null;
        lock (TorchRun.OneAtATime)
        {
            return Run(usable, vocabulary, shape, settings, seed, random, eventTypes, sequenceEvents, cancellationToken);
        }
    }

    private ChainEncoder Run(
        EncodedSequence[] chains, Vocabulary vocabulary, GruModelOptions shape, PretrainingSettings settings, int seed, Random random,
        EventTypeVocabulary? eventTypes, long sequenceEvents, CancellationToken cancellationToken)
    {
        var device = TorchRuntime.Apply(_run.Torch);
        var network = GruModel.CreateNetwork(vocabulary.Count, shape, seed, eventTypes?.Count ?? 0);
        network.to(device);
        network.FinalState = FinalState.Gather;
        Log.PretrainingStarted(_run.Logger, chains.Length, vocabulary.Count, settings.Epochs, settings.Temperature);
        var losses = new List<double>();
        try
        {
            using var optimizer = optim.Adam(network.parameters(), settings.LearningRate);
            for (var epoch = 1; epoch <= settings.Epochs; epoch++)
            {
                var started = _run.Time.GetTimestamp();
                network.train();
                var order = Enumerable.Range(0, chains.Length).ToArray();
                random.Shuffle(order);
                double sum = 0;
                var batches = 0;
                for (var start = 0; start + 1 < order.Length; start += settings.BatchSize)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var rows = order.AsSpan(start, Math.Min(settings.BatchSize, order.Length - start));
                    if (rows.Length < 2)
                    {
                        break;
                    }

                    using var scope = NewDisposeScope();
                    optimizer.zero_grad();
                    var loss = Loss(network, chains, rows, shape.MaxSequenceLength, settings, random, device);
                    loss.backward();
                    optimizer.step();
                    sum += loss.item<float>();
                    batches++;
                }

                losses.Add(sum / batches);
                Log.PretrainingEpoch(_run.Logger, epoch, losses[^1], _run.Time.GetElapsedTime(started));
            }

            network.FinalState = FinalState.Packed;
            var model = new GruModel(network, shape, device, _run.Torch, eventTypes);
            return new ChainEncoder(model, new EncoderManifest(
                ChainEncoder.Format, vocabulary.Tokens, chains.Length, sequenceEvents, losses, _run.Time.GetUtcNow()));
        }
        catch
        {
            network.Dispose();
            throw;
        }
    }

    /// <summary>Symmetric InfoNCE over the batch: row i of the first views against every row of the second, and back.</summary>
    private static Tensor Loss(
        GruNetwork network, EncodedSequence[] chains, ReadOnlySpan<int> rows, int maxLength, PretrainingSettings settings, Random random, Device device)
    {
        var count = rows.Length;
        var views = new EncodedSequence[count * 2];
        for (var i = 0; i < count; i++)
        {
            views[i] = SubChains.Sample(chains[rows[i]], settings.SubChainMin, settings.SubChainMax, random);
            views[count + i] = SubChains.Sample(chains[rows[i]], settings.SubChainMin, settings.SubChainMax, random);
        }

        var batch = SequenceBatch.Create(views, Enumerable.Range(0, views.Length).ToArray(), maxLength, network.VocabularySize, device, network.EventTypeCount);

        // The batch sorted the views by length; put each state back at its view's index.
        var back = new long[views.Length];
        for (var row = 0; row < back.Length; row++)
        {
            back[batch.Order[row]] = row;
        }

        var states = network.Encode(batch.Tokens, batch.Types, batch.Features, batch.Lengths)
            .index_select(0, tensor(back, device: device));
        var unit = nn.functional.normalize(states, dim: 1);
        var first = unit.narrow(0, 0, count);
        var second = unit.narrow(0, count, count);
        var logits = first.matmul(second.t()) / settings.Temperature;
        var targets = arange(count, dtype: int64, device: device);
        return (nn.functional.cross_entropy(logits, targets) + nn.functional.cross_entropy(logits.t(), targets)) / 2;
    }
}
