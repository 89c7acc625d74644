using Clickcast.Training.Evaluation;

namespace Clickcast.Training;

/// <summary>
/// Occlusion explanations that work for any model family: take a token out of a chain, score again, and credit
/// the token with the difference. Globally, the effects are averaged over a sample of clients.
/// </summary>
public static class Explainer
{
    /// <summary>Distinct tokens tried per chain: the most frequent ones, which bounds the cost of long chains.</summary>
    private const int MaxTokensPerClient = 30;

    /// <summary>The tokens that most raise and lower the score across <paramref name="sample"/>.</summary>
    public static ModelExplanation Global(ITrainedModel model, ProbabilityCalibrator calibrator, IReadOnlyList<ModelInput> sample, int top = 15, int minClients = 5)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var sums = new Dictionary<string, (double Sum, int Count)>(StringComparer.Ordinal);
        foreach (var chunk in sample.Chunk(256))
        {
            foreach (var (token, effect) in Effects(model, calibrator, chunk))
            {
                var current = sums.GetValueOrDefault(token);
                sums[token] = (current.Sum + effect, current.Count + 1);
            }
        }

        var influences = sums
            .Where(p => p.Value.Count >= minClients)
            .Select(p => new TokenInfluence(p.Key, p.Value.Sum / p.Value.Count, p.Value.Count))
            .ToList();
        return new ModelExplanation(
            influences.Where(i => i.MeanEffect > 0).OrderByDescending(i => i.MeanEffect).ThenBy(i => i.Token, StringComparer.Ordinal).Take(top).ToList(),
            influences.Where(i => i.MeanEffect < 0).OrderBy(i => i.MeanEffect).ThenBy(i => i.Token, StringComparer.Ordinal).Take(top).ToList(),
            sample.Count);
    }

    /// <summary>The tokens of one client's chain that move its score most, either way.</summary>
    public static IReadOnlyList<TokenInfluence> ForClient(ITrainedModel model, ProbabilityCalibrator calibrator, ModelInput input, int top = 10) =>
        Effects(model, calibrator, [input])
            .Select(e => new TokenInfluence(e.Token, e.Effect, 1))
            .OrderByDescending(i => Math.Abs(i.MeanEffect))
            .ThenBy(i => i.Token, StringComparer.Ordinal)
            .Take(top)
            .ToList();

    private static List<(string Token, double Effect)> Effects(ITrainedModel model, ProbabilityCalibrator calibrator, IReadOnlyList<ModelInput> inputs)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(calibrator);
        var variants = new List<ModelInput>();
        var owners = new List<(int Input, string Token)>();
        for (var i = 0; i < inputs.Count; i++)
        {
            var input = inputs[i];
            var tokens = input.Urls.GroupBy(u => u, StringComparer.Ordinal)
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
                .Take(MaxTokensPerClient).Select(g => g.Key);
            foreach (var token in tokens)
            {
                var keep = Enumerable.Range(0, input.Urls.Count).Where(k => input.Urls[k] != token).ToArray();
                if (keep.Length == 0)
                {
                    continue;
                }

                variants.Add(new ModelInput(keep.Select(k => input.Urls[k]).ToArray(), keep.Select(k => input.TimesMicros[k]).ToArray(), input.AsOfMicros, keep.Select(k => input.EventTypes[k]).ToArray()));
                owners.Add((i, token));
            }
        }

        var full = new double[inputs.Count];
        model.Score(inputs, full);
        var without = new double[variants.Count];
        model.Score(variants, without);
        var effects = new List<(string, double)>(variants.Count);
        for (var v = 0; v < variants.Count; v++)
        {
            var (input, token) = owners[v];
            effects.Add((token, calibrator.Apply(full[input]) - calibrator.Apply(without[v])));
        }

        return effects;
    }
}
