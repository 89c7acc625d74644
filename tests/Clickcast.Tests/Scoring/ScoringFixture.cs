using Clickcast.Labels;
using Clickcast.Scoring;
using Clickcast.Sequences;
using Clickcast.Tenants;
using Clickcast.Tests.Support;
using Clickcast.Training;
using Clickcast.Training.Baselines;
using Microsoft.Extensions.Logging.Abstractions;

namespace Clickcast.Tests.Scoring;

/// <summary>
/// What every scorer test starts from: a generated tenant, a task on its target, a logistic-regression model trained
/// on the tenant's sequences, and a scorer over its store.
/// </summary>
internal sealed class ScoringFixture : IAsyncDisposable
{
    private readonly TempFolder _folder;

    private ScoringFixture(GeneratedTenant tenant, TaskDefinition task, TrainedModelVersion model, TempFolder folder)
    {
        Tenant = tenant;
        Task = task;
        Model = model;
        _folder = folder;
        Scorer = new Scorer(tenant.Store, tenant.Time, NullLogger<Scorer>.Instance);
    }

    public GeneratedTenant Tenant { get; }

    public TaskDefinition Task { get; }

    public TrainedModelVersion Model { get; }

    public Scorer Scorer { get; }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A checkout task with a 3-day horizon and a logistic regression.</summary>
    public static TaskDefinition TaskOf(string id) => new()
    {
        Id = id,
        Attribute = "propensity_checkout",
        Target = new TargetDefinition { UrlPattern = GeneratedTenant.Target },
        Labeling = new LabelingOptions { Horizon = TimeSpan.FromDays(3), MinPositives = 20, MinNegatives = 20, MinPositivesPerEvaluationSplit = 3 },
        Model = new ModelSettings { Family = ModelFamilyChoice.LogisticRegression, ExplainSample = 0 },
    };

    /// <summary>A new tenant and the model of task <paramref name="taskId"/> trained on it.</summary>
    public static async Task<ScoringFixture> StartAsync(string taskId = "checkout")
    {
        var tenant = new GeneratedTenant();
        await tenant.InitializeAsync();
        var task = TaskOf(taskId);
        var store = new SequenceStore(tenant.Store);
        var manifest = await store.GetManifestAsync(GeneratedTenant.Tenant, Ct);
        var dataset = await DatasetBuilder.BuildAsync(store.ReadAsync(manifest!, Ct), task.Target, task.Labeling, manifest!.LatestEventMicros, cancellationToken: Ct);
        var folder = new TempFolder();
        new ModelTrainer([new LogisticRegressionFamily()], tenant.Time, NullLogger<ModelTrainer>.Instance)
            .Train(dataset, task.Labeling, task.Model, folder.File("v1"), cancellationToken: Ct);
        return new ScoringFixture(tenant, task, TrainedModelVersion.Load(folder.File("v1"), [new LogisticRegressionFamily()]), folder);
    }

    public void Deconstruct(out GeneratedTenant tenant, out TaskDefinition task, out TrainedModelVersion model, out Scorer scorer) =>
        (tenant, task, model, scorer) = (Tenant, Task, Model, Scorer);

    public async ValueTask DisposeAsync()
    {
        Model.Dispose();
        _folder.Dispose();
        await Tenant.DisposeAsync();
    }
}
