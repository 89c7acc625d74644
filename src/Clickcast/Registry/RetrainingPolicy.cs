using System.ComponentModel.DataAnnotations;
using Clickcast.Registry;

namespace Clickcast.Registry;

/// <summary>When a task retrains, and when a challenger replaces the champion.</summary>
public sealed class RetrainingPolicy
{
    /// <summary>Non-improving retrains in a row after which retraining pauses until new data grows enough or someone resets it.</summary>
    [Range(1, 1000)]
    public int Patience { get; set; } = 3;

    /// <summary>The challenger must beat the champion's AUC on the same test clients by at least this much.</summary>
    [Range(0.0, 1.0)]
    public double MinAucGain { get; set; } = 0.001;

    /// <summary>The first model is promoted only with at least this test AUC.</summary>
    [Range(0.0, 1.0)]
    public double MinimumAuc { get; set; } = 0.6;

    /// <summary>New events since the last training, as a share of the events then, needed before retraining again (and to resume after a pause).</summary>
    [Range(0.0, 100.0)]
    public double MinNewDataShare { get; set; } = 0.05;

    /// <summary>Cron schedule (5 fields, UTC) of periodic retraining; null retrains only when new data arrives.</summary>
    public string? Schedule { get; set; }
}
