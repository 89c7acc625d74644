using Clickcast.Labels;

namespace Clickcast.Training;

/// <summary>
/// Runs the leakage check: the task's model retrained on <see cref="StatisticsSettings.LeakagePermutations"/>
/// permutations of its labels (seeds 1…k, within each split), each judged on test by <see cref="LeakageVerdict"/>.
/// </summary>
public static class LeakageCheck
{
    /// <summary>Trains each permutation into <paramref name="folder"/>/permutation-i and returns the verdict.</summary>
    public static LeakageVerdict Run(ModelTrainer trainer, LabeledDataset dataset, LabelingOptions labeling, ModelSettings settings, string folder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(trainer);
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(settings);
        var statistics = settings.Statistics;
        var aucs = new List<double>(statistics.LeakagePermutations);
        for (var seed = 1; seed <= statistics.LeakagePermutations; seed++)
        {
            var manifest = trainer.Train(dataset.WithShuffledLabels(seed), labeling, settings, Path.Combine(folder, $"permutation-{seed}"), cancellationToken: cancellationToken);
            aucs.Add(manifest.TestAuc);
        }

        var positives = dataset.Summary.Positives.GetValueOrDefault(DatasetSplit.Test);
        var negatives = dataset.Summary.Examples.GetValueOrDefault(DatasetSplit.Test) - positives;
        return LeakageVerdict.Judge(aucs, checked((int)positives), checked((int)negatives), statistics.LeakageBand);
    }
}
