using Clickcast.Labels;
using Clickcast.Tenants;

namespace Clickcast.Tests.Tenants;

public sealed class TenantLimitsTests
{
    [Fact]
    public void Check_TheReviewsDefinition_NamesEveryFieldItsValueAndTheLimit()
    {
        var tenant = Tenant();
        var gru = tenant.Tasks[0].Model.Gru;
        gru.HiddenSize = 4096;
        gru.EmbeddingSize = 4096;
        gru.Layers = 8;
        gru.TimeBudget = TimeSpan.FromDays(3650);
        gru.Threads = 256;
        tenant.Sequences.EventsPerRange = 100_000_000;
        tenant.Tasks[0].Retraining.Schedule = "* * * * *";
        var limits = new TenantLimits { MaxThreads = 4 };

        var problems = limits.Check(tenant);

        Assert.Contains("tasks[0].model.gru.hiddenSize: 4096 exceeds the operator's limit 512 (Limits:MaxHiddenSize)", problems);
        Assert.Contains("tasks[0].model.gru.embeddingSize: 4096 exceeds the operator's limit 512 (Limits:MaxEmbeddingSize)", problems);
        Assert.Contains("tasks[0].model.gru.layers: 8 exceeds the operator's limit 4 (Limits:MaxLayers)", problems);
        Assert.Contains("tasks[0].model.gru.threads: 256 exceeds the operator's limit 4 (Limits:MaxThreads)", problems);
        Assert.Contains("sequences.eventsPerRange: 100000000 exceeds the operator's limit 10000000 (Limits:MaxEventsPerRange)", problems);
        Assert.Contains(problems, p => p.StartsWith("tasks[0].model.gru.timeBudget: 3650.00:00:00 exceeds the operator's limit 04:00:00 (Limits:MaxTimeBudget)", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("tasks[0].retraining.schedule: '* * * * *' runs every 00:01:00", StringComparison.Ordinal) && p.Contains("Limits:MinScheduleInterval", StringComparison.Ordinal));
        Assert.Equal(7, problems.Count);
    }

    [Fact]
    public void Check_ShardsOverTheOperatorsCap_Named()
    {
        var tenant = Tenant();
        tenant.Shards = 128;

        Assert.Equal(["shards: 128 exceeds the operator's limit 64 (Limits:MaxShards)"], new TenantLimits().Check(tenant));
        Assert.Empty(new TenantLimits { MaxShards = 128 }.Check(tenant));
    }

    [Fact]
    public void Check_ParallelThreads_AreCappedByMaxThreads()
    {
        var tenant = Tenant();
        tenant.Tasks[0].Model.Gru.TrainingParallelism = 64;
        tenant.Tasks[0].Model.Gru.ScoringParallelism = 4;

        var problems = new TenantLimits { MaxThreads = 4 }.Check(tenant);

        Assert.Equal(["tasks[0].model.gru.trainingParallelism: 64 exceeds the operator's limit 4 (Limits:MaxThreads)"], problems);
    }

    [Fact]
    public void Check_DefaultsAndAnHourlySchedule_AreWithinTheLimits()
    {
        var tenant = Tenant();
        tenant.Tasks[0].Scoring.Schedule = "0 * * * *";

        Assert.Empty(new TenantLimits().Check(tenant));
    }

    [Theory]
    [InlineData(0, "tasks[0].model.trainingMemoryMiB: 0 (no budget) exceeds the operator's limit 4096 (Limits:MaxTrainingMemoryMiB)")]
    [InlineData(4097, "tasks[0].model.trainingMemoryMiB: 4097 exceeds the operator's limit 4096 (Limits:MaxTrainingMemoryMiB)")]
    [InlineData(1_048_576, "tasks[0].model.trainingMemoryMiB: 1048576 exceeds the operator's limit 4096 (Limits:MaxTrainingMemoryMiB)")]
    [InlineData(1, null)]
    [InlineData(1024, null)]
    [InlineData(4096, null)]
    public void Check_TrainingMemory_IsCapped_AndNoBudgetIsOverTheCap(int memoryMiB, string? problem)
    {
        // A tenant's key must not lift the bound on a worker's memory: 1 TiB, or 0 (no budget at all), is refused.
        var tenant = Tenant();
        tenant.Tasks[0].Model.TrainingMemoryMiB = memoryMiB;

        string[] expected = problem is null ? [] : [problem];

        Assert.Equal(expected, new TenantLimits().Check(tenant));
    }

    [Fact]
    public void Check_StatisticsCompute_IsCapped()
    {
        var tenant = Tenant();
        var statistics = tenant.Tasks[0].Model.Statistics;
        statistics.Folds = 20;
        statistics.LeakagePermutations = 100;
        statistics.BootstrapResamples = 100_000;

        var problems = new TenantLimits().Check(tenant);

        Assert.Equal(
            [
                "tasks[0].model.statistics.folds: 20 exceeds the operator's limit 10 (Limits:MaxFolds)",
                "tasks[0].model.statistics.leakagePermutations: 100 exceeds the operator's limit 10 (Limits:MaxLeakagePermutations)",
                "tasks[0].model.statistics.bootstrapResamples: 100000 exceeds the operator's limit 5000 (Limits:MaxBootstrapResamples)",
            ],
            problems);
    }

    [Fact]
    public void Check_MoreTasksThanAllowed_IsAProblem()
    {
        var tenant = Tenant();
        tenant.Tasks.Add(new TaskDefinition { Id = "second", Attribute = "b", Target = new TargetDefinition { EventType = "buy" } });

        Assert.Equal(["tasks: 2 tasks exceeds the operator's limit 1 (Limits:MaxTasksPerTenant)"], new TenantLimits { MaxTasksPerTenant = 1 }.Check(tenant));
    }

    internal static TenantDefinition Tenant() => new()
    {
        Id = "acme",
        Tasks = [new TaskDefinition { Id = "churn", Attribute = "churn", Target = new TargetDefinition { UrlPattern = "acme.example.com/cancel" } }],
    };
}
