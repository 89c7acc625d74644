using Clickcast.Ingestion.Urls;
using Clickcast.Labels;
using Clickcast.Tenants;

namespace Clickcast.Tests.Tenants;

public sealed class DefinitionValidatorTests
{
    private static TenantDefinition Tenant(string target, UrlLevel level, int segments = 1, TaskUrlOptions? taskUrls = null) => new()
    {
        Id = "acme",
        Ingest = { Urls = { Level = level, PathSegments = segments } },
        Tasks = [new TaskDefinition { Id = "checkout", Attribute = "p", Target = { UrlPattern = target }, Urls = taskUrls }],
    };

    [Fact]
    public void Validate_ReadmeTargetWithDefaultSettings_IsValid()
    {
        var tenant = new TenantDefinition
        {
            Id = "acme",
            Tasks = [new TaskDefinition { Id = "checkout", Attribute = "p", Target = { UrlPattern = "shop.example.com/checkout" } }],
        };

        Assert.Empty(DefinitionValidator.Validate(tenant));
    }

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, true)]
    [InlineData(64, true)]
    [InlineData(65, false)]
    public void Validate_EventTypeEmbeddingSize_IsCappedAndZeroTurnsItOff(int size, bool valid)
    {
        var task = new TaskDefinition { Id = "checkout", Attribute = "p", Target = { UrlPattern = "shop.example.com/checkout" } };
        task.Model.Gru.EventTypeEmbeddingSize = size;
        var tenant = new TenantDefinition { Id = "acme", Tasks = [task] };

        var problems = DefinitionValidator.Validate(tenant);

        Assert.Equal(valid, problems.Count == 0);
        Assert.All(problems, p => Assert.Contains("EventTypeEmbeddingSize", p, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Validate_TargetFinerThanTheTenantsUrlLevel_IsRefusedWithTheFix()
    {
        var problems = DefinitionValidator.Validate(Tenant("shop.example.com/checkout", UrlLevel.RegistrableDomain));

        var problem = Assert.Single(problems);
        Assert.StartsWith("tasks[0].target:", problem, StringComparison.Ordinal);
        Assert.Contains("level RegistrableDomain", problem, StringComparison.Ordinal);
        Assert.Contains("pathSegments ≥ 1", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_TargetDeeperThanThePathSegmentsKept_IsRefused()
    {
        Assert.Single(DefinitionValidator.Validate(Tenant("shop.example.com/checkout/done", UrlLevel.Path, 1)));
        Assert.Empty(DefinitionValidator.Validate(Tenant("shop.example.com/checkout/done", UrlLevel.Path, 2)));
    }

    [Fact]
    public void Validate_TaskCutsCoarserThanItsTarget_IsRefused()
    {
        var problems = DefinitionValidator.Validate(Tenant("shop.example.com/checkout", UrlLevel.Path, 2, new TaskUrlOptions { Level = UrlLevel.Host }));

        Assert.Contains("the task's urls", Assert.Single(problems), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_HostTargetOrRegex_IsNotJudged()
    {
        Assert.Empty(DefinitionValidator.Validate(Tenant("shop.example.com", UrlLevel.Host)));
        var regex = Tenant("shop\\.example\\.com/check.*", UrlLevel.Host);
        regex.Tasks[0].Target.Match = UrlMatchKind.Regex;
        Assert.Empty(DefinitionValidator.Validate(regex));
    }

    [Fact]
    public void Validate_UnknownTimeZoneOrLimitOutOfRange_IsRefused()
    {
        var tenant = new TenantDefinition { Id = "acme" };
        tenant.Ingest.Mapping.Time.TimeZone = "Mars/Olympus";
        tenant.Ingest.Limits.MaxUrlLength = 1;

        var problems = DefinitionValidator.Validate(tenant);

        Assert.Contains(problems, p => p.Contains("unknown time zone 'Mars/Olympus'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("ingest.limits.maxUrlLength", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("folds", 1)]
    [InlineData("bootstrapResamples", 5)]
    [InlineData("leakagePermutations", 0)]
    [InlineData("selectionZ", -1)]
    public void Validate_StatisticsOutOfRange_IsRefusedByPath(string setting, double value)
    {
        var task = new TaskDefinition { Id = "t", Attribute = "a", Target = new TargetDefinition { EventType = "buy" } };
        var statistics = task.Model.Statistics;
        _ = setting switch
        {
            "folds" => statistics.Folds = (int)value,
            "bootstrapResamples" => statistics.BootstrapResamples = (int)value,
            "leakagePermutations" => statistics.LeakagePermutations = (int)value,
            _ => (int)(statistics.SelectionZ = value),
        };

        Assert.Contains(DefinitionValidator.Validate(task), p => p.StartsWith("model.statistics." + setting + ":", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_UnknownStatisticsKey_IsRefused()
    {
        const string Json = """{"id":"t","attribute":"a","target":{"eventType":"buy"},"model":{"statistics":{"foldz":3}}}""";

        Assert.False(DefinitionJson.TryRead<TaskDefinition>(Json, out _, out var error));
        Assert.Contains("foldz", error, StringComparison.Ordinal);
    }
}
