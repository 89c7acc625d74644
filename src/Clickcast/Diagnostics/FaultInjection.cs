using System.Diagnostics;

namespace Clickcast.Diagnostics;

/// <summary>
/// Named crash points for the crash tests: when the environment variable <c>CLICKCAST_FAULTS</c> lists a point
/// (comma-separated, e.g. <c>train:before-decision</c>), the process kills itself with SIGKILL the first time it
/// reaches it — a real <c>kill -9</c> at the worst moment, with no finally blocks and no flushing. When
/// <c>CLICKCAST_STALL</c> lists it instead, the job blocks there for good, ignoring its cancellation (a step that does
/// not observe its token), for the graceful shutdown tests. Both are test-only: unset (always, in production) every
/// checkpoint is a no-op.
/// </summary>
public static class FaultInjection
{
    private static readonly HashSet<string> Points = Parse(Environment.GetEnvironmentVariable("CLICKCAST_FAULTS"));
    private static readonly HashSet<string> Stalls = Parse(Environment.GetEnvironmentVariable("CLICKCAST_STALL"));

    /// <summary>Ingest: events files are written, the ledger is not.</summary>
    public const string IngestAfterOutputs = "ingest:after-outputs";

    /// <summary>Sequences: new segments are written, the manifest is not.</summary>
    public const string SequencesBeforeManifest = "sequences:before-manifest";

    /// <summary>Sequences of a sharded tenant: a shard's segments are written, its fan-in record is not.</summary>
    public const string SequencesMidShard = "sequences:mid-shard";

    /// <summary>Sequences of a sharded tenant: a shard's fan-in record is written, the commit job may not be enqueued.</summary>
    public const string SequencesAfterShardRecord = "sequences:after-shard-record";

    /// <summary>Train: the model folder is uploaded, the registry has not decided.</summary>
    public const string TrainBeforeDecision = "train:before-decision";

    /// <summary>Score: the predictions file is written, the scoring state is not.</summary>
    public const string ScoreBeforeState = "score:before-state";

    /// <summary>Sharded score: one shard's part of the run is written, its current part and fan-in record are not.</summary>
    public const string ScoreMidShard = "score:mid-shard";

    /// <summary>Export: a batch was accepted by the receiver, the delivery ledger does not know yet.</summary>
    public const string ExportAfterSend = "export:after-send";

    /// <summary>Re-shard: every events file is written in the new layout, the tenant's shard count is not changed yet.</summary>
    public const string ReshardBeforeCount = "reshard:before-count";

    /// <summary>Events compaction: the compacted files are written, the folder's compaction.json (the commit) is not.</summary>
    public const string CompactBeforeCommit = "compact:before-commit";

    /// <summary>Events compaction: compaction.json is committed, the merged files are not deleted yet.</summary>
    public const string CompactAfterCommit = "compact:after-commit";

    /// <summary>Re-ingest of a compacted source: the rescue files of a compacted file's other sources are written, its tombstones are not.</summary>
    public const string CompactAfterRescue = "compact:after-rescue";

    /// <summary>Re-ingest of a compacted source: the compacted file without it is committed, the ingest has not written the source's new files.</summary>
    public const string CompactAfterRelease = "compact:after-release";

    /// <summary>Kills the process (or stalls the job) here if <paramref name="point"/> is armed.</summary>
    public static void Checkpoint(string point)
    {
        if (Points.Count > 0 && Points.Contains(point))
        {
            Console.Error.WriteLine($"clickcast: fault injection: killing the process at '{point}'");
            Process.GetCurrentProcess().Kill();
        }

        if (Stalls.Count > 0 && Stalls.Contains(point))
        {
            Console.Error.WriteLine($"clickcast: fault injection: stalling at '{point}'");
            using var never = new ManualResetEventSlim();
            never.Wait();
        }
    }

    private static HashSet<string> Parse(string? value) =>
        new((value ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), StringComparer.Ordinal);
}
