namespace Clickcast.Labels;

/// <summary>Labelled examples of a task with their summary.</summary>
/// <param name="Examples">All examples; each knows its split.</param>
/// <param name="Summary">Windows and counts.</param>
public sealed record LabeledDataset(IReadOnlyList<LabeledExample> Examples, DatasetSummary Summary)
{
    /// <summary>Examples of one split.</summary>
    public IEnumerable<LabeledExample> In(DatasetSplit split) => Examples.Where(e => e.Split == split);

    /// <summary>
    /// The same examples with their labels randomly permuted (within each split): the leakage check. A pipeline
    /// that leaks nothing can learn nothing from permuted labels, so its test AUC must be 0.5 up to noise.
    /// </summary>
    public LabeledDataset WithShuffledLabels(int seed)
    {
        var random = new Random(seed);
        var shuffled = new List<LabeledExample>(Examples.Count);
        foreach (var group in Examples.GroupBy(e => e.Split))
        {
            var members = group.ToList();
            var labels = members.Select(e => e.Label).ToArray();
            random.Shuffle(labels);
            shuffled.AddRange(members.Select((e, i) => new LabeledExample(e.ClientId, e.ClientHash, e.Split, labels[i], e.Chain)));
        }

        return this with { Examples = shuffled };
    }

    /// <summary>
    /// Checks there is enough data to train something useful; returns null when there is, else a message that says
    /// what is missing and by how much.
    /// </summary>
    public string? CheckSufficiency(LabelingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        var positives = Summary.TotalPositives;
        var negatives = Summary.TotalExamples - positives;
        if (positives < options.MinPositives)
        {
            problems.Add($"{positives} positive example(s), {options.MinPositives} needed");
        }

        if (negatives < options.MinNegatives)
        {
            problems.Add($"{negatives} negative example(s), {options.MinNegatives} needed");
        }

        foreach (var split in new[] { DatasetSplit.Validation, DatasetSplit.Test })
        {
            var count = Summary.Positives.GetValueOrDefault(split);
            if (count < options.MinPositivesPerEvaluationSplit)
            {
                problems.Add($"{count} positive(s) in the {split.ToString().ToLowerInvariant()} split, {options.MinPositivesPerEvaluationSplit} needed");
            }
        }

        if (problems.Count == 0)
        {
            return null;
        }

        var windows = Summary.Mode == LabelingMode.Time
            ? $"cutoff {Summary.Cutoff:yyyy-MM-dd HH:mm} UTC, horizon {Summary.Horizon}"
            : $"first {Summary.ObservedEvents} event(s) observed";
        return $"Not enough data to train for target {Summary.Target} ({windows}; {Summary.TotalExamples} eligible client(s) of {Summary.ClientsSeen}): "
            + string.Join("; ", problems)
            + ". Wait for more data, widen the horizon, or relax the target.";
    }
}
