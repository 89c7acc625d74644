using Clickcast.IntegrationTests.Support;
using Clickcast.Metadata;
using Clickcast.Server.Audit;
using Clickcast.Server.Hosting;
using Clickcast.Tenants.Audit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Clickcast.IntegrationTests.Server;

/// <summary>The audit log keeps <c>Audit:Retention</c> (400 days unless set): a validated setting, and the purge the server runs.</summary>
public sealed class AuditRetentionTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public void Retention_NotSet_Is400Days()
    {
        Assert.Equal(TimeSpan.FromDays(400), Bind(new Dictionary<string, string?>()).Retention);
    }

    [Fact]
    public void Retention_GivenAsADuration_IsBound()
    {
        Assert.Equal(TimeSpan.FromDays(90), Bind(new Dictionary<string, string?> { ["CLICKCAST_Audit__Retention"] = "90d" }).Retention);
    }

    [Theory]
    [InlineData("0s")]
    [InlineData("12h")]
    public void Retention_UnderADay_StopsTheStartNamingTheSetting(string value)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Bind(new Dictionary<string, string?> { ["CLICKCAST_Audit__Retention"] = value }));

        Assert.Contains("Retention", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownKeyInTheAuditSection_NamesTheKey()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Bind(new Dictionary<string, string?> { ["CLICKCAST_Audit__Retenton"] = "30d" }));

        Assert.Contains("'Retenton'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PurgeOnceAsync_EntriesOlderThanTheRetention_AreDeletedAndCounted()
    {
        using var folder = new TempFolder();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using var database = MetadataDatabase.Sqlite(folder.File("clickcast.db"), time);
        await database.MigrateAsync(Token);
        var log = new AuditLog(database, time);
        await log.RecordAsync(1, "ck_a", "acme", "POST keys", "/api/tenants/acme/keys", AuditOutcome.Succeeded, 201, null, Token);
        time.Advance(TimeSpan.FromDays(300));
        var recent = await log.RecordAsync(1, "ck_a", "acme", "DELETE keys/{id}", "/api/tenants/acme/keys/2", AuditOutcome.Succeeded, 204, null, Token);
        time.Advance(TimeSpan.FromDays(101));
        var logs = new RecordingLoggerProvider();
        using var loggers = LoggerFactory.Create(b => b.AddProvider(logs));
        var retention = new AuditRetention(log, Options.Create(new AuditOptions()), time, loggers.CreateLogger<AuditRetention>());

        var deleted = await retention.PurgeOnceAsync(Token);

        Assert.Equal(1, deleted);
        Assert.Equal([recent.Id], (await log.ListAsync(null, 10, cancellationToken: Token)).Select(e => e.Id));
        Assert.Contains(logs.Lines, l => l.Contains("Deleted 1 audit entries older than 400.00:00:00", StringComparison.Ordinal));
    }

    private static AuditOptions Bind(Dictionary<string, string?> environment)
    {
        using var folder = new TempFolder();
        var services = new ServiceCollection().AddClickcastSettings(ClickcastSettings.Build(null, folder.Path, null, environment));
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<AuditOptions>>().Value;
    }
}
