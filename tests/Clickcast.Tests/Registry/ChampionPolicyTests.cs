using Clickcast.Registry;

namespace Clickcast.Tests.Registry;

/// <summary>Every edge of the champion/challenger rules, as tables.</summary>
public sealed class ChampionPolicyTests
{
    private static readonly RetrainingPolicy Policy = new() { Patience = 3, MinAucGain = 0.001, MinimumAuc = 0.6, MinNewDataShare = 0.05 };

    private static RetrainingState State(RetrainingStatus status = RetrainingStatus.Active, int nonImproving = 0) =>
        new(nonImproving, status, status == RetrainingStatus.Paused ? "3 retrains in a row without improvement" : null, 1_000, null);

    public static TheoryData<string, bool, RetrainingStatus, TrainTrigger, long, bool, bool, string> GateCases() => new()
    {
        // case, has champion, status, trigger, events now (1,000 at the last training; +5 % needed), trains, resumes, reason contains
        { "first model trains without new data", false, RetrainingStatus.Active, TrainTrigger.NewData, 1_000, true, false, "no champion" },
        { "first model trains even when paused", false, RetrainingStatus.Paused, TrainTrigger.NewData, 1_000, true, false, "no champion" },
        { "growth just under the share", true, RetrainingStatus.Active, TrainTrigger.NewData, 1_049, false, false, "not enough new data" },
        { "growth exactly the share", true, RetrainingStatus.Active, TrainTrigger.NewData, 1_050, true, false, "grew" },
        { "growth over the share", true, RetrainingStatus.Active, TrainTrigger.NewData, 2_000, true, false, "grew" },
        { "schedule trains without growth", true, RetrainingStatus.Active, TrainTrigger.Schedule, 1_000, true, false, "scheduled" },
        { "paused, new data under the share", true, RetrainingStatus.Paused, TrainTrigger.NewData, 1_049, false, false, "paused" },
        { "paused, schedule under the share", true, RetrainingStatus.Paused, TrainTrigger.Schedule, 1_049, false, false, "paused" },
        { "paused, growth reaches the share: resume", true, RetrainingStatus.Paused, TrainTrigger.NewData, 1_050, true, true, "grew to 1,050" },
        { "paused, schedule after growth: resume", true, RetrainingStatus.Paused, TrainTrigger.Schedule, 1_100, true, true, "grew" },
        { "manual trains while paused, no resume", true, RetrainingStatus.Paused, TrainTrigger.Manual, 1_000, true, false, "by hand" },
        { "manual trains without growth", true, RetrainingStatus.Active, TrainTrigger.Manual, 1_000, true, false, "by hand" },
    };

    [Theory]
    [MemberData(nameof(GateCases))]
    public void Gate_Table(string name, bool hasChampion, RetrainingStatus status, TrainTrigger trigger, long eventsNow, bool trains, bool resumes, string reason)
    {
        var gate = ChampionPolicy.Gate(Policy, State(status), hasChampion, trigger, eventsNow);

        Assert.True(trains == gate.Train, name);
        Assert.True(resumes == gate.Resume, name);
        Assert.Contains(reason, gate.Reason, StringComparison.Ordinal);
    }

    public static TheoryData<string, double?, double, int, bool, int, bool> JudgeCases() => new()
    {
        // case, champion AUC on the same test (null: first model), challenger AUC, non-improving before, promotes, non-improving after, pauses
        { "first model below the minimum", null, 0.5999, 0, false, 0, false },
        { "first model exactly at the minimum", null, 0.6, 0, true, 0, false },
        { "first model above the minimum", null, 0.75, 0, true, 0, false },
        { "margin just under the gain", 0.7, 0.7009, 0, false, 1, false },
        { "margin exactly the gain", 0.7, 0.701, 0, true, 0, false },
        { "margin just over the gain", 0.7, 0.7011, 0, true, 0, false },
        { "worse than the champion", 0.7, 0.65, 0, false, 1, false },
        { "second non-improving retrain", 0.7, 0.7, 1, false, 2, false },
        { "patience reached: pause", 0.7, 0.7, 2, false, 3, true },
        { "beyond patience (manual retrain while paused)", 0.7, 0.69, 3, false, 4, true },
        { "improvement after misses resets the count", 0.7, 0.72, 2, true, 0, false },
    };

    [Theory]
    [MemberData(nameof(JudgeCases))]
    public void Judge_Table(string name, double? championAuc, double challengerAuc, int nonImprovingBefore, bool promotes, int nonImprovingAfter, bool pauses)
    {
        var champion = championAuc is { } auc ? new ChampionScore(4, auc) : (ChampionScore?)null;

        var decision = ChampionPolicy.Judge(Policy, State(nonImproving: nonImprovingBefore), champion, challengerAuc, 1_234);

        Assert.True(promotes == decision.Promote, name);
        Assert.Equal(nonImprovingAfter, decision.NonImproving);
        Assert.True(pauses == decision.Pause, name);
        Assert.Equal(pauses, decision.PauseReason is not null);
    }

    [Fact]
    public void Judge_Reason_NamesBothAucsTheChampionAndTheTestClients()
    {
        var decision = ChampionPolicy.Judge(Policy, State(), new ChampionScore(4, 0.7), 0.75, 1_234);

        Assert.Equal("challenger AUC 0.7500 beats champion v4 (0.7000) on the same 1,234 test clients by ≥ 0.001", decision.Reason);
    }

    [Fact]
    public void Judge_PatienceOfOne_PausesAfterTheFirstMiss()
    {
        var decision = ChampionPolicy.Judge(new RetrainingPolicy { Patience = 1 }, State(), new ChampionScore(1, 0.7), 0.6, 100);

        Assert.True(decision.Pause);
        Assert.Equal("1 retrains in a row without improvement", decision.PauseReason);
    }
}
