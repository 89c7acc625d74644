namespace Clickcast.Pipeline.Jobs;

/// <summary>The claim rule of each job kind: what <see cref="JobQueue.ClaimAsync"/> keeps from running twice at once.</summary>
public static class JobExclusions
{
    /// <summary>The exclusion of <paramref name="kind"/>; a kind added later runs freely until it is listed here.</summary>
    public static JobExclusion Of(JobKind kind) => kind switch
    {
        JobKind.Sequences or JobKind.CompactEvents => JobExclusion.PerTenant,
        JobKind.Train or JobKind.Score or JobKind.Export => JobExclusion.PerTask,
        _ => JobExclusion.None,
    };

    /// <summary>
    /// Whether a running job of kind <paramref name="running"/> keeps a queued one of another kind,
    /// <paramref name="queued"/>, of the same tenant waiting (symmetric). An events compaction rewrites the files and
    /// the compaction index that ingest, the sequence build and the re-shard read and write: none runs beside it.
    /// </summary>
    public static bool Conflicts(JobKind running, JobKind queued) =>
        running != queued && (running == JobKind.CompactEvents ? SharesEvents(queued) : queued == JobKind.CompactEvents && SharesEvents(running));

    /// <summary>Kinds that read or write a tenant's events files, besides compaction itself.</summary>
    private static bool SharesEvents(JobKind kind) =>
        kind is JobKind.Ingest or JobKind.Sequences or JobKind.SequencesShard or JobKind.SequencesCommit or JobKind.Reshard;

    /// <summary>
    /// The SQL condition, over a queued row aliased <paramref name="alias"/>, that no job of its kind holding the same
    /// scope is running, and no job of a kind it <see cref="Conflicts"/> with is running for its tenant. Kind names are the enum's own identifiers, never input, so they are written inline.
    /// </summary>
    internal static string NoneRunningSql(string alias)
    {
        var perTenant = Kinds(JobExclusion.PerTenant);
        var perTask = Kinds(JobExclusion.PerTask);
        var pairs = Enum.GetValues<JobKind>().SelectMany(r => Enum.GetValues<JobKind>().Where(q => Conflicts(r, q)).Select(q => (Running: r, Queued: q))).ToList();
        var crossKind = string.Concat(pairs.GroupBy(p => p.Queued).Select(g =>
            $" OR ({alias}.kind = '{g.Key}' AND x.kind IN ({string.Join(", ", g.Select(p => "'" + p.Running + "'"))}))"));
        return $"""
             AND NOT EXISTS (SELECT 1 FROM jobs x
                             WHERE x.tenant = {alias}.tenant AND x.status = '{nameof(JobStatus.Running)}'
                               AND ((x.kind = {alias}.kind AND (x.kind IN ({perTenant}) OR (x.kind IN ({perTask}) AND x.task = {alias}.task))){crossKind}))
            """;
    }

    private static string Kinds(JobExclusion exclusion)
    {
        var names = Enum.GetValues<JobKind>().Where(k => Of(k) == exclusion).Select(k => "'" + k + "'").ToList();

        // IN () is not SQL: a list that no kind name can match stands for "none".
        return names.Count == 0 ? "''" : string.Join(", ", names);
    }
}
