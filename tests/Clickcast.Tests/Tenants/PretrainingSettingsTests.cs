using Clickcast.Tenants;

namespace Clickcast.Tests.Tenants;

/// <summary><c>model.pretraining</c> is tenant input: out-of-range values are refused, and the operator caps its cost.</summary>
public sealed class PretrainingSettingsTests
{
    [Theory]
    [InlineData("Epochs", 0)]
    [InlineData("Epochs", -5)]
    [InlineData("BatchSize", 1)]
    [InlineData("SubChainMin", 0)]
    [InlineData("SubChainMax", 1_000_000)]
    [InlineData("Temperature", 0.0)]
    [InlineData("Temperature", double.NaN)]
    [InlineData("Temperature", 1e9)]
    [InlineData("LearningRate", 2.0)]
    [InlineData("MaxClients", 1)]
    [InlineData("RegrowthFactor", 1.0)]
    [InlineData("RegrowthFactor", double.PositiveInfinity)]
    public void Validate_HostileValue_IsRefusedWithItsPath(string property, object value)
    {
        var tenant = TenantLimitsTests.Tenant();
        var settings = tenant.Tasks[0].Model.Pretraining;
        var target = settings.GetType().GetProperty(property)!;
        target.SetValue(settings, Convert.ChangeType(value, target.PropertyType, System.Globalization.CultureInfo.InvariantCulture));

        var problems = DefinitionValidator.Validate(tenant);

        Assert.Contains(problems, p => p.StartsWith("tasks[0].model.pretraining.", StringComparison.Ordinal) && p.Contains(char.ToLowerInvariant(property[0]) + property[1..], StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_SubChainMinAboveMax_IsRefused()
    {
        var tenant = TenantLimitsTests.Tenant();
        tenant.Tasks[0].Model.Pretraining.SubChainMin = 50;
        tenant.Tasks[0].Model.Pretraining.SubChainMax = 10;

        var problems = DefinitionValidator.Validate(tenant);

        Assert.Contains(problems, p => p.StartsWith("tasks[0].model.pretraining.subChainMin: subChainMin (50) must not exceed subChainMax (10)", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_Defaults_AreAccepted()
    {
        var tenant = TenantLimitsTests.Tenant();
        tenant.Tasks[0].Model.Pretraining.Enabled = true;

        Assert.DoesNotContain(DefinitionValidator.Validate(tenant), p => p.Contains("pretraining", StringComparison.Ordinal));
        Assert.Empty(new TenantLimits().Check(tenant));
    }

    [Fact]
    public void Check_PretrainingOverTheCaps_NamesFieldValueAndLimit()
    {
        var tenant = TenantLimitsTests.Tenant();
        var settings = tenant.Tasks[0].Model.Pretraining;
        settings.MaxClients = 10_000_000;
        settings.Epochs = 1000;
        settings.BatchSize = 65536;
        settings.SubChainMax = 100_000;

        var problems = new TenantLimits().Check(tenant);

        Assert.Contains("tasks[0].model.pretraining.maxClients: 10000000 exceeds the operator's limit 200000 (Limits:MaxPretrainingClients)", problems);
        Assert.Contains("tasks[0].model.pretraining.epochs: 1000 exceeds the operator's limit 50 (Limits:MaxPretrainingEpochs)", problems);
        Assert.Contains("tasks[0].model.pretraining.batchSize: 65536 exceeds the operator's limit 4096 (Limits:MaxBatchSize)", problems);
        Assert.Contains("tasks[0].model.pretraining.subChainMax: 100000 exceeds the operator's limit 2000 (Limits:MaxSequenceLength)", problems);
        Assert.Equal(4, problems.Count);
    }
}
