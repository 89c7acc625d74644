using System.Collections;
using Clickcast.Export;
using Clickcast.Pipeline;
using Clickcast.Pipeline.Jobs;
using Clickcast.Pipeline.Triggers;
using Clickcast.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Clickcast.Server.Hosting;

/// <summary>
/// The one settings scheme of every clickcast process (<c>serve</c>, <c>worker</c>, <c>run</c> and the other verbs):
/// <c>clickcast.json</c> (the current folder's, or <c>--settings FILE</c>), then <c>CLICKCAST_</c>-prefixed
/// environment variables (<c>__</c> between sections: <c>CLICKCAST_Jobs__RetryInterval=20s</c>), then the flags a
/// command line actually gave. Top-level keys: <see cref="Sections"/>; any other is an error naming it, and so is an
/// unknown key inside a section.
/// </summary>
public static class ClickcastSettings
{
    /// <summary>The settings file read from the current folder.</summary>
    public const string FileName = "clickcast.json";

    /// <summary>The prefix of environment variables that are settings.</summary>
    public const string EnvironmentPrefix = "CLICKCAST_";

    /// <summary>The top-level keys: where data lives (<see cref="ClickcastOptions"/>), then one section per part.</summary>
    public static IReadOnlyList<string> Sections { get; } = ["DataPath", "KeyRingPath", "Storage", "S3", "Metadata", "Jobs", "Sensor", "Pipeline", "Export", "Server", "Limits", "Audit", "Logging"];

