using System.Text.Json;
using Clickcast.Storage;
using Clickcast.Training.Evaluation;

namespace Clickcast.Training.Baselines;

/// <summary>The logistic-regression baseline as a model family.</summary>
public sealed class LogisticRegressionFamily : IModelFamily
{
    private const string FileName = "logistic-regression.json";

    /// <inheritdoc />
    public ModelFamilyKind Kind => ModelFamilyKind.LogisticRegression;

    /// <inheritdoc />
    public ITrainedModel Train(ModelTrainingRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var vocabulary = request.Vocabulary;
        var maxLength = request.Settings.MaxSequenceLength;
        var layout = BaselineWindow.LayoutOf(request.Train, maxLength);
        var buffer = new BaselineFeatureBuffer(vocabulary, layout, maxLength);
        var train = FeatureRows.Of(request.Train, buffer, request.CutoffMicros);
        var validation = FeatureRows.Of(request.Validation, buffer, request.CutoffMicros);
        var model = LogisticRegressionTrainer.Train(
            train,
            validation,
            vocabulary.Count + layout.PairBuckets,
            request.Settings.LogisticRegression,
            BinaryMetrics.RocAuc,
            cancellationToken) with { Layout = layout };
        return new Trained(model, vocabulary, maxLength);
    }

    /// <inheritdoc />
    public ITrainedModel Load(string folder, Vocabulary vocabulary, ModelSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var path = Path.Combine(folder, FileName);
        var model = JsonSerializer.Deserialize<LogisticRegressionModel>(File.ReadAllBytes(path), ClickcastJson.Options)
            ?? throw new InvalidDataException($"{path}: empty model file");
        return new Trained(model, vocabulary, settings.MaxSequenceLength);
    }

    private sealed class Trained(LogisticRegressionModel model, Vocabulary vocabulary, int maxLength) : ITrainedModel
    {
        public ModelFamilyKind Kind => ModelFamilyKind.LogisticRegression;

        public void Score(IReadOnlyList<ModelInput> inputs, Span<double> probabilities)
        {
            var buffer = new BaselineFeatureBuffer(vocabulary, model.Layout, maxLength);
            for (var i = 0; i < inputs.Count; i++)
            {
                buffer.Compute(inputs[i]);
                probabilities[i] = model.Probability(buffer);
            }
        }

        public void Save(string folder) =>
            File.WriteAllBytes(Path.Combine(folder, FileName), JsonSerializer.SerializeToUtf8Bytes(model, ClickcastJson.Options));

        public IReadOnlyDictionary<string, string> Describe() => new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["family"] = model.Layout is null
                ? "logistic regression over a bag of URL tokens + recency/frequency"
                : "logistic regression over a bag of URL tokens, hashed token × event type pairs, recency/frequency and per-event-type aggregates",
            ["denseFeatures"] = string.Join(", ", model.Layout is null ? BaselineFeatures.DenseNames : [.. BaselineFeatures.DenseNames, .. model.Layout.Names]),
        };

        public void Dispose()
        {
        }
    }
}
