using System.Net;
using System.Net.Http.Json;
using Clickcast.IntegrationTests.Support;
using Clickcast.Scoring;
using Clickcast.Server.Models;
using Clickcast.Storage;
using Clickcast.Training;

namespace Clickcast.IntegrationTests.Server;

/// <summary>The comparison of a version with the champion of its time, and expected vs actual over time (issue 14).</summary>
public sealed class ModelComparisonApiTests(DemoServer demo)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string Task => $"api/tenants/{DemoServer.Shop}/tasks/{DemoServer.Task}";

    [Fact]
    public async Task Comparison_JudgedChallenger_HasTheChampionOnTheSameTestClients()
    {
        using var api = demo.Host.Client(demo.ShopKey);
        var models = (await api.GetFromJsonAsync<ModelList>(new Uri(Task + "/models", UriKind.Relative), ClickcastJson.Options, Token))!;
        var challenger = models.Versions.First(v => v.ChampionAucOnSameTest is not null);

        var comparison = (await api.GetFromJsonAsync<VersionComparison>(new Uri($"{Task}/models/{challenger.Version}/comparison", UriKind.Relative), ClickcastJson.Options, Token))!;
        var metrics = (await api.GetFromJsonAsync<ModelEvaluation>(new Uri($"{Task}/models/{challenger.Version}/metrics", UriKind.Relative), ClickcastJson.Options, Token))!;

        Assert.Equal(challenger.Version, comparison.Version);
        Assert.True(comparison.SameTestClients);
        Assert.NotNull(comparison.ChampionVersion);
        Assert.True(comparison.ChampionVersion < challenger.Version);
        Assert.Equal(challenger.ChampionAucOnSameTest, comparison.Champion!.RocAuc);
        Assert.Equal(metrics.Test.RocAuc, comparison.Test.RocAuc);
        Assert.Equal(metrics.Test.Count, comparison.Champion.Count);
        Assert.NotNull(comparison.Champion.RocAucInterval);
        Assert.NotEmpty(comparison.Champion.Curves.Roc);
        Assert.Equal(comparison.Test.RocAuc - comparison.Champion.RocAuc, comparison.Difference!.Value.Difference, 1e-9);
        Assert.NotNull(comparison.Difference.Value.PValue);
    }

    [Fact]
    public async Task Comparison_FirstModel_HasOnlyItsOwnTest()
    {
        using var api = demo.Host.Client(demo.ShopKey);

        var comparison = (await api.GetFromJsonAsync<VersionComparison>(new Uri($"{Task}/models/1/comparison", UriKind.Relative), ClickcastJson.Options, Token))!;

        Assert.Equal(1, comparison.Version);
        Assert.False(comparison.SameTestClients);
        Assert.Null(comparison.ChampionVersion);
        Assert.Null(comparison.Champion);
        Assert.Null(comparison.Difference);
        Assert.NotEmpty(comparison.Test.Curves.Roc);
    }

    [Fact]
    public async Task Comparison_UnknownVersion_IsANotFoundProblem()
    {
        using var api = demo.Host.Client(demo.ShopKey);

        using var response = await api.GetAsync(new Uri($"{Task}/models/999/comparison", UriKind.Relative), Token);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("v999", await response.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Monitoring_EveryClosedRun_OldestFirstEndingWithTheLatestReport()
    {
        using var api = demo.Host.Client(demo.ShopKey);
        var summary = (await api.GetFromJsonAsync<PredictionSummary>(new Uri(Task + "/predictions", UriKind.Relative), ClickcastJson.Options, Token))!;

        var points = (await api.GetFromJsonAsync<List<MonitoringPoint>>(new Uri(Task + "/predictions/monitoring", UriKind.Relative), ClickcastJson.Options, Token))!;
        var one = (await api.GetFromJsonAsync<List<MonitoringPoint>>(new Uri(Task + "/predictions/monitoring?limit=1", UriKind.Relative), ClickcastJson.Options, Token))!;

        var latest = summary.Monitoring!;
        Assert.NotEmpty(points);
        Assert.Equal(summary.Runs.Count(r => r.MonitoringKey is not null), points.Count);
        Assert.Equal(points.OrderBy(p => p.From).Select(p => p.RunId), points.Select(p => p.RunId));
        Assert.Equal(latest.RunId, points[^1].RunId);
        Assert.Equal(latest.ExpectedRate, points[^1].ExpectedRate);
        Assert.Equal(latest.ActualRate, points[^1].ActualRate);
        Assert.Equal(latest.ModelVersion, points[^1].ModelVersion);
        Assert.Equal(latest.Buckets.Sum(b => b.Clients), points[^1].Clients);
        Assert.Equal(latest.Horizon, points[^1].Horizon);
        Assert.Equal(points[^1], Assert.Single(one));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("201")]
    public async Task Monitoring_LimitOutOfRange_IsABadRequestProblem(string limit)
    {
        using var api = demo.Host.Client(demo.ShopKey);

        using var response = await api.GetAsync(new Uri($"{Task}/predictions/monitoring?limit={limit}", UriKind.Relative), Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Monitoring_UnknownTask_IsNotFound()
    {
        using var api = demo.Host.Client(demo.ShopKey);

        using var response = await api.GetAsync(new Uri($"api/tenants/{DemoServer.Shop}/tasks/nope/predictions/monitoring", UriKind.Relative), Token);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