    // Older single-word variables, still read (cheap to keep): each is one setting.
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["DATA"] = "DataPath",
        ["S3_SERVICE_URL"] = "S3:ServiceUrl",
        ["S3_BUCKET"] = "S3:Bucket",
        ["S3_ACCESS_KEY"] = "S3:AccessKey",
        ["S3_SECRET_KEY"] = "S3:SecretKey",
        ["S3_REGION"] = "S3:Region",
        ["S3_PREFIX"] = "S3:KeyPrefix",
        ["ADMIN_KEY"] = "Server:AdminKey",
    };

    // CLICKCAST_ variables that are not settings: the command line's server and key, test and fault-injection switches.
    private static readonly string[] NotSettings = ["SERVER", "KEY", "FAULTS", "STALL", "SCREENSHOT", "SHARED_DATA", "TEST_"];

    /// <summary>
    /// Reads the settings: <paramref name="file"/> (or <c>./clickcast.json</c> when it exists), the environment, then
    /// <paramref name="overrides"/> (flags given on the command line). Throws <see cref="SettingsException"/> naming an
    /// unknown top-level key and where it came from.
    /// </summary>
    /// <param name="file">A settings file that must exist, or null for <c>clickcast.json</c> in <paramref name="folder"/> if present.</param>
    /// <param name="folder">Where to look for <c>clickcast.json</c>; the current folder when null.</param>
    /// <param name="overrides">Settings that win over the file and the environment.</param>
    /// <param name="environment">Environment variables; the process's when null.</param>
    public static IConfigurationRoot Build(string? file, string? folder, IReadOnlyDictionary<string, string?>? overrides = null, IReadOnlyDictionary<string, string?>? environment = null)
    {
        DurationTypeConverter.Register();
        var path = file is not null ? Path.GetFullPath(file) : Path.Combine(folder ?? Directory.GetCurrentDirectory(), FileName);
        if (file is not null && !File.Exists(path))
        {
            throw new SettingsException($"{path}: no such settings file");
        }

        var builder = new ConfigurationBuilder();
        var fromEnvironment = FromEnvironment(environment ?? ProcessEnvironment());
        if (fromEnvironment.ContainsKey("S3:ServiceUrl"))
        {
            // CLICKCAST_S3_SERVICE_URL alone used to mean "S3, bucket clickcast": the lowest layer, so the file can change it.
            builder.AddInMemoryCollection(new Dictionary<string, string?> { ["Storage"] = nameof(StorageKind.S3), ["S3:Bucket"] = "clickcast" });
        }

        if (File.Exists(path))
        {
            try
            {
                var own = new ConfigurationBuilder().AddJsonFile(path, optional: false).Build();
                Check(own, path);
            }
            catch (InvalidDataException ex)
            {
                throw new SettingsException($"{path}: not valid JSON: {ex.InnerException?.Message ?? ex.Message}", ex);
            }

            builder.AddJsonFile(path, optional: false);
        }

        foreach (var (key, variable) in fromEnvironment.Keys.Select(k => (k, fromEnvironment[k].Variable)))
        {
            CheckKey(key, $"environment variable {variable}");
        }

        builder.AddInMemoryCollection(fromEnvironment.Select(p => KeyValuePair.Create(p.Key, p.Value.Value)));
        if (overrides is { Count: > 0 })
        {
            foreach (var key in overrides.Keys)
            {
                CheckKey(key, "the command line");
            }

            builder.AddInMemoryCollection(overrides);
        }

        return builder.Build();
    }

    /// <summary>Binds every options class to its section, strictly (an unknown key inside a section is an error too).</summary>
    public static IServiceCollection AddClickcastSettings(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        DurationTypeConverter.Register();
        services.Configure<ClickcastOptions>(options =>
        {
            options.DataPath = configuration["DataPath"] is { Length: > 0 } data ? data : options.DataPath;
            options.KeyRingPath = configuration["KeyRingPath"] is { Length: > 0 } ring ? ring : options.KeyRingPath;
            if (configuration["Storage"] is { Length: > 0 } storage)
            {
                options.Storage = Enum.TryParse<StorageKind>(storage, ignoreCase: true, out var kind) && Enum.IsDefined(kind) && !char.IsAsciiDigit(storage[0])
                    ? kind
                    : throw new InvalidOperationException($"Setting 'Storage' is '{storage}': use one of {string.Join(", ", Enum.GetNames<StorageKind>())}.");
            }

            configuration.GetSection("S3").Bind(options.S3, Strict);
            configuration.GetSection("Metadata").Bind(options.Metadata, Strict);
        });
        services.PostConfigure<ClickcastOptions>(options => options.DataPath = Path.GetFullPath(options.DataPath));
        services.AddOptions<JobOptions>().Bind(configuration.GetSection("Jobs"), Strict);
        services.AddOptions<SensorOptions>().Bind(configuration.GetSection("Sensor"), Strict);
        services.AddOptions<PipelineOptions>().Bind(configuration.GetSection("Pipeline"), Strict);
        services.AddOptions<ExportOptions>().Bind(configuration.GetSection("Export"), Strict);
        services.AddOptions<ServerOptions>().Bind(configuration.GetSection("Server"), Strict).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<Clickcast.Tenants.TenantLimits>().Bind(configuration.GetSection("Limits"), Strict).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<Clickcast.Tenants.Audit.AuditOptions>().Bind(configuration.GetSection("Audit"), Strict).ValidateDataAnnotations().ValidateOnStart();
        return services;
    }

    private static void Strict(BinderOptions options) => options.ErrorOnUnknownConfiguration = true;

    private static void Check(IConfiguration configuration, string source)
    {
        foreach (var child in configuration.GetChildren())
        {
            CheckKey(child.Key, source);
        }
    }

    private static void CheckKey(string key, string source)
    {
        var top = key.Split(':', 2)[0];
        if (Sections.Contains(top, StringComparer.OrdinalIgnoreCase))
        {
            return;
        }

        var hint = string.Equals(top, "Clickcast", StringComparison.OrdinalIgnoreCase)
            ? " (the 'Clickcast' section is gone: DataPath, Storage, S3 and Metadata are top-level keys now)"
            : string.Empty;
        throw new SettingsException($"unknown setting '{top}' in {source}{hint}; the settings are {string.Join(", ", Sections)} (README: Settings)");
    }

    private static Dictionary<string, (string? Value, string Variable)> FromEnvironment(IReadOnlyDictionary<string, string?> environment)
    {
        var settings = new Dictionary<string, (string? Value, string Variable)>(StringComparer.OrdinalIgnoreCase);
        foreach (var (variable, value) in environment)
        {
            // Case-sensitive, as variables are: Clickcast__DataPath (the server's old scheme) is not CLICKCAST_.
            if (!variable.StartsWith(EnvironmentPrefix, StringComparison.Ordinal))
            {
                continue;
            }

            var name = variable[EnvironmentPrefix.Length..];
            if (NotSettings.Any(n => n.EndsWith('_') ? name.StartsWith(n, StringComparison.OrdinalIgnoreCase) : string.Equals(n, name, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            var key = Aliases.TryGetValue(name, out var alias) ? alias : name.Replace("__", ":", StringComparison.Ordinal);
            settings[key] = (value, variable);
        }

        return settings;
    }

    private static Dictionary<string, string?> ProcessEnvironment()
    {
        var all = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            all[(string)entry.Key] = entry.Value as string;
        }

        return all;
    }
}
