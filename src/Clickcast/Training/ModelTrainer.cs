using System.Diagnostics;
using Clickcast.Labels;
using Clickcast.Training.Evaluation;
using Microsoft.Extensions.Logging;

namespace Clickcast.Training;

/// <summary>
/// Trains a task's model from a labelled dataset: vocabulary from the training split, every configured family
/// trained, calibrated on validation and judged on test, the best kept with its explanation in a model folder.
/// </summary>
public sealed partial class ModelTrainer
{
    private readonly IReadOnlyList<IModelFamily> _families;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public ModelTrainer(IEnumerable<IModelFamily> families, TimeProvider timeProvider, ILogger<ModelTrainer> logger)
    {
        ArgumentNullException.ThrowIfNull(families);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _families = families.ToList();
        _time = timeProvider;
        _logger = logger;
    }

    /// <summary>Families this process can train.</summary>
    public IReadOnlyList<ModelFamilyKind> Available => _families.Select(f => f.Kind).ToList();

    /// <summary>
    /// Trains and writes a model folder at <paramref name="folder"/> (created, must not exist yet).
    /// </summary>
    /// <param name="dataset">Labelled examples (checked for sufficiency first).</param>
    /// <param name="labeling">The labelling options (sufficiency thresholds).</param>
    /// <param name="settings">Model settings.</param>
    /// <param name="folder">Where the model folder goes.</param>
    /// <param name="warmStart">The current champion, to start from when retraining (same family only).</param>
    /// <param name="encoder">The tenant's pretrained encoder, for a family without a warm start (pretraining enabled).</param>
    /// <param name="cancellationToken">Cancels training.</param>
    /// <exception cref="TrainingException">Not enough data, or the requested family is not available.</exception>
    public ModelManifest Train(LabeledDataset dataset, LabelingOptions labeling, ModelSettings settings, string folder, TrainedModelVersion? warmStart = null, PretrainedEncoder? encoder = null, CancellationToken cancellationToken = default) =>
        TrainScored(dataset, labeling, settings, folder, warmStart, encoder, cancellationToken).Manifest;

