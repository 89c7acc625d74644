using System.Globalization;
using System.Text;

namespace Clickcast.Training.Baselines;

/// <summary>
/// A LightGBM booster: trained with early stopping on validation AUC, saved and loaded as LightGBM's own text
/// model, scoring a dense row-major matrix. One thread and <c>deterministic=true</c>: same data and seed, same trees.
/// </summary>
internal sealed class LightGbmBooster : IDisposable
{
    private IntPtr _handle;

    private LightGbmBooster(IntPtr handle, int iterations)
    {
        _handle = handle;
        Iterations = iterations;
    }

    /// <summary>Trees kept (the best validation round).</summary>
    public int Iterations { get; }

    /// <summary>Boosts on <paramref name="train"/>, keeping the round with the best AUC on <paramref name="validation"/>.</summary>
    public static LightGbmBooster Train(float[] train, float[] trainLabels, float[] validation, float[] validationLabels, int columns, LightGbmSettings settings, CancellationToken cancellationToken)
    {
        var parameters = Parameters(settings);
        var trainSet = IntPtr.Zero;
        var validationSet = IntPtr.Zero;
        var booster = IntPtr.Zero;
        try
        {
            LightGbmNative.Check(LightGbmNative.LGBM_DatasetCreateFromMat(train, LightGbmNative.Float32, trainLabels.Length, columns, 1, parameters, IntPtr.Zero, out trainSet), "DatasetCreateFromMat");
            LightGbmNative.Check(LightGbmNative.LGBM_DatasetSetField(trainSet, "label", trainLabels, trainLabels.Length, LightGbmNative.Float32), "DatasetSetField");
            LightGbmNative.Check(LightGbmNative.LGBM_BoosterCreate(trainSet, parameters, out booster), "BoosterCreate");
            var hasValidation = validationLabels.Length > 0 && validationLabels.Distinct().Count() == 2;
            if (hasValidation)
            {
                LightGbmNative.Check(LightGbmNative.LGBM_DatasetCreateFromMat(validation, LightGbmNative.Float32, validationLabels.Length, columns, 1, parameters, trainSet, out validationSet), "DatasetCreateFromMat");
                LightGbmNative.Check(LightGbmNative.LGBM_DatasetSetField(validationSet, "label", validationLabels, validationLabels.Length, LightGbmNative.Float32), "DatasetSetField");
                LightGbmNative.Check(LightGbmNative.LGBM_BoosterAddValidData(booster, validationSet), "BoosterAddValidData");
            }

            var best = double.NegativeInfinity;
            var bestRound = 0;
            var eval = new double[8];
            for (var round = 1; round <= settings.Rounds; round++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                LightGbmNative.Check(LightGbmNative.LGBM_BoosterUpdateOneIter(booster, out var finished), "BoosterUpdateOneIter");
                if (!hasValidation)
                {
                    bestRound = round;
                }
                else
                {
                    LightGbmNative.Check(LightGbmNative.LGBM_BoosterGetEval(booster, 1, out _, eval), "BoosterGetEval");
                    if (eval[0] > best + 1e-9)
                    {
                        (best, bestRound) = (eval[0], round);
                    }
                    else if (round - bestRound >= settings.EarlyStoppingRounds)
                    {
                        break;
                    }
                }

                if (finished != 0)
                {
                    break; // no split gains anything any more
                }
            }

            return Load(ModelText(booster, Math.Max(1, bestRound)));
        }
        finally
        {
            Free(booster, validationSet, trainSet);
        }
    }

    /// <summary>A booster from LightGBM's text model.</summary>
    public static LightGbmBooster Load(string model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var bytes = Encoding.UTF8.GetBytes(model + "\0");
        LightGbmNative.Check(LightGbmNative.LGBM_BoosterLoadModelFromString(bytes, out var iterations, out var handle), "BoosterLoadModelFromString");
        return new LightGbmBooster(handle, iterations);
    }

    /// <summary>LightGBM's text model of every kept tree.</summary>
    public string Save() => ModelText(Handle, -1);

    /// <summary>Probabilities of the rows of a dense row-major matrix.</summary>
    public void Predict(float[] rows, int columns, Span<double> probabilities)
    {
        var count = probabilities.Length;
        if (count == 0)
        {
            return;
        }

        var results = new double[count];
        LightGbmNative.Check(LightGbmNative.LGBM_BoosterPredictForMat(Handle, rows, LightGbmNative.Float32, count, columns, 1, LightGbmNative.PredictNormal, 0, -1, "num_threads=1", out _, results), "BoosterPredictForMat");
        results.CopyTo(probabilities);
    }

    public void Dispose()
    {
        if (_handle != IntPtr.Zero)
        {
            _ = LightGbmNative.LGBM_BoosterFree(_handle);
            _handle = IntPtr.Zero;
        }
    }

    private IntPtr Handle => _handle != IntPtr.Zero ? _handle : throw new ObjectDisposedException(nameof(LightGbmBooster));

    private static string Parameters(LightGbmSettings s) => string.Create(
        CultureInfo.InvariantCulture,
        $"objective=binary metric=auc num_threads=1 deterministic=true force_row_wise=true seed={s.Seed} num_leaves={s.Leaves} learning_rate={s.LearningRate:R} min_data_in_leaf={s.MinDataInLeaf} is_unbalance=false verbosity=-1");

    private static string ModelText(IntPtr booster, int iterations)
    {
        LightGbmNative.Check(LightGbmNative.LGBM_BoosterSaveModelToString(booster, 0, iterations, 0, 0, out var length, []), "BoosterSaveModelToString");
        var buffer = new byte[length];
        LightGbmNative.Check(LightGbmNative.LGBM_BoosterSaveModelToString(booster, 0, iterations, 0, length, out _, buffer), "BoosterSaveModelToString");
        return Encoding.UTF8.GetString(buffer, 0, (int)Math.Max(0, length - 1));
    }

    private static void Free(IntPtr booster, IntPtr validation, IntPtr train)
    {
        if (booster != IntPtr.Zero)
        {
            _ = LightGbmNative.LGBM_BoosterFree(booster);
        }

        foreach (var set in new[] { validation, train })
        {
            if (set != IntPtr.Zero)
            {
                _ = LightGbmNative.LGBM_DatasetFree(set);
            }
        }
    }
}
