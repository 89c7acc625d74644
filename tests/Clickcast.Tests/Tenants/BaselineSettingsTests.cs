using Clickcast.Tenants;

namespace Clickcast.Tests.Tenants;

/// <summary>The baselines' knobs are tenant input: out-of-range values are refused, and the operator caps the costly ones.</summary>
public sealed class BaselineSettingsTests
{
    [Fact]
    public void Check_LightGbmRoundsAndLeavesOverTheCaps_NamesFieldValueAndLimit()
    {
        var tenant = TenantLimitsTests.Tenant();
        tenant.Tasks[0].Model.LightGbm.Rounds = 100_000;
        tenant.Tasks[0].Model.LightGbm.Leaves = 4_096;

        var problems = new TenantLimits().Check(tenant);

        Assert.Contains("tasks[0].model.lightGbm.rounds: 100000 exceeds the operator's limit 2000 (Limits:MaxBoostingRounds)", problems);
        Assert.Contains("tasks[0].model.lightGbm.leaves: 4096 exceeds the operator's limit 255 (Limits:MaxLeaves)", problems);
        Assert.Equal(2, problems.Count);
    }

    [Fact]
    public void Check_DefaultLightGbmSettings_AreWithinTheLimits() =>
        Assert.Empty(new TenantLimits().Check(TenantLimitsTests.Tenant()));

    [Theory]
    [InlineData("model.lightGbm", "Rounds", 0)]
    [InlineData("model.lightGbm", "Leaves", 1)]
    [InlineData("model.lightGbm", "LearningRate", 0.0)]
    [InlineData("model.lightGbm", "LearningRate", 5.0)]
    [InlineData("model.lightGbm", "MinDataInLeaf", 0)]
    [InlineData("model.lightGbm", "EarlyStoppingRounds", 0)]
    [InlineData("model.lightGbm", "TopTokens", 1_000_000)]
    [InlineData("model.logisticRegression", "LearningRate", 100.0)]
    [InlineData("model.logisticRegression", "MaxEpochs", 0)]
    public void Validate_OutOfRangeBaselineSetting_IsRefusedWithItsPath(string section, string property, object value)
    {
        var tenant = TenantLimitsTests.Tenant();
        var model = tenant.Tasks[0].Model;
        object settings = section == "model.lightGbm" ? model.LightGbm : model.LogisticRegression;
        var target = settings.GetType().GetProperty(property)!;
        target.SetValue(settings, Convert.ChangeType(value, target.PropertyType, System.Globalization.CultureInfo.InvariantCulture));

        var problems = DefinitionValidator.Validate(tenant);

        Assert.Contains(problems, p => p.StartsWith($"tasks[0].{section}", StringComparison.Ordinal) && p.Contains(property, StringComparison.Ordinal));
    }
}
