using Clickcast.Storage;
using Clickcast.Tenants;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Clickcast.Server.Security;

/// <summary>Registers encryption of task secrets at rest, for the server and the command line alike.</summary>
public static class SecretsServiceCollectionExtensions
{
    /// <summary>
    /// Protects webhook secrets and CDP tokens inside task definitions with ASP.NET Core Data Protection; the key
    /// ring lives in <see cref="ClickcastOptions.KeyRingPath"/> (by default <c>keys/</c> under
    /// <see cref="ClickcastOptions.DataPath"/>), so every process that sees the same folder reads what another wrote.
    /// Call after <c>AddClickcast</c>.
    /// </summary>
    public static IServiceCollection AddClickcastSecrets(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddDataProtection().SetApplicationName("clickcast");
        services.AddOptions<KeyManagementOptions>().Configure<IOptions<ClickcastOptions>, ILoggerFactory>((keys, clickcast, loggers) =>
            keys.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(KeyRingFolder(clickcast.Value)), loggers));
        services.Replace(ServiceDescriptor.Singleton<ISecretProtector, DataProtectionSecretProtector>());
        return services;
    }

    /// <summary>Where the key ring lives: <see cref="ClickcastOptions.KeyRingPath"/>, else <c>keys/</c> under the data folder.</summary>
    public static string KeyRingFolder(ClickcastOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Path.GetFullPath(string.IsNullOrEmpty(options.KeyRingPath) ? Path.Combine(options.DataPath, "keys") : options.KeyRingPath);
    }
}
