namespace Clickcast.Training;

/// <summary>
/// k-fold cross-validation over train + validation, clients assigned to folds by hash: the family choice on data
/// where the validation split alone has too few positives. Fold f is scored by a model trained on the other folds
/// with fold f + 1 (mod k) as its early-stopping split, so no client is scored by a model that saw its label.
/// </summary>
public static class CrossValidation
{
    /// <summary>The fold of a client: its hash mixed (so folds do not follow the split's hash ranges), modulo k.</summary>
    public static int FoldOf(ulong clientHash, int folds)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(folds, 2);
        return (int)(((clientHash * 0x9E3779B97F4A7C15UL) >> 17) % (ulong)folds);
    }

    /// <summary>Each family's out-of-fold raw scores for <paramref name="examples"/>, in their order.</summary>
    public static IReadOnlyList<FamilyScores> OutOfFold(
        IReadOnlyList<IModelFamily> families, IReadOnlyList<Labels.LabeledExample> examples, int folds, Func<List<Labels.LabeledExample>, List<Labels.LabeledExample>, ModelTrainingRequest> request, long? cutoffMicros, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(families);
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentNullException.ThrowIfNull(request);
        var fold = examples.Select(e => FoldOf(e.ClientHash, folds)).ToArray();
        var result = new List<FamilyScores>(families.Count);
        foreach (var family in families)
        {
            var scores = new double[examples.Count];
            for (var f = 0; f < folds; f++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var stop = (f + 1) % folds;
                var held = Enumerable.Range(0, examples.Count).Where(i => fold[i] == f).ToList();
                if (held.Count == 0)
                {
                    continue;
                }

                var train = examples.Where((_, i) => fold[i] != f && fold[i] != stop).ToList();
                var validation = examples.Where((_, i) => fold[i] == stop).ToList();
                using var model = family.Train(request(train, validation), cancellationToken);
                var heldScores = new double[held.Count];
                model.Score(new ExampleInputs(held.Select(i => examples[i]).ToList(), cutoffMicros), heldScores);
                for (var k = 0; k < held.Count; k++)
                {
                    scores[held[k]] = heldScores[k];
                }
            }

            result.Add(new FamilyScores(family.Kind, scores));
        }

        return result;
    }
}
