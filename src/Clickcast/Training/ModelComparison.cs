using Clickcast.Labels;
using Clickcast.Training.Evaluation;

namespace Clickcast.Training;

/// <summary>
/// comparison.json of a challenger's model folder: the champion of the time evaluated on the challenger's own test
/// clients, by the same evaluator and options as the challenger's metrics.json, and the paired difference of their AUCs.
/// Versions trained before it was written, and first models, have none.
/// </summary>
/// <param name="ChampionVersion">The champion the challenger was judged against.</param>
/// <param name="Champion">The champion's metrics and curves on the challenger's test clients.</param>
/// <param name="Difference">Challenger AUC − champion AUC on those clients (paired DeLong).</param>
public sealed record ModelComparison(int ChampionVersion, ModelMetrics Champion, AucDifference Difference)
{
    /// <summary>Layout version of this record.</summary>
    public int Layout { get; init; } = 1;

    /// <summary>
    /// Scores the champion on the same <paramref name="test"/> clients the challenger was scored on
    /// (<paramref name="challengerScores"/>, its calibrated test scores from training: not scored again) and evaluates
    /// the champion there with the options of <paramref name="settings"/> (the challenger's, so both sides are measured alike).
    /// </summary>
    public static ModelComparison OnSameTest(int championVersion, TrainedModelVersion champion, IReadOnlyList<double> challengerScores, IReadOnlyList<LabeledExample> test, long? cutoffMicros, ModelSettings settings)
    {
        ArgumentNullException.ThrowIfNull(challengerScores);
        ArgumentNullException.ThrowIfNull(test);
        ArgumentNullException.ThrowIfNull(settings);
        if (challengerScores.Count != test.Count)
        {
            throw new ArgumentException($"{challengerScores.Count} challenger scores for {test.Count} test clients", nameof(challengerScores));
        }

        var options = ModelTrainer.EvaluationOf(settings);
        var labels = test.Select(e => e.Label).ToArray();
        var championScores = ModelTrainer.Score(champion, test, cutoffMicros);
        return new ModelComparison(
            championVersion,
            ModelEvaluator.Evaluate(championScores, labels, options),
            AucDifference.Compare([.. challengerScores], championScores, labels, options.ConfidenceLevel));
    }
}
