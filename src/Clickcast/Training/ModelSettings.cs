using System.ComponentModel.DataAnnotations;
using Clickcast.Training.Baselines;
using Clickcast.Training.Evaluation;

namespace Clickcast.Training;

/// <summary>How a task's model is trained, calibrated and judged.</summary>
public sealed class ModelSettings
{
    /// <summary>The family, or the best of all on validation AUC.</summary>
    public ModelFamilyChoice Family { get; set; } = ModelFamilyChoice.BestOf;

    /// <summary>Tokens seen fewer times in training share the unknown id.</summary>
    [Range(1, 1_000_000)]
    public int VocabularyMinCount { get; set; } = 3;

    /// <summary>Most ids in the vocabulary, the two reserved ones included.</summary>
    [Range(3, 10_000_000)]
    public int VocabularyMaxSize { get; set; } = 20_000;

    /// <summary>Latest events per client the models see.</summary>
    [Range(1, 100_000)]
    public int MaxSequenceLength { get; set; } = 200;

    /// <summary>How scores become probabilities, fitted on the validation split.</summary>
    public CalibratorKind Calibration { get; set; } = CalibratorKind.Platt;

    /// <summary>How the decision threshold is chosen (on calibrated validation probabilities).</summary>
    public ThresholdRule Threshold { get; set; } = ThresholdRule.MaxF1;

    /// <summary>
    /// Most clients training reads: beyond, the same number from every client-hash shard, the first in hash order
    /// (a deterministic random sample: the same clients every time; see <see cref="Labels.TrainingSample"/>).
    /// </summary>
    [Range(1_000, 100_000_000)]
    public int MaxTrainingClients { get; set; } = 2_000_000;

    /// <summary>
    /// Most MiB what training holds per sampled client may take (0: no budget, only <see cref="MaxTrainingClients"/>):
    /// the chains, the judging and the largest family's features (<see cref="Memory.TrainingFootprint.Of(ModelSettings)"/>). When the
    /// sequences' clients at their mean stored length would exceed it, fewer clients are read, the same way
    /// (<see cref="Memory.TrainingFootprint.SampleSize"/>); the process holds a constant beside it (docs/architecture.md).
    /// </summary>
    [Range(0, 1_048_576)]
    public int TrainingMemoryMiB { get; set; } = 1_024;

    /// <summary>Test clients sampled to explain which URL tokens move the score.</summary>
    [Range(0, 1_000_000)]
    public int ExplainSample { get; set; } = 1_000;

    /// <summary>GRU settings.</summary>
    public GruSettings Gru { get; set; } = new();

    /// <summary>Contrastive pretraining of the tenant's encoder and warm start of the GRU from it.</summary>
    public PretrainingSettings Pretraining { get; set; } = new();

    /// <summary>Baseline settings.</summary>
    public LogisticRegressionSettings LogisticRegression { get; set; } = new();

    /// <summary>Family choice, intervals, warnings and the leakage check on small data.</summary>
    public StatisticsSettings Statistics { get; set; } = new();
    /// <summary>LightGBM settings.</summary>
    public LightGbmSettings LightGbm { get; set; } = new();
}
