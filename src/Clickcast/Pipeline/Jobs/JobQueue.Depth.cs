namespace Clickcast.Pipeline.Jobs;

public sealed partial class JobQueue
{
    /// <summary>
    /// The one query an autoscaler (KEDA's PostgreSQL trigger, <c>deploy/kubernetes/workers-scaledobject.yaml</c>)
    /// scales workers on: the jobs that want a worker now, due queued ones plus running ones, by the database's clock
    /// (times are Unix milliseconds, as <c>DbTime</c> stores them). Running jobs count so that a drained queue does
    /// not scale away the workers still running its last jobs.
    /// </summary>
    public const string PostgreSqlWorkerDemandQuery =
        "SELECT COUNT(*) FROM jobs WHERE (" + DueCondition + "(EXTRACT(EPOCH FROM now()) * 1000)::bigint) OR status = '" + Running + "'";

    /// <summary>A queued job that is due: its next run time is at or before the value that follows.</summary>
    private const string DueCondition = "status = '" + Queued + "' AND next_run_at <= ";
}
