using Clickcast.Pipeline;
using Clickcast.Pipeline.Jobs;
using Clickcast.Registry;

namespace Clickcast.Tests.Pipeline;

public sealed class TaskFreshnessRulesTests
{
    private static readonly DateTimeOffset At = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static TheoryData<string, TaskFreshness> Cases => new()
    {
        { "nothing", TaskFreshness.Active },
        { "running", TaskFreshness.Calculating },
        { "queued-first-attempt", TaskFreshness.Calculating },
        { "queued-after-failure", TaskFreshness.Retrying },
        { "dead-lettered", TaskFreshness.Failed },
        { "paused", TaskFreshness.Paused },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Decide_Jobs_GiveTheirFreshness(string situation, TaskFreshness expected)
    {
        var (pending, finished, paused) = situation switch
        {
            "running" => (Job(JobStatus.Running, attempts: 1, error: null), null, false),
            "queued-first-attempt" => (Job(JobStatus.Queued, attempts: 0, error: null), null, false),
            "queued-after-failure" => (Job(JobStatus.Queued, attempts: 3, error: "webhook answered 503"), null, false),
            "dead-lettered" => ((JobBrief?)null, Job(JobStatus.DeadLettered, attempts: 5, error: "webhook answered 503"), false),
            "paused" => (null, Job(JobStatus.Succeeded, attempts: 1, error: null), true),
            _ => ((JobBrief?)null, (JobBrief?)null, false),
        };
        var retraining = paused ? RetrainingState.None with { Status = RetrainingStatus.Paused, PausedReason = "no gain" } : RetrainingState.None;

        var (freshness, _) = TaskFreshnessRules.Decide(pending, finished, trained: null, hasChampion: true, retraining);

        Assert.Equal(expected, freshness);
    }

    [Fact]
    public void Decide_FailedExportWaitingToRetry_SaysWhatFailedAndWhen()
    {
        var pending = Job(JobStatus.Queued, attempts: 3, error: "webhook answered 503") with { MaxAttempts = 5, NextRunAt = At.AddMinutes(4) };

        var (freshness, reason) = TaskFreshnessRules.Decide(pending, null, null, hasChampion: true, RetrainingState.None);

        Assert.Equal(TaskFreshness.Retrying, freshness);
        Assert.Equal("Export job 42 failed attempt 3 of 5, next at 2025-03-01 12:04:00 UTC: webhook answered 503", reason);
    }

    private static JobBrief Job(JobStatus status, int attempts, string? error) =>
        new(42, JobKind.Export, status, At, null, error) { Attempts = attempts, MaxAttempts = 5 };
}
