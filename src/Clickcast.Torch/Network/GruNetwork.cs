using Clickcast.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Clickcast.Torch.Network;

/// <summary>
/// Token embedding joined with an event-type embedding (when the model has one) and the time features, a GRU over the chain, and a linear layer from the state at each
/// chain's true length to one logit.
/// </summary>
/// <remarks>
/// The registered names below are the parameter names in saved weights ("embedding.weight", "gru.weight_ih_l0",
/// "output.bias", ...): renaming one breaks every stored model. The golden artifact test guards them.
/// </remarks>
internal sealed class GruNetwork : nn.Module<Tensor, Tensor, Tensor, Tensor, Tensor>
{
    /// <summary>Name of the embedding table in saved weights.</summary>
    public const string EmbeddingWeightName = "embedding.weight";

    /// <summary>Name of the event-type embedding table in saved weights (absent from models without one).</summary>
    public const string EventTypeWeightName = "event_type_embedding.weight";

    private readonly Embedding _embedding;
    private readonly Embedding? _eventTypes;
    private readonly GRU _gru;
    private readonly Dropout _dropout;
    private readonly Linear _output;

    /// <param name="vocabularySize">Token ids known.</param>
    /// <param name="options">The shape.</param>
    /// <param name="eventTypeCount">Event-type ids known (<see cref="EventTypeVocabulary.Count"/>); 0 = no type embedding.</param>
    public GruNetwork(int vocabularySize, GruModelOptions options, int eventTypeCount = 0)
        : base(nameof(GruNetwork))
    {
        VocabularySize = vocabularySize;
        HiddenSize = options.HiddenSize;
        _embedding = nn.Embedding(vocabularySize, options.EmbeddingSize, padding_idx: Vocabulary.PadId);
        if (eventTypeCount > 0 && options.EventTypeEmbeddingSize > 0)
        {
            _eventTypes = nn.Embedding(eventTypeCount, options.EventTypeEmbeddingSize, padding_idx: EventTypeVocabulary.PadId);
            EventTypeCount = eventTypeCount;
            EventTypeEmbeddingSize = options.EventTypeEmbeddingSize;
        }

        // The GRU's own dropout acts between stacked layers only, so a single layer gets none there.
        _gru = nn.GRU(
            options.EmbeddingSize + EventTypeEmbeddingSize + EncodedSequence.FeatureCount,
            options.HiddenSize,
            numLayers: options.Layers,
            batchFirst: true,
            dropout: options.Layers > 1 ? options.Dropout : 0);
        _dropout = nn.Dropout(options.Dropout);
        DropoutRate = options.Dropout;
        Layers = options.Layers;
        _output = nn.Linear(options.HiddenSize, 1);
        register_module("embedding", _embedding);
        if (_eventTypes is not null)
        {
            register_module("event_type_embedding", _eventTypes);
        }

        register_module("gru", _gru);
        register_module("dropout", _dropout);
        register_module("output", _output);
    }

    public int VocabularySize { get; }

    public int HiddenSize { get; }

    /// <summary>Dropout before the output layer (and between stacked layers).</summary>
    public double DropoutRate { get; }

    /// <summary>Stacked GRU layers; with more than one and dropout, the GRU itself draws random numbers.</summary>
    public int Layers { get; }

    /// <summary>Event-type ids known; 0 when the network reads no types.</summary>
    public int EventTypeCount { get; }

    /// <summary>Width of the event-type embedding; 0 when the network reads no types.</summary>
    public int EventTypeEmbeddingSize { get; }

    /// <summary>
    /// Gathering trained about 3x faster than packing over length-bucketed batches (packing's backward pass is
    /// slow), while scoring was faster packed (no padding at all, full batches): the trainer gathers and
    /// <see cref="GruModel"/> scores packed. Both give the same outputs (docs/benchmarks.md).
    /// </summary>
    public FinalState FinalState { get; set; } = FinalState.Gather;

    /// <param name="tokens">[batch, steps] int64 ids, right-padded with <see cref="Vocabulary.PadId"/>.</param>
    /// <param name="types">[batch, steps] int64 event-type ids, padded with 0; ignored without a type embedding.</param>
    /// <param name="features">[batch, steps, FeatureCount] float32 time features, zero on padding.</param>
    /// <param name="lengths">[batch] int64 true lengths on the CPU, in non-increasing order.</param>
    /// <returns>[batch] logits.</returns>
    /// <remarks>Callers run it inside a dispose scope, which frees the intermediate tensors.</remarks>
    public override Tensor forward(Tensor tokens, Tensor types, Tensor features, Tensor lengths) =>
        _output.call(_dropout.call(Encode(tokens, types, features, lengths))).squeeze(-1);

    /// <summary>
    /// <see cref="forward"/> with the output dropout's noise given: rows of <see cref="DropoutNoise"/>, or null for
    /// none. The data-parallel trainer draws the whole batch's noise on one thread, so its halves see exactly the
    /// noise one thread's <see cref="forward"/> would have drawn.
    /// </summary>
    public Tensor Logits(Tensor tokens, Tensor types, Tensor features, Tensor lengths, Tensor? noise)
    {
        var state = Encode(tokens, types, features, lengths);
        return _output.call(noise is null ? state : state * noise).squeeze(-1);
    }

    /// <summary>
    /// The output dropout's noise for a batch of <paramref name="rows"/> ([rows, hidden]: 0 or 1 / (1 - p)), drawn
    /// from libtorch's generator exactly as the dropout in <see cref="forward"/> draws it; null when the network
    /// would draw none (evaluation mode, or rate 0).
    /// </summary>
    public Tensor? DropoutNoise(int rows) =>
        training && DropoutRate > 0
            ? nn.functional.dropout(ones(rows, HiddenSize), DropoutRate, training: true)
            : null;

    /// <summary>
    /// The GRU's state at each chain's true length, before dropout and the output layer: what contrastive
    /// pretraining learns (<see cref="Pretraining.ContrastivePretrainer"/>). Same inputs as <see cref="forward"/>.
    /// </summary>
    /// <returns>[batch, hidden] final states.</returns>
    public Tensor Encode(Tensor tokens, Tensor types, Tensor features, Tensor lengths)
    {
        var input = _eventTypes is null
            ? cat([_embedding.call(tokens), features], dim: 2)
            : cat([_embedding.call(tokens), _eventTypes.call(types), features], dim: 2);
        Tensor state;
        if (FinalState == FinalState.Packed)
        {
            var packed = nn.utils.rnn.pack_padded_sequence(input, lengths, batch_first: true, enforce_sorted: true);
            var (_, hidden) = _gru.call(packed);
            state = hidden[-1];
        }
        else
        {
            // A unidirectional GRU's output at step t depends only on steps up to t, so padding after a chain's
            // end cannot change the state gathered at its last real step.
            var (output, _) = _gru.call(input);
            var last = (lengths.to(output.device) - 1).view(-1, 1, 1).expand(-1, 1, HiddenSize);
            state = output.gather(1, last).squeeze(1);
        }

        return state;
    }
}
