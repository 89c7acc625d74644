namespace Clickcast.Training.Evaluation;

/// <summary>Argument checks shared by every public metric entry point.</summary>
internal static class MetricInput
{
    /// <summary>Same length, at least one row, every score finite (and in [0, 1] when it must be a probability).</summary>
    public static void Check(ReadOnlySpan<double> scores, ReadOnlySpan<bool> labels, bool probabilities)
    {
        if (scores.Length != labels.Length)
        {
            throw new ArgumentException(
                $"Got {scores.Length} scores but {labels.Length} labels; they must pair up.", nameof(labels));
        }

        // Named after the public parameter: metrics of ranks take "scores", metrics of calibration "probabilities".
        var name = probabilities ? "probabilities" : nameof(scores);
        if (scores.Length == 0)
        {
            throw new ArgumentException("At least one (score, label) pair is needed.", name);
        }

        for (var i = 0; i < scores.Length; i++)
        {
            var score = scores[i];
            if (!double.IsFinite(score))
            {
                throw new ArgumentOutOfRangeException(name, score, $"Score {i} is not a finite number.");
            }

            if (probabilities && score is < 0 or > 1)
            {
                throw new ArgumentOutOfRangeException(name, score, $"Probability {i} is outside [0, 1].");
            }
        }
    }

    /// <summary>Positives among the labels.</summary>
    public static int CountPositives(ReadOnlySpan<bool> labels)
    {
        var positives = 0;
        foreach (var label in labels)
        {
            if (label)
            {
                positives++;
            }
        }

        return positives;
    }
}
