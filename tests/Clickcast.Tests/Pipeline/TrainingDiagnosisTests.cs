using Clickcast.Labels;
using Clickcast.Pipeline;
using Clickcast.Tenants;

namespace Clickcast.Tests.Pipeline;

public sealed class TrainingDiagnosisTests
{
    private static readonly long LastEvent = new DateTimeOffset(2026, 11, 30, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1000;

    private static TaskDefinition Task(string pattern) => new() { Id = "t", Attribute = "a", Target = { UrlPattern = pattern } };

    [Fact]
    public void Explain_TargetFinerThanEveryToken_NamesTheUrlLevelAndTheNearestTokens()
    {
        var tokens = new Dictionary<string, long> { ["example.com"] = 900, ["other.org"] = 50 };

        var text = TrainingDiagnosis.Explain(tokens, Task("shop.example.com/checkout"), new DatasetSummary(), LastEvent);

        Assert.Contains("matches none of the 2 distinct URL tokens", text, StringComparison.Ordinal);
        Assert.Contains("the nearest tokens are: example.com (900), other.org (50)", text, StringComparison.Ordinal);
        Assert.Contains("ingest.urls.level", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_TargetMatchesATokenButTheCutoffIsAfterTheData_SaysSo()
    {
        var tokens = new Dictionary<string, long> { ["shop.example.com/checkout"] = 10 };
        var summary = new DatasetSummary { Cutoff = new DateTimeOffset(2026, 12, 5, 0, 0, 0, TimeSpan.Zero), Horizon = TimeSpan.FromDays(7) };

        var text = TrainingDiagnosis.Explain(tokens, Task("shop.example.com/checkout"), summary, LastEvent);

        Assert.DoesNotContain("matches none", text, StringComparison.Ordinal);
        Assert.Contains("is after the last event", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_HorizonPastTheEndOfTheData_SaysSo()
    {
        var tokens = new Dictionary<string, long> { ["shop.example.com/checkout"] = 10 };
        var summary = new DatasetSummary { Cutoff = new DateTimeOffset(2026, 11, 27, 0, 0, 0, TimeSpan.Zero), Horizon = TimeSpan.FromDays(7) };

        Assert.Contains("runs past the last event", TrainingDiagnosis.Explain(tokens, Task("shop.example.com/checkout"), summary, LastEvent), StringComparison.Ordinal);
    }
}
