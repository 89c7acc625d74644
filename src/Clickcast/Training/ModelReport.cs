using System.Globalization;
using System.Text;
using Clickcast.Labels;
using Clickcast.Training.Evaluation;

namespace Clickcast.Training;

/// <summary>A model card in Markdown, from a model folder: what was predicted, on which data, how well, and why.</summary>
public static class ModelReport
{
    /// <summary>Renders the card of the model in <paramref name="folder"/>.</summary>
    public static string Render(string folder, string? title = null)
    {
        var manifest = ModelFiles.Read<ModelManifest>(folder, ModelFiles.Manifest);
        var evaluation = ModelFiles.Read<ModelEvaluation>(folder, ModelFiles.Metrics);
        var calibration = ModelFiles.Read<ModelCalibration>(folder, ModelFiles.Calibration);
        var explanation = ModelFiles.Read<ModelExplanation>(folder, ModelFiles.Explanation);
        return Render(manifest, evaluation, calibration, explanation, title);
    }

    /// <summary>Renders a model card.</summary>
    public static string Render(ModelManifest manifest, ModelEvaluation evaluation, ModelCalibration calibration, ModelExplanation explanation, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(evaluation);
        ArgumentNullException.ThrowIfNull(calibration);
        ArgumentNullException.ThrowIfNull(explanation);
        var text = new StringBuilder();
        var data = manifest.Data;
        var test = evaluation.Test;
        text.AppendLine(CultureInfo.InvariantCulture, $"# {title ?? "Model card"}");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"**Predicts:** {data.Target}, {Window(data)}.");
        text.AppendLine(CultureInfo.InvariantCulture, $"**Model:** {manifest.Family} (chosen of {string.Join(", ", evaluation.Candidates.Select(c => c.Family))} by {(evaluation.Selection is null ? "validation AUC" : "the family selection rule, below")}), vocabulary of {manifest.VocabularySize:N0} URL tokens, trained in {manifest.TrainingTime.TotalSeconds:0.0} s{(manifest.WarmStartedFrom is null ? string.Empty : ", warm-started from the previous champion")}{(manifest.Details.TryGetValue(PretrainedEncoder.DetailsKey, out var encoder) ? $", initialised from the pretrained encoder {encoder}" : string.Empty)}.");
        text.AppendLine(CultureInfo.InvariantCulture, $"**Quality:** {test.Quality.Description} — tier *{test.Quality.Tier}*{(test.Quality.LeakageSuspected ? " (suspiciously high: check for leakage)" : string.Empty)}; test AUC interval by {test.RocAucInterval?.Method.ToString() ?? "none"}.");
        if (evaluation.Selection is { } selection)
        {
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"**Family selection:** {selection.Reason}");
        }

        if (evaluation.SelectionOnTest is { Others.Count: > 0 } onTest)
        {
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"**The choice on test:** {SelectionOnTestText(onTest)}");
        }

        ModelCardWarnings.Append(text, evaluation.Warnings ?? manifest.Warnings);
        text.AppendLine();
        text.AppendLine("## Data");
        text.AppendLine();
        text.AppendLine("| split | clients | positives | positive rate |");
        text.AppendLine("|---|---:|---:|---:|");
        foreach (var split in new[] { DatasetSplit.Train, DatasetSplit.Validation, DatasetSplit.Test })
        {
            var n = data.Examples.GetValueOrDefault(split);
            var p = data.Positives.GetValueOrDefault(split);
            text.AppendLine(CultureInfo.InvariantCulture, $"| {split} | {n:N0} | {p:N0} | {(n == 0 ? 0 : 100.0 * p / n):0.0} % |");
        }

        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"{data.ClientsSeen:N0} clients read; {data.NoHistory:N0} without history before the cutoff and {data.PriorConverters:N0} who had already converted were left out.");
        text.AppendLine();
        text.AppendLine("## Test metrics, side by side (calibrated probabilities)");
        text.AppendLine();
        text.AppendLine("| model | AUC-ROC (95 % CI) | PR-AUC | lift@10 % | gains@10 % | log loss | Brier | ECE |");
        text.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|");
        foreach (var candidate in evaluation.Candidates)
        {
            var m = candidate.Test;
            var lifts = m.Lift.Where(l => Math.Abs(l.Percent - 10) < 1e-9).ToList();
            var lift = lifts.Count > 0 ? lifts[0] : (LiftPoint?)null;
            var chosen = candidate.Family == evaluation.Chosen ? " (chosen)" : string.Empty;
            text.AppendLine(CultureInfo.InvariantCulture, $"| {candidate.Family}{chosen} | {m.RocAuc:0.000}{Interval(m)} | {m.AveragePrecision:0.000} | {lift?.Lift:0.00} | {lift?.Gains * 100:0.0} % | {m.LogLoss:0.000} | {m.BrierScore:0.000} | {m.ExpectedCalibrationError:0.000} |");
        }

        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Base rate {test.PositiveRate * 100:0.0} %; a random ranking has lift 1.00 and PR-AUC equal to the base rate.");
        text.AppendLine();
        text.AppendLine("## Decision threshold");
        text.AppendLine();
        var threshold = calibration.Threshold;
        text.AppendLine(CultureInfo.InvariantCulture, $"Rule {calibration.Rule.Kind}: probability ≥ {threshold.Threshold:0.0000} flags a client (on validation: precision {threshold.Precision:0.000}, recall {threshold.Recall:0.000}, F1 {threshold.F1:0.000}, {threshold.FlaggedRate * 100:0.0} % flagged). Calibration: {calibration.Calibrator.Kind}.");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"## What moves the score (occlusion on {explanation.SampledClients:N0} test clients)");
        text.AppendLine();
        text.AppendLine("| raises the score | mean effect | clients | lowers the score | mean effect | clients |");
        text.AppendLine("|---|---:|---:|---|---:|---:|");
        var rows = Math.Max(explanation.Raising.Count, explanation.Lowering.Count);
        for (var i = 0; i < Math.Min(rows, 10); i++)
        {
            var up = i < explanation.Raising.Count ? explanation.Raising[i] : null;
            var down = i < explanation.Lowering.Count ? explanation.Lowering[i] : null;
            text.AppendLine(CultureInfo.InvariantCulture, $"| {up?.Token} | {Effect(up)} | {up?.Clients} | {down?.Token} | {Effect(down)} | {down?.Clients} |");
        }

        return text.ToString();
    }

    private static string Effect(TokenInfluence? influence) =>
        influence is null ? string.Empty : (influence.MeanEffect * 100).ToString("+0.00;-0.00", CultureInfo.InvariantCulture) + " pp";

    private static string Interval(ModelMetrics metrics) =>
        metrics.RocAucInterval is { } ci ? string.Create(CultureInfo.InvariantCulture, $" ({ci.Lower:0.000}–{ci.Upper:0.000})") : string.Empty;

    private static string Window(DatasetSummary data) => data.Mode == LabelingMode.Time
        ? string.Create(CultureInfo.InvariantCulture, $"within {Duration(data.Horizon ?? TimeSpan.Zero)} after the cutoff {data.Cutoff:yyyy-MM-dd HH:mm} UTC (features: events up to the cutoff)")
        : string.Create(CultureInfo.InvariantCulture, $"anywhere after the first {data.ObservedEvents} event(s) (order only; features: those events)");

    private static string Duration(TimeSpan value) => value.TotalDays >= 1 && value.TotalDays == Math.Floor(value.TotalDays)
        ? string.Create(CultureInfo.InvariantCulture, $"{value.TotalDays:0} day(s)")
        : string.Create(CultureInfo.InvariantCulture, $"{value.TotalHours:0.#} hour(s)");

    private static string SelectionOnTestText(SelectionOnTest check)
    {
        var others = string.Join("; ", check.Others.Select(o => string.Create(CultureInfo.InvariantCulture, $"{o.Challenger} {o.AucDifference:+0.0000;-0.0000} AUC vs {check.Kept} (z × SE {o.Margin:0.0000})")));
        return check.Held
            ? $"held — no other family leads the chosen one on the test split by more than the noise ({others})."
            : $"not held — {others}; see the warning.";
    }
}
