using Clickcast.Labels;

namespace Clickcast.Training;

/// <summary>
/// A kind of model that can be trained and loaded: the seam where a heavy dependency (TorchSharp) plugs into the
/// domain. The domain does everything around it: labels, vocabulary, calibration, evaluation, artifacts.
/// </summary>
public interface IModelFamily
{
    /// <summary>The kind of model.</summary>
    ModelFamilyKind Kind { get; }

    /// <summary>Trains a model on the training split, using the validation split for early stopping only.</summary>
    ITrainedModel Train(ModelTrainingRequest request, CancellationToken cancellationToken);

    /// <summary>Loads a model from a folder its <see cref="ITrainedModel.Save"/> wrote.</summary>
    ITrainedModel Load(string folder, Vocabulary vocabulary, ModelSettings settings);
}

/// <summary>A trained model of some family.</summary>
public interface ITrainedModel : IDisposable
{
    /// <summary>The kind of model.</summary>
    ModelFamilyKind Kind { get; }

    /// <summary>Uncalibrated probabilities of the target, one per input.</summary>
    void Score(IReadOnlyList<ModelInput> inputs, Span<double> probabilities);

    /// <summary>Writes the family's own files (weights) into <paramref name="folder"/>.</summary>
    void Save(string folder);

    /// <summary>Facts for the manifest: hyper-parameters, epochs run, library versions.</summary>
    IReadOnlyDictionary<string, string> Describe();
}

/// <summary>What a family needs to train.</summary>
public sealed class ModelTrainingRequest
{
    /// <summary>The vocabulary (grown from the warm-start model's, when there is one).</summary>
    public required Vocabulary Vocabulary { get; init; }

    /// <summary>Training examples.</summary>
    public required IReadOnlyList<LabeledExample> Train { get; init; }

    /// <summary>Validation examples (early stopping).</summary>
    public required IReadOnlyList<LabeledExample> Validation { get; init; }

    /// <summary>The observation cutoff of the examples (recency features), microseconds since the epoch; null in position mode.</summary>
    public long? CutoffMicros { get; init; }

    /// <summary>Settings.</summary>
    public required ModelSettings Settings { get; init; }

    /// <summary>A model of the same family to start from (retraining), with its vocabulary.</summary>
    public ITrainedModel? WarmStart { get; init; }

    /// <summary>The vocabulary of <see cref="WarmStart"/>: a prefix of <see cref="Vocabulary"/>.</summary>
    public Vocabulary? WarmStartVocabulary { get; init; }

    /// <summary>
    /// The tenant's pretrained encoder, when the task's pretraining is enabled: a family that can (the GRU) starts
    /// from it when it has no <see cref="WarmStart"/>; the others ignore it.
    /// </summary>
    public PretrainedEncoder? Encoder { get; init; }
}
