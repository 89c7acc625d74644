using Clickcast.Labels;
using Clickcast.Training.Evaluation;

namespace Clickcast.Training;

/// <summary>What a model version is and how it was made: written once into its folder, never changed.</summary>
public sealed record ModelManifest
{
    /// <summary>Layout version of the model folder.</summary>
    public int Layout { get; init; } = 1;

    /// <summary>The family of the model in this folder.</summary>
    public ModelFamilyKind Family { get; init; }

    /// <summary>When training finished.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>How long training took (all candidates).</summary>
    public TimeSpan TrainingTime { get; init; }

    /// <summary>The data the model was trained on: windows, target, class counts.</summary>
    public required DatasetSummary Data { get; init; }

    /// <summary>The settings used.</summary>
    public required ModelSettings Settings { get; init; }

    /// <summary>Ids in the vocabulary.</summary>
    public int VocabularySize { get; init; }

    /// <summary>SHA-256 of the vocabulary's token list.</summary>
    public string VocabularyHash { get; init; } = string.Empty;

    /// <summary>The model this one was warm-started from, when it was.</summary>
    public string? WarmStartedFrom { get; init; }

    /// <summary>AUC on the validation split (calibrated).</summary>
    public double ValidationAuc { get; init; }

    /// <summary>AUC on the test split (calibrated).</summary>
    public double TestAuc { get; init; }

    /// <summary>Family facts: hyper-parameters, epochs run, library versions.</summary>
    public IReadOnlyDictionary<string, string> Details { get; init; } = new Dictionary<string, string>();

    /// <summary>What the model card warns about: refused calibration, a threshold flagging most clients, too few positives, suspected leakage.</summary>
    public IReadOnlyList<ModelWarning> Warnings { get; init; } = [];
}
