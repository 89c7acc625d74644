using Clickcast.Registry;

namespace Clickcast.Registry;

/// <summary>Why a training job runs, which decides what the retraining policy checks.</summary>
public enum TrainTrigger
{
    /// <summary>New data arrived: train only if it grew by the policy's share and retraining is not paused.</summary>
    NewData = 0,

    /// <summary>A cron schedule: train unless retraining is paused.</summary>
    Schedule,

    /// <summary>Someone asked (CLI, API, backfill): train regardless.</summary>
    Manual,
}
