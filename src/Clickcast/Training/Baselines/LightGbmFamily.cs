using System.Text.Json;
using Clickcast.Labels;
using Clickcast.Storage;

namespace Clickcast.Training.Baselines;

/// <summary>Gradient-boosted trees (LightGBM, through its C API) on the baseline aggregates plus the top URL tokens.</summary>
public sealed class LightGbmFamily : IModelFamily
{
    private const string ModelFile = "lightgbm-model.txt";
    private const string LayoutFile = "lightgbm-layout.json";

    /// <inheritdoc />
    public ModelFamilyKind Kind => ModelFamilyKind.LightGbm;

    /// <inheritdoc />
    public ITrainedModel Train(ModelTrainingRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var settings = request.Settings;
        var maxLength = settings.MaxSequenceLength;
        var layout = new LightGbmLayout
        {
            Aggregates = BaselineWindow.LayoutOf(request.Train, maxLength, pairBuckets: 0),
            TopTokens = TopTokens(request.Train, request.Vocabulary, maxLength, settings.LightGbm.TopTokens),
        };
        var train = layout.Rows(Inputs(request.Train, request.CutoffMicros), request.Vocabulary, maxLength);
        var validation = layout.Rows(Inputs(request.Validation, request.CutoffMicros), request.Vocabulary, maxLength);
        var booster = LightGbmBooster.Train(train, Labels(request.Train), validation, Labels(request.Validation), layout.Columns, settings.LightGbm, cancellationToken);
        return new Trained(booster, layout, request.Vocabulary, maxLength, settings.LightGbm);
    }

    /// <inheritdoc />
    public ITrainedModel Load(string folder, Vocabulary vocabulary, ModelSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var layoutPath = Path.Combine(folder, LayoutFile);
        var layout = JsonSerializer.Deserialize<LightGbmLayout>(File.ReadAllBytes(layoutPath), ClickcastJson.Options)
            ?? throw new InvalidDataException($"{layoutPath}: empty layout file");
        var booster = LightGbmBooster.Load(File.ReadAllText(Path.Combine(folder, ModelFile)));
        return new Trained(booster, layout, vocabulary, settings.MaxSequenceLength, settings.LightGbm);
    }

    private static ExampleInputs Inputs(IReadOnlyList<LabeledExample> examples, long? cutoff) => new(examples, cutoff);

    private static float[] Labels(IReadOnlyList<LabeledExample> examples) => examples.Select(e => e.Label ? 1f : 0f).ToArray();

    /// <summary>The known tokens in the most training chains (ties by token), at most <paramref name="count"/>.</summary>
    private static string[] TopTokens(IReadOnlyList<LabeledExample> train, Vocabulary vocabulary, int maxLength, int count)
    {
        var chains = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var example in train)
        {
            var chain = example.Chain;
            var start = Math.Max(0, chain.Length - maxLength);
            foreach (var url in Enumerable.Range(start, chain.Length - start).Select(chain.UrlAt).Distinct(StringComparer.Ordinal))
            {
                if (vocabulary.IdOf(url) != Vocabulary.UnknownId)
                {
                    chains[url] = chains.GetValueOrDefault(url) + 1;
                }
            }
        }

        return chains.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Take(count).Select(kv => kv.Key).ToArray();
    }

    private sealed class Trained(LightGbmBooster booster, LightGbmLayout layout, Vocabulary vocabulary, int maxLength, LightGbmSettings settings) : ITrainedModel
    {
        public ModelFamilyKind Kind => ModelFamilyKind.LightGbm;

        public void Score(IReadOnlyList<ModelInput> inputs, Span<double> probabilities)
        {
            // In chunks: the dense matrix of a whole test split would be rows × columns floats at once.
            const int Chunk = 4096;
            for (var from = 0; from < inputs.Count; from += Chunk)
            {
                var count = Math.Min(Chunk, inputs.Count - from);
                var chunk = from == 0 && count == inputs.Count ? inputs : inputs.Skip(from).Take(count).ToList();
                booster.Predict(layout.Rows(chunk, vocabulary, maxLength), layout.Columns, probabilities.Slice(from, count));
            }
        }

        public void Save(string folder)
        {
            File.WriteAllText(Path.Combine(folder, ModelFile), booster.Save());
            File.WriteAllBytes(Path.Combine(folder, LayoutFile), JsonSerializer.SerializeToUtf8Bytes(layout, ClickcastJson.Options));
        }

        public IReadOnlyDictionary<string, string> Describe() => new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["family"] = "LightGBM gradient-boosted trees over per-event-type aggregates, recency/frequency and the top URL tokens",
            ["trees"] = booster.Iterations.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["leaves"] = settings.Leaves.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["learningRate"] = settings.LearningRate.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
            ["lightgbm"] = "4.7.0",
            ["columns"] = string.Join(", ", layout.Names),
        };

        public void Dispose() => booster.Dispose();
    }
}
