using Clickcast.Torch.Network;
using Clickcast.Training;
using static TorchSharp.torch;

namespace Clickcast.Torch.Pretraining;

/// <summary>
/// A tenant's pretrained sequence encoder: token and event-type embeddings and a GRU (held as a <see cref="GruModel"/>
/// whose output layer is unused), with the vocabulary its rows belong to. Made by
/// <see cref="ContrastivePretrainer"/> or <see cref="Load"/>; holds native memory, so dispose it.
/// </summary>
public sealed partial class ChainEncoder : IDisposable
{
    internal ChainEncoder(GruModel model, EncoderManifest manifest)
    {
        if (manifest.Tokens.Count != model.VocabularySize)
        {
            throw new ArgumentException($"The manifest lists {manifest.Tokens.Count} tokens; the network embeds {model.VocabularySize}.", nameof(manifest));
        }

        Model = model;
        Manifest = manifest;
    }

    /// <summary>What it was built from.</summary>
    public EncoderManifest Manifest { get; }

    /// <summary>The event types its type embedding knows; null when it reads none.</summary>
    public EventTypeVocabulary? EventTypes => Model.EventTypes;

    /// <summary>The encoder's shape (a copy).</summary>
    public GruModelOptions Options => Model.Options;

    internal GruModel Model { get; }

    /// <summary>L2-normalised final GRU states of <paramref name="sequences"/> (encoded with the encoder's own vocabulary), in input order.</summary>
    public float[][] Embed(IReadOnlyList<EncodedSequence> sequences)
    {
        GruModel.Validate(sequences, nameof(sequences));
        const int batchSize = 256;
        var network = Model.Network;
        var result = new float[sequences.Count][];
        using var noGrad = no_grad();
        network.eval();
        network.FinalState = FinalState.Gather;
        try
        {
            for (var start = 0; start < sequences.Count; start += batchSize)
            {
                using var scope = NewDisposeScope();
                var rows = Enumerable.Range(start, Math.Min(batchSize, sequences.Count - start)).ToArray();
                var batch = SequenceBatch.Create(sequences, rows, Model.Options.MaxSequenceLength, network.VocabularySize, Model.Device, network.EventTypeCount);
                var states = nn.functional.normalize(network.Encode(batch.Tokens, batch.Types, batch.Features, batch.Lengths), dim: 1).cpu();
                for (var row = 0; row < rows.Length; row++)
                {
                    result[batch.Order[row]] = states[row].data<float>().ToArray();
                }
            }
        }
        finally
        {
            network.FinalState = FinalState.Packed;
        }

        return result;
    }

    public void Dispose() => Model.Dispose();
}
