using System.Security.Cryptography;
using Clickcast.Server.Hosting;
using Clickcast.Server.Security;
using Clickcast.Tenants;
using Microsoft.Extensions.DependencyInjection;

namespace Clickcast.IntegrationTests.Server;

/// <summary>
/// Task secrets written by a process on one host are readable by a process on another only when both use the same
/// key ring folder (<c>KeyRingPath</c>), whatever their data folders: the reason docs/deploy.md makes it shared.
/// </summary>
public sealed class KeyRingPathTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void SharedKeyRingPath_ASecretFromOneHost_IsReadOnAnother()
    {
        var ring = _folder.File("shared-keys");
        using var serve = Host(_folder.File("host-a"), ring);
        using var worker = Host(_folder.File("host-b"), ring);

        var stored = serve.GetRequiredService<ISecretProtector>().Protect("cdp-token");

        Assert.Equal("cdp-token", worker.GetRequiredService<ISecretProtector>().Unprotect(stored));
        Assert.NotEmpty(Directory.GetFiles(ring, "key-*.xml"));
        Assert.False(Directory.Exists(Path.Combine(_folder.File("host-a"), "keys")));
    }

    [Fact]
    public void DefaultKeyRing_IsPerDataFolder_SoAnotherHostCannotReadTheSecret()
    {
        using var serve = Host(_folder.File("host-a"), ringPath: null);
        using var worker = Host(_folder.File("host-b"), ringPath: null);

        var stored = serve.GetRequiredService<ISecretProtector>().Protect("cdp-token");

        Assert.NotEmpty(Directory.GetFiles(Path.Combine(_folder.File("host-a"), "keys"), "key-*.xml"));
        Assert.ThrowsAny<CryptographicException>(() => worker.GetRequiredService<ISecretProtector>().Unprotect(stored));
    }

    private static ServiceProvider Host(string dataPath, string? ringPath)
    {
        var environment = new Dictionary<string, string?> { ["CLICKCAST_DataPath"] = dataPath };
        if (ringPath is not null)
        {
            environment["CLICKCAST_KeyRingPath"] = ringPath;
        }

        var configuration = ClickcastSettings.Build(null, dataPath, environment: environment);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddClickcast();
        services.AddClickcastSettings(configuration);
        services.AddClickcastSecrets();
        return services.BuildServiceProvider();
    }
}
