using System.Text.Json;
using Clickcast.Labels;
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
        var train = request.Train.Select(e => (Features(e, vocabulary, request.CutoffMicros, maxLength), e.Label)).ToList();
        var validation = request.Validation.Select(e => (Features(e, vocabulary, request.CutoffMicros, maxLength), e.Label)).ToList();
        var model = LogisticRegressionTrainer.Train(
            train,
            validation,
            vocabulary.Count,
            request.Settings.LogisticRegression,
            static (scores, labels) => BinaryMetrics.RocAuc(scores.ToArray(), labels.ToArray()),
            cancellationToken);
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

    private static BaselineFeatures Features(LabeledExample example, Vocabulary vocabulary, long? cutoff, int maxLength)
    {
        var count = example.UrlArray.Length;
        var from = Math.Max(0, count - maxLength);
        return BaselineFeatures.Of(example.UrlArray[from..], example.TimeArray[from..], vocabulary, cutoff ?? example.TimeArray[^1]);
    }

    private sealed class Trained(LogisticRegressionModel model, Vocabulary vocabulary, int maxLength) : ITrainedModel
    {
        public ModelFamilyKind Kind => ModelFamilyKind.LogisticRegression;

        public void Score(IReadOnlyList<ModelInput> inputs, Span<double> probabilities)
        {
            for (var i = 0; i < inputs.Count; i++)
            {
                var input = inputs[i];
                var count = input.Urls.Count;
                var from = Math.Max(0, count - maxLength);
                var urls = from == 0 ? input.Urls : input.Urls.Skip(from).ToArray();
                var times = from == 0 ? input.TimesMicros : input.TimesMicros.Skip(from).ToArray();
                probabilities[i] = model.Probability(BaselineFeatures.Of(urls, times, vocabulary, input.AsOfMicros));
            }
        }

        public void Save(string folder) =>
            File.WriteAllBytes(Path.Combine(folder, FileName), JsonSerializer.SerializeToUtf8Bytes(model, ClickcastJson.Options));

        public IReadOnlyDictionary<string, string> Describe() => new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["family"] = "logistic regression over a bag of URL tokens + recency/frequency",
            ["denseFeatures"] = string.Join(", ", BaselineFeatures.DenseNames),
        };

        public void Dispose()
        {
        }
    }
}
