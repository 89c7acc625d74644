namespace Clickcast.Pipeline.Jobs;

/// <summary>The claim rule of each job kind: what <see cref="JobQueue.ClaimAsync"/> keeps from running twice at once.</summary>
public static class JobExclusions
{
    /// <summary>The exclusion of <paramref name="kind"/>; a kind added later runs freely until it is listed here.</summary>
    public static JobExclusion Of(JobKind kind) => kind switch
    {
        JobKind.Sequences => JobExclusion.PerTenant,
        JobKind.Train or JobKind.Score or JobKind.Export => JobExclusion.PerTask,
        _ => JobExclusion.None,
    };

    /// <summary>
    /// The SQL condition, over a queued row aliased <paramref name="alias"/>, that no job of its kind holding the same
    /// scope is running. Kind names are the enum's own identifiers, never input, so they are written inline.
    /// </summary>
    internal static string NoneRunningSql(string alias)
    {
        var perTenant = Kinds(JobExclusion.PerTenant);
        var perTask = Kinds(JobExclusion.PerTask);
        return $"""
             AND NOT EXISTS (SELECT 1 FROM jobs x
                             WHERE x.tenant = {alias}.tenant AND x.kind = {alias}.kind AND x.status = '{nameof(JobStatus.Running)}'
                               AND (x.kind IN ({perTenant}) OR (x.kind IN ({perTask}) AND x.task = {alias}.task)))
            """;
    }

    private static string Kinds(JobExclusion exclusion)
    {
        var names = Enum.GetValues<JobKind>().Where(k => Of(k) == exclusion).Select(k => "'" + k + "'").ToList();

        // IN () is not SQL: a list that no kind name can match stands for "none".
        return names.Count == 0 ? "''" : string.Join(", ", names);
    }
}