    /// <summary>
    /// <see cref="Train"/>, also returning the kept model's calibrated scores on the test clients (a retrain compares
    /// them with the champion's on the same clients).
    /// </summary>
    public ModelTrainingResult TrainScored(LabeledDataset dataset, LabelingOptions labeling, ModelSettings settings, string folder, TrainedModelVersion? warmStart = null, PretrainedEncoder? encoder = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(labeling);
        ArgumentNullException.ThrowIfNull(settings);
        if (dataset.CheckSufficiency(labeling) is { } problem)
        {
            throw new TrainingException(problem);
        }

        var started = Stopwatch.GetTimestamp();
        var train = dataset.In(DatasetSplit.Train).ToList();
        var validation = dataset.In(DatasetSplit.Validation).ToList();
        var test = dataset.In(DatasetSplit.Test).ToList();
        var cutoff = dataset.Summary.Cutoff is { } c ? c.ToUnixTimeMilliseconds() * 1000 : (long?)null;
        var vocabulary = BuildVocabulary(train, settings, warmStart?.Vocabulary);
        var families = Choose(settings.Family);

        var candidates = new List<(IModelFamily Family, ITrainedModel Model, ModelCalibration Calibration, CandidateResult Result, Judgement Judgement)>();
        try
        {
            foreach (var family in families)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var familyStarted = Stopwatch.GetTimestamp();
                Log.TrainingFamily(_logger, family.Kind, train.Count, validation.Count, vocabulary.Count);
                var model = family.Train(
                    new ModelTrainingRequest
                    {
                        Vocabulary = vocabulary,
                        Train = train,
                        Validation = validation,
                        CutoffMicros = cutoff,
                        Settings = settings,
                        WarmStart = warmStart?.Manifest.Family == family.Kind ? warmStart.Model : null,
                        WarmStartVocabulary = warmStart?.Manifest.Family == family.Kind ? warmStart.Vocabulary : null,
                        Encoder = encoder,
                    },
                    cancellationToken);
                var judgement = Judge(model, validation, test, cutoff, settings);
                var (calibration, validationMetrics, testMetrics) = (judgement.Calibration, judgement.Validation, judgement.Test);
                var elapsed = Stopwatch.GetElapsedTime(familyStarted);
                Log.FamilyTrained(_logger, family.Kind, validationMetrics.RocAuc, testMetrics.RocAuc, elapsed);
                candidates.Add((family, model, calibration, new CandidateResult(family.Kind, validationMetrics, testMetrics, elapsed), judgement));
            }

            // Best of: validation (or cross-validation on few positives) decides, so the test split stays an honest estimate.
            var selection = Select(candidates.Select(c => (c.Family, c.Judgement.ValidationRaw)).ToList(), train, validation, vocabulary, cutoff, settings, cancellationToken);
            var best = candidates.First(x => x.Family.Kind == selection.Chosen);
            // The test split never changes the choice; it only says whether the choice held up (a card warning if not).
            var onTest = FamilySelectionRule.CheckOnTest(best.Family.Kind, candidates.Select(c => new FamilyScores(c.Family.Kind, c.Judgement.TestCalibrated)).ToList(), test.Select(e => e.Label).ToList(), settings.Statistics.SelectionZ);
            IReadOnlyList<ModelWarning> warnings = onTest.Warning() is { } notHeld ? [.. best.Judgement.Warnings, notHeld] : best.Judgement.Warnings;
            var explanation = settings.ExplainSample == 0
                ? new ModelExplanation([], [], 0)
                : Explainer.Global(best.Model, best.Calibration.Calibrator, test.Take(settings.ExplainSample).Select(e => InputOf(e, cutoff)).ToList(), minClients: Math.Max(10, Math.Min(test.Count, settings.ExplainSample) / 50));

            Directory.CreateDirectory(folder);
            best.Model.Save(folder);
            ModelFiles.WriteVocabulary(folder, vocabulary);
            ModelFiles.Write(folder, ModelFiles.Calibration, best.Calibration);
            ModelFiles.Write(folder, ModelFiles.Metrics, new ModelEvaluation(best.Family.Kind, best.Result.Test, best.Result.Validation, candidates.Select(x => x.Result).ToList(), selection, warnings, onTest));
            ModelFiles.Write(folder, ModelFiles.Explanation, explanation);
            var manifest = new ModelManifest
            {
                Family = best.Family.Kind,
                CreatedAt = _time.GetUtcNow(),
                TrainingTime = Stopwatch.GetElapsedTime(started),
                Data = dataset.Summary,
                Settings = settings,
                VocabularySize = vocabulary.Count,
                VocabularyHash = vocabulary.Hash(),
                WarmStartedFrom = warmStart?.Manifest.Family == best.Family.Kind ? warmStart.Folder : null,
                ValidationAuc = best.Result.Validation.RocAuc,
                TestAuc = best.Result.Test.RocAuc,
                Details = WithVersions(best.Model.Describe()),
                Warnings = warnings,
            };
            ModelFiles.Write(folder, ModelFiles.Manifest, manifest);
            Log.ModelSaved(_logger, best.Family.Kind, folder);
            return new ModelTrainingResult(manifest, best.Judgement.TestCalibrated);
        }
        finally
        {
            foreach (var candidate in candidates)
            {
                candidate.Model.Dispose();
            }
        }
    }

    /// <summary>
    /// Scores a set of examples with a model and calibration: the same test clients can be scored by a
    /// champion and a challenger and compared (the registry's promotion rule).
    /// </summary>
    public static double[] Score(TrainedModelVersion model, IReadOnlyList<LabeledExample> examples, long? cutoffMicros)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(examples);
        var probabilities = new double[examples.Count];
        model.Score(new ExampleInputs(examples, cutoffMicros), probabilities);
        return probabilities;
    }

    /// <summary>The model input of a labelled example: recency is measured to the cutoff (or the last observed event).</summary>
    public static ModelInput InputOf(LabeledExample example, long? cutoffMicros)
    {
        ArgumentNullException.ThrowIfNull(example);
        return new ModelInput(example.Urls, example.TimesMicros, cutoffMicros ?? example.Chain.LastTime, example.EventTypes);
    }

    /// <summary>The family's facts plus the versions of what made the model, for the manifest.</summary>
    private static Dictionary<string, string> WithVersions(IReadOnlyDictionary<string, string> details)
    {
        var result = new Dictionary<string, string>(details, StringComparer.Ordinal)
        {
            ["clickcast"] = typeof(ModelTrainer).Assembly.GetName().Version?.ToString() ?? "unknown",
            ["dotnet"] = Environment.Version.ToString(),
            ["os"] = System.Runtime.InteropServices.RuntimeInformation.OSDescription,
        };
        return result;
    }

    private static Vocabulary BuildVocabulary(List<LabeledExample> train, ModelSettings settings, Vocabulary? previous)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var example in train)
        {
            var chain = example.Chain;
            for (var i = Math.Max(0, chain.Length - settings.MaxSequenceLength); i < chain.Length; i++)
            {
                var url = chain.UrlAt(i);
                counts[url] = counts.GetValueOrDefault(url) + 1;
            }
        }

        return previous is null
            ? Vocabulary.Build(counts, settings.VocabularyMinCount, settings.VocabularyMaxSize)
            : previous.Grow(counts, settings.VocabularyMinCount, settings.VocabularyMaxSize);
    }

    private List<IModelFamily> Choose(ModelFamilyChoice choice)
    {
        if (choice == ModelFamilyChoice.BestOf)
        {
            return _families.ToList();
        }

        var kind = choice switch
        {
            ModelFamilyChoice.Gru => ModelFamilyKind.Gru,
            ModelFamilyChoice.LightGbm => ModelFamilyKind.LightGbm,
            _ => ModelFamilyKind.LogisticRegression,
        };
        var family = _families.FirstOrDefault(f => f.Kind == kind)
            ?? throw new TrainingException($"The task asks for a {kind} model, but this process cannot train one (available: {string.Join(", ", _families.Select(f => f.Kind))}).");
        return [family];
    }
}
